/**
 * A person's billing period with PaperCut (calendar months, `YYYY-MM` in UTC): first every earlier period not yet
 * settled is closed — the pages printed in it (counters now minus counters at its start) beyond the plan's
 * allowance become one billing charge on the member's next invoice (source `papercut:overage:<person>:<period>`,
 * so billing charges it once too), priced per page and colour page from the config — then, while the person
 * qualifies, the current period's row is claimed and, only when this call created it, the account is topped up
 * with the allowance (pages × price per page, as a `<double>`). The claim and the top-up share the job's
 * transaction: a failed top-up removes the claim (the retry tops up), a re-run finds the claim and does nothing.
 */
import { billingAccounts, billingPlans } from '@tessera/plugin-billing/contract'
import type { PaperCutContext } from './papercut-config.ts'
import { papercutApi } from './papercut-client.ts'
import { readCounters } from './counters.ts'
import { qualifies } from './person-sync.ts'
import { getAccount, saveCounters } from '../store/accounts-store.ts'
import { claimPeriod, claimSettlement, openPeriodsBefore } from '../store/ledger-store.ts'

/** The period of a day `YYYY-MM-DD`. */
export const periodOf = (day: string): string => day.slice(0, 7)

/** Today in UTC, `YYYY-MM-DD`. */
export const today = (): string => new Date().toISOString().slice(0, 10)

/** What a period run did for a person. */
export interface PeriodOutcome {
  toppedUp: number
  charged: { period: string; amount: number }[]
}

const MAX_ALLOWANCE_PAGES = 1_000_000

/** The allowance in pages from the plan features (a whole number ≥ 0). */
export function allowancePages(features: Record<string, unknown>, key: string): number {
  const v = Number(features[key] ?? 0)
  return Number.isFinite(v) && v > 0 ? Math.min(Math.floor(v), MAX_ALLOWANCE_PAGES) : 0
}

/** The overage of a period in minor units: cost of the pages printed minus the allowance's worth, at least 0. */
export function overageOf(u: { pages: number; colourPages: number; allowancePages: number }, price: { perPage: number; perColourPage: number }): number {
  const mono = Math.max(0, u.pages - u.colourPages)
  const cost = mono * price.perPage + Math.max(0, u.colourPages) * price.perColourPage
  return Math.max(0, cost - u.allowancePages * price.perPage)
}

/** Runs the period of `day` for `personId` (throws a `PaperCutError` when PaperCut fails). */
export async function runPersonPeriod(ctx: PaperCutContext, personId: string, day: string): Promise<PeriodOutcome> {
  const outcome: PeriodOutcome = { toppedUp: 0, charged: [] }
  const account = await getAccount(ctx.db, personId)
  if (!account) return outcome
  const cfg = ctx.config()
  const period = periodOf(day)
  const api = papercutApi(ctx)
  const counters = await readCounters(api, account.username)
  for (const open of await openPeriodsBefore(ctx.db, personId, period)) {
    const overage = overageOf(
      { pages: counters.pageCount - open.startPages, colourPages: counters.colourPageCount - open.startColourPages, allowancePages: open.allowancePages },
      { perPage: cfg.pricePerPage, perColourPage: cfg.pricePerColourPage })
    if (!(await claimSettlement(ctx.db, { personId, period: open.period, endPages: counters.pageCount, endColourPages: counters.colourPageCount, overageAmount: overage }))) continue
    if (overage > 0) {
      await ctx.services.get(billingAccounts).addCharge({
        payerType: 'person', payerId: personId, description: `Printing beyond the allowance, ${open.period}`,
        quantity: 1, unitAmount: overage, taxRateBp: cfg.taxRateBp, source: `papercut:overage:${personId}:${open.period}`,
      })
      outcome.charged.push({ period: open.period, amount: overage })
    }
  }
  if (await qualifies(ctx, personId)) {
    const pages = allowancePages(await ctx.services.get(billingPlans).features('person', personId, day), cfg.allowanceFeature)
    const amount = (pages * cfg.pricePerPage) / 100
    const claimed = await claimPeriod(ctx.db, { personId, period, allowancePages: pages, topupAmount: amount, startPages: counters.pageCount, startColourPages: counters.colourPageCount })
    if (claimed && amount > 0) {
      await api.adjustBalance(account.username, amount, `Print allowance ${period} (tessera ${personId})`)
      outcome.toppedUp = amount
      counters.balance = Math.round((counters.balance + amount) * 100) / 100
    }
  }
  await saveCounters(ctx.db, personId, counters)
  return outcome
}
