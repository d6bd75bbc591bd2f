/**
 * Money in integer minor units, tax per line rounded half-even — the same rule as the billing plugin (kept in step by
 * its documentation, not by import: plugins do not import each other's code). POS shelf prices include tax by default.
 */

/** `n / d` rounded half-even, `d` > 0. */
export function divRoundHalfEven(n: number | bigint, d: number | bigint): number {
  const N = BigInt(n)
  const D = BigInt(d)
  const neg = N < 0n
  const a = neg ? -N : N
  let q = a / D
  const r = a % D
  if (r * 2n > D || (r * 2n === D && q % 2n === 1n)) q += 1n
  return Number(neg ? -q : q)
}

/** Net, tax and gross of `quantity × unit` at `rateBp`, tax inclusive or not. */
export function lineAmounts(quantity: number, unit: number, rateBp: number, inclusive: boolean): { net: number; tax: number; gross: number } {
  const base = quantity * unit
  if (inclusive) {
    const net = divRoundHalfEven(BigInt(base) * 10000n, 10000 + rateBp)
    return { net, tax: base - net, gross: base }
  }
  const tax = divRoundHalfEven(BigInt(base) * BigInt(rateBp), 10000)
  return { net: base, tax, gross: base + tax }
}
