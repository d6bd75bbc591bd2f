/**
 * One person's print account as staff see it (the member profile's printing section): the stored account — username,
 * sync state and the last error's reason, balance and page counters as of the last sync or period run — and this
 * period's ledger row (allowance, counters at its start), from which the pages printed this period and their cost at
 * the configured prices follow (`overageOf`, the rule the period's settlement charges by). Nothing is asked of
 * PaperCut here, so a PaperCut outage never slows or breaks a profile. Unknown people (another tenant's included) are a
 * 404.
 */
import { problem } from '@tessera/sdk'
import { membersDirectory } from '@tessera/plugin-members/contract'
import type { PersonPrint } from '../contract/index.ts'
import type { PaperCutContext } from './papercut-config.ts'
import { overageOf, periodOf, today } from './period-run.ts'
import { getAccount } from '../store/accounts-store.ts'
import { getPeriod } from '../store/ledger-store.ts'

/** The staff view of `personId`'s print account. */
export async function personPrint(ctx: PaperCutContext, personId: string): Promise<PersonPrint> {
  if (!(await ctx.services.get(membersDirectory).getPerson(personId))) throw problem.notFound('There is no such person in this space.')
  const period = periodOf(today())
  const account = await getAccount(ctx.db, personId)
  if (!account) {
    return {
      personId, linked: false, username: null, state: null, printEnabled: false, errorKind: null, errorReason: null, errorAt: null, failures: 0,
      syncedAt: null, balance: null, period, allowancePages: null, allowanceAmount: null, pagesUsed: null, colourPagesUsed: null, periodCost: null, overage: null,
    }
  }
  const row = await getPeriod(ctx.db, personId, period)
  const pagesUsed = row && account.pageCount !== null ? Math.max(0, account.pageCount - row.startPages) : null
  const colourPagesUsed = row && account.colourPageCount !== null ? Math.max(0, account.colourPageCount - row.startColourPages) : null
  const cfg = ctx.config()
  const price = { perPage: cfg.pricePerPage, perColourPage: cfg.pricePerColourPage }
  const used = pagesUsed !== null && colourPagesUsed !== null ? { pages: pagesUsed, colourPages: colourPagesUsed } : null
  return {
    personId, linked: true, username: account.username, state: account.state, printEnabled: account.printEnabled,
    errorKind: account.errorKind, errorReason: account.errorReason, errorAt: account.errorAt, failures: account.failures,
    syncedAt: account.syncedAt, balance: account.balance, period,
    allowancePages: row?.allowancePages ?? null, allowanceAmount: row?.topupAmount ?? null, pagesUsed, colourPagesUsed,
    periodCost: used ? overageOf({ ...used, allowancePages: 0 }, price) : null,
    overage: used && row ? overageOf({ ...used, allowancePages: row.allowancePages }, price) : null,
  }
}
