/**
 * Proration rule: a membership is charged per calendar month (the billing period `YYYY-MM`), by the day. For the days
 * `[from, to]` (inclusive dates) of the membership that fall into a month of `D` days, the charge is
 * `round_half_even(monthlyPrice × coveredDays / D)` — so 1 day of a 31-day month is price/31 and a full month is the
 * full price whatever its length. Dates are plain calendar dates (`YYYY-MM-DD`), no time zone involved.
 */
import { divRoundHalfEven } from '../contract/money.ts'

/** Days in the month of `period` (`YYYY-MM`). */
export function daysInMonth(period: string): number {
  const [y, m] = period.split('-').map(Number)
  return new Date(Date.UTC(y, m, 0)).getUTCDate()
}

/** First and last date (`YYYY-MM-DD`) of `period`. */
export function periodBounds(period: string): { first: string; last: string } {
  return { first: `${period}-01`, last: `${period}-${String(daysInMonth(period)).padStart(2, '0')}` }
}

/** The period (`YYYY-MM`) containing a date (`YYYY-MM-DD`) or instant. */
export function periodOf(date: string | Date): string {
  return (typeof date === 'string' ? date : date.toISOString()).slice(0, 7)
}

/** The period after `period`. */
export function nextPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number)
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

const dayNumber = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000

/** Adds days to a date. */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10)
}

/** Days of `period` covered by a membership from `startsOn` to `endsOn` (inclusive; `null` = open-ended). */
export function coveredDays(period: string, startsOn: string, endsOn: string | null): number {
  const { first, last } = periodBounds(period)
  const from = startsOn > first ? startsOn : first
  const to = endsOn !== null && endsOn < last ? endsOn : last
  return to < from ? 0 : dayNumber(to) - dayNumber(from) + 1
}

/** The prorated charge of `monthlyPrice` for a membership's days in `period` (see the module rule). */
export function prorate(monthlyPrice: number, period: string, startsOn: string, endsOn: string | null): { days: number; daysInPeriod: number; amount: number } {
  const days = coveredDays(period, startsOn, endsOn)
  const daysInPeriod = daysInMonth(period)
  const amount = days === daysInPeriod ? monthlyPrice : divRoundHalfEven(BigInt(monthlyPrice) * BigInt(days), daysInPeriod)
  return { days, daysInPeriod, amount }
}

