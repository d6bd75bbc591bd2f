/**
 * What a member sees of their printing: their PaperCut state, balance and this period's usage against the plan's
 * allowance — read live from PaperCut when it answers, else the values stored at the last sync (`live: false`).
 */
import { membersDirectory } from '@tessera/plugin-members/contract'
import type { MyPrint } from '../contract/index.ts'
import type { PaperCutContext } from './papercut-config.ts'
import { papercutApi } from './papercut-client.ts'
import { readCounters } from './counters.ts'
import type { Counters } from './counters.ts'
import { periodOf, today } from './period-run.ts'
import { getAccount } from '../store/accounts-store.ts'
import { getPeriod } from '../store/ledger-store.ts'

/** The member's view, or undefined when the user is not linked to a person. */
export async function myPrint(ctx: PaperCutContext, userId: string): Promise<MyPrint | undefined> {
  const person = await ctx.services.get(membersDirectory).personByUserId(userId)
  if (!person) return undefined
  const period = periodOf(today())
  const account = await getAccount(ctx.db, person.id)
  if (!account) {
    return { linked: false, username: null, state: null, printEnabled: false, balance: null, live: false, period, allowancePages: null, pagesUsed: null, colourPagesUsed: null, errorReason: null }
  }
  let counters: Counters | undefined
  try {
    counters = await readCounters(papercutApi(ctx), account.username)
  } catch {
    counters = undefined
  }
  const row = await getPeriod(ctx.db, person.id, period)
  const pages = counters?.pageCount ?? account.pageCount
  const colour = counters?.colourPageCount ?? account.colourPageCount
  return {
    linked: true, username: account.username, state: account.state, printEnabled: account.printEnabled,
    balance: counters?.balance ?? account.balance, live: counters !== undefined, period,
    allowancePages: row?.allowancePages ?? null,
    pagesUsed: row && pages !== null ? pages - row.startPages : null,
    colourPagesUsed: row && colour !== null ? colour - row.startColourPages : null,
    errorReason: account.state === 'synced' ? null : account.errorReason,
  }
}
