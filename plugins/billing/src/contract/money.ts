/**
 * Money arithmetic in integer minor units (cents, pence) — the ONE home of Tessera's rounding and tax rules: billing
 * and POS (through this contract) use these functions, so a sale and an invoice round the same way. Amounts are JS integers well inside 2^53; products that could
 * overflow go through BigInt. Rounding is half-even ("banker's rounding") everywhere: an exact half goes to the even
 * neighbour, so systematic rounding up does not drift totals over many lines.
 */

/**
 * Bounds of every amount (INV-9), chosen so that any accepted combination fits the stored types — `quantity integer`,
 * `unit_amount`/`net`/`tax`/`gross`/totals `bigint` read back as JS numbers, so exact only below 2^53:
 * - a quantity is at most {@link MAX_QUANTITY} (10^5) in absolute value, a unit amount at most {@link MAX_UNIT_AMOUNT}
 *   (10^9 minor units, 10 million in the currency), a tax rate at most 10 000 bp (100 %, a factor of at most 2);
 * - so a line's gross is at most {@link MAX_LINE_AMOUNT} = 10^5 × 10^9 × 2 = 2 × 10^14;
 * - an invoice (its lines' sum) or a payer's payments on one invoice at most {@link MAX_INVOICE_TOTAL} = 9 × 10^15
 *   (below 2^53 ≈ 9.007 × 10^15, at least 45 lines of the largest size). The number of open charges of a payer is not
 *   bounded by a schema, so this one is checked when the lines are summed: the payer gets a 422 (in an invoice run,
 *   only that payer fails).
 */
export const MAX_QUANTITY = 100_000
/** See {@link MAX_QUANTITY}. */
export const MAX_UNIT_AMOUNT = 1_000_000_000
/** See {@link MAX_QUANTITY}. */
export const MAX_TAX_RATE_BP = 10_000
/** See {@link MAX_QUANTITY}. */
export const MAX_LINE_AMOUNT = MAX_QUANTITY * MAX_UNIT_AMOUNT * 2
/** See {@link MAX_QUANTITY}. */
export const MAX_INVOICE_TOTAL = 9_000_000_000_000_000
/** A wallet balance is a PostgreSQL `integer`. */
export const MAX_WALLET_BALANCE = 2_147_483_647

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

/** A line or total beyond the bounds above (a 422 when it reaches a route). */
export class AmountOutOfRange extends Error {
  constructor(quantity: number, unitAmount: number) {
    super(`amount out of range: ${quantity} × ${unitAmount} exceeds ${MAX_LINE_AMOUNT / 2} minor units before tax`)
  }
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
  if (!Number.isSafeInteger(base) || Math.abs(base) > MAX_LINE_AMOUNT / 2 || rateBp < 0 || rateBp > MAX_TAX_RATE_BP) throw new AmountOutOfRange(quantity, unitAmount)
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
