/**
 * Formatting of spaces values for the screens: a day's opening intervals, an amount in minor units, and every price
 * unit of a resource in one line.
 */
import type { Interval, Prices } from '../src/contract/index.ts'

/** "08:00–18:00" for a day's intervals, "Closed" for none. */
export function formatDay(intervals: Interval[] | undefined): string {
  return intervals?.length ? intervals.map((i) => `${i.from}–${i.to}`).join(', ') : 'Closed'
}

/** Minor units → "12.50 EUR". */
export function formatMoney(minor: number | null | undefined, currency: string | undefined): string {
  if (minor === null || minor === undefined) return '—'
  const major = (minor / 100).toFixed(2)
  return currency ? `${major} ${currency}` : major
}

/**
 * Every price unit a resource has, in one line (`25.00 EUR / day`, `45.00 / h · 3 credits / h`); `—` when it has none
 * (free). Lists all units, so a resource priced per day does not look unpriced.
 */
export function formatPrices(prices: Prices): string {
  const parts: string[] = []
  if (typeof prices.perHour === 'number') parts.push(`${formatMoney(prices.perHour, prices.currency)} / h`)
  if (typeof prices.perDay === 'number') parts.push(`${formatMoney(prices.perDay, prices.currency)} / day`)
  if (typeof prices.creditsPerHour === 'number' && prices.creditsPerHour > 0) parts.push(`${prices.creditsPerHour} credit${prices.creditsPerHour === 1 ? '' : 's'} / h`)
  return parts.length ? parts.join(' · ') : '—'
}
