/**
 * Prices a resource can have, and the check that billing can charge every booking of it. The units are `perHour` and
 * `perDay` (money, minor units) and `creditsPerHour` (credits from the payer's wallet); billing charges each of them
 * (credits first, then money; by the hour, by the started day, or the lower of both). A resource priced in credits
 * only could not be charged once a payer's credits run out — such a booking would be free — so it is refused here,
 * when the resource is configured, with a 422 naming the field. A resource with no price at all is free by intent.
 */
import type { FieldError } from '@tessera/sdk'
import type { Prices } from '../contract/resource-schemas.ts'

/** Problems of `prices` (pointers into the request body). */
export function pricesProblems(prices: Prices | undefined): FieldError[] {
  if (!prices) return []
  const money = typeof prices.perHour === 'number' || typeof prices.perDay === 'number'
  if ((prices.creditsPerHour ?? 0) > 0 && !money) {
    return [{ pointer: '/body/prices/creditsPerHour', detail: 'a credit price needs a money price (perHour or perDay) for bookings beyond the payer\'s credits' }]
  }
  if (prices.currency !== undefined && !money) {
    return [{ pointer: '/body/prices/currency', detail: 'a currency needs a money price (perHour or perDay)' }]
  }
  return []
}
