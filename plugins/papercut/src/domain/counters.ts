/**
 * A user's balance and cumulative page counters read from PaperCut (`print-stats.page-count` counts every page,
 * `print-stats.color-page-count` the colour ones). Usage in a period is the difference of the counters at its end
 * and at its start (the ledger keeps the start).
 */
import type { PaperCutApi } from './papercut-client.ts'

/** Balance (major units) and counters. */
export interface Counters {
  balance: number
  pageCount: number
  colourPageCount: number
}

/** Reads the counters of `username`. */
export async function readCounters(api: PaperCutApi, username: string): Promise<Counters> {
  const [balance, pages, colour] = await Promise.all([
    api.getBalance(username), api.getUserProperty(username, 'print-stats.page-count'), api.getUserProperty(username, 'print-stats.color-page-count'),
  ])
  return { balance, pageCount: Number.parseInt(pages, 10) || 0, colourPageCount: Number.parseInt(colour, 10) || 0 }
}
