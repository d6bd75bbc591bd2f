/**
 * Booking price events (`billing.booking.*`): what a booking cost in credits and money, refunds inside the window and
 * re-pricing of moved or resized bookings. Server only (no UI).
 */
import { defineEvent } from '@tessera/sdk'
import type { PayloadOf } from '@tessera/sdk'
import { eventAmount, eventCredits, eventUuid } from './event-schemas.ts'

/** A booking was charged: credits used first, then `amount` (minor units) as an open charge. @public */
export const bookingCharged = defineEvent({
  name: 'billing.booking.charged',
  description: 'A booking was charged (credits first, then money)',
  schema: {
    type: 'object', additionalProperties: false, required: ['bookingId', 'creditsUsed', 'amount'],
    properties: { bookingId: eventUuid, creditsUsed: eventCredits, amount: eventAmount },
  },
})
/** Payload of {@link bookingCharged}. @public */
export type BookingCharged = PayloadOf<typeof bookingCharged>

/** A booking cancelled inside the refund window got its credits and its charge back. @public */
export const bookingRefunded = defineEvent({
  name: 'billing.booking.refunded',
  description: 'A cancelled booking got its credits and charge back',
  schema: {
    type: 'object', additionalProperties: false, required: ['bookingId', 'creditsRestored', 'amount'],
    properties: { bookingId: eventUuid, creditsRestored: eventCredits, amount: eventAmount },
  },
})
/** Payload of {@link bookingRefunded}. @public */
export type BookingRefunded = PayloadOf<typeof bookingRefunded>

/** A moved or resized booking was priced again at booking `revision`. @public */
export const bookingRepriced = defineEvent({
  name: 'billing.booking.repriced',
  description: 'A moved or resized booking was priced again',
  schema: {
    type: 'object', additionalProperties: false, required: ['bookingId', 'revision', 'creditsUsed', 'amount', 'previousCreditsUsed', 'previousAmount'],
    properties: {
      bookingId: eventUuid, revision: { type: 'integer', minimum: 0, maximum: 2_147_483_647 }, creditsUsed: eventCredits, amount: eventAmount,
      previousCreditsUsed: eventCredits, previousAmount: eventAmount,
    },
  },
})
/** Payload of {@link bookingRepriced}. @public */
export type BookingRepriced = PayloadOf<typeof bookingRepriced>
