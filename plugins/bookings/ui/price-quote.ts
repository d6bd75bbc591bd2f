/**
 * What a booking costs, before it is made or changed: billing's quote (`GET /api/v1/billing/booking-quote`, the same
 * pricing that charges the booking — credits first, then money) and its wording. When the tenant has not enabled
 * billing the quote is `null` and the screens show no price. Billing's wire type is declared here (bookings' UI does
 * not depend on billing's package): the fields of its `BookingQuote`.
 */
import { api, ProblemError } from '@tessera/ui-kit'

/** Billing's quote of a booking. */
export interface Quote {
  currency: string
  minutes: number
  creditsNeeded: number
  creditsAvailable: number
  creditsUsed: number
  fullAmount: number
  amount: number
  previous: { creditsUsed: number; amount: number } | null
}

/** What to quote: a resource and times, for a person (staff), for a booking being changed. */
export interface QuoteRequest {
  resourceId: string
  startsAt: string
  endsAt: string
  personId?: string
  bookingId?: string
}

/** The quote, or null when billing is not enabled here (404) or cannot price this resource (422). */
export async function fetchQuote(q: QuoteRequest): Promise<Quote | null> {
  try {
    return await api<Quote>('/api/v1/billing/booking-quote', { query: { ...q } })
  } catch (error) {
    if (error instanceof ProblemError && (error.status === 404 || error.status === 422)) return null
    throw error
  }
}

/** `€12.50` from minor units. */
export function money(minor: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(minor / 100)
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`
  }
}

const credits = (n: number) => `${n} credit${n === 1 ? '' : 's'}`

/** "Free", "3 credits", "€15.00", or "3 credits + €15.00". */
export function costText(creditsUsed: number, amount: number, currency: string): string {
  if (!creditsUsed && !amount) return 'Free'
  if (!amount) return credits(creditsUsed)
  if (!creditsUsed) return money(amount, currency)
  return `${credits(creditsUsed)} + ${money(amount, currency)}`
}

/** The quote of a new booking in a sentence: "Costs 3 credits + €15.00 (you have 3 credits)." */
export function quoteText(q: Quote): string {
  const held = q.creditsNeeded ? ` (${credits(q.creditsAvailable)} available)` : ''
  return `Costs ${costText(q.creditsUsed, q.amount, q.currency)}${held}.`
}

/** The price difference of a change in a sentence: "Costs €15.00 more: 3 credits + €30.00 instead of 3 credits + €15.00." */
export function differenceText(q: Quote): string {
  const now = costText(q.creditsUsed, q.amount, q.currency)
  if (!q.previous) return `Costs ${now}.`
  const before = costText(q.previous.creditsUsed, q.previous.amount, q.currency)
  const moneyDelta = q.amount - q.previous.amount
  const creditsDelta = q.creditsUsed - q.previous.creditsUsed
  if (!moneyDelta && !creditsDelta) return `The price stays ${now}.`
  const parts = [
    creditsDelta ? `${credits(Math.abs(creditsDelta))} ${creditsDelta > 0 ? 'more' : 'back'}` : '',
    moneyDelta ? `${money(Math.abs(moneyDelta), q.currency)} ${moneyDelta > 0 ? 'more' : 'less'}` : '',
  ].filter(Boolean)
  return `${parts.join(' and ')}: ${now} instead of ${before}.`
}
