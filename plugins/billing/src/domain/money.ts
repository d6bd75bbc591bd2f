/**
 * Money arithmetic in integer minor units (cents, pence). Amounts are JS integers well inside 2^53; products that could
 * overflow go through BigInt. Rounding is half-even ("banker's rounding") everywhere: an exact half goes to the even
 * neighbour, so systematic rounding up does not drift totals over many lines.
 */

/** `n / d` rounded half-even; `d` > 0. Exact for any integer inputs (BigInt inside). */
export function divRoundHalfEven(n: number | bigint, d: number | bigint): number {
  const N = BigInt(n)
  const D = BigInt(d)
  if (D <= 0n) throw new Error('divisor must be positive')
  const neg = N < 0n
  const a = neg ? -N : N
  let q = a / D
  const r = a % D
  const twice = r * 2n
  if (twice > D || (twice === D && q % 2n === 1n)) q += 1n
  return Number(neg ? -q : q)
}

/** A line's amounts after tax. */
export interface LineAmounts {
  /** Without tax. */
  net: number
  tax: number
  /** With tax: what the payer pays for the line. */
  gross: number
}

/**
 * Tax of one line. `rateBp` is the rate in basis points (20 % = 2000). Exclusive: `net = quantity × unit`,
 * `tax = round(net × rate)`. Inclusive: `gross = quantity × unit`, `net = round(gross / (1 + rate))`, `tax = gross − net`.
 * Rounded half-even per line; an invoice's totals are the sums of its lines.
 */
export function lineAmounts(quantity: number, unitAmount: number, rateBp: number, inclusive: boolean): LineAmounts {
  const base = quantity * unitAmount
  if (!Number.isSafeInteger(base)) throw new Error('amount out of range')
  if (inclusive) {
    const net = divRoundHalfEven(BigInt(base) * 10000n, 10000 + rateBp)
    return { net, tax: base - net, gross: base }
  }
  const tax = divRoundHalfEven(BigInt(base) * BigInt(rateBp), 10000)
  return { net: base, tax, gross: base + tax }
}

/** Formats minor units for humans (PDF, CSV), e.g. `1234, 'EUR'` → `EUR 12.34`. Two-decimal currencies only. */
export function formatMoney(amount: number, currency: string): string {
  const sign = amount < 0 ? '-' : ''
  const a = Math.abs(amount)
  return `${currency} ${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`
}
