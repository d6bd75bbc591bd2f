/**
 * `bookings.booking.created` → charge the booking to its person through the credits-first pricing (credits, then an
 * open charge for the next invoice). Idempotent by booking id: a redelivered event returns the first charge.
 *
 * The `cancelled` event travels on another queue and may be handled first; it then left a row in
 * `booking_cancellations`, and the charge made here is refunded at once by the refund-window rule with the recorded
 * cancellation time. A booking billing cannot price (unknown resource, another currency) is logged and skipped — a
 * retry would not make it priceable.
 */
import { ProblemError } from '@tessera/sdk'
import type { EventHandler } from '@tessera/sdk'
import { chargeBooking, refundBooking } from '../domain/booking-pricing.ts'
import { lockWallet } from '../domain/wallet.ts'

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

export const onBookingCreated: EventHandler = async (event, ctx) => {
  const p = event.payload
  const bookingId = str(p.id)
  const personId = str(p.personId)
  const resourceId = str(p.resourceId)
  const startsAt = str(p.startsAt)
  const endsAt = str(p.endsAt)
  if (!bookingId || !personId || !resourceId || !startsAt || !endsAt) {
    ctx.log.warn({ eventId: event.id, bookingId }, 'bookings.booking.created without person, resource or times: not charged')
    return
  }
  const payer = { payerType: 'person' as const, payerId: personId }
  await lockWallet(ctx, payer) // serialises with the cancellation handler and other charges of this payer
  try {
    await chargeBooking(ctx, { ...payer, bookingId, resourceId, startsAt, endsAt, revision: Number.isInteger(p.revision) ? (p.revision as number) : 0 })
  } catch (error) {
    if (error instanceof ProblemError && error.status === 422) {
      ctx.log.warn({ eventId: event.id, bookingId, reason: error.message }, 'booking not charged')
      return
    }
    throw error
  }
  const early = await ctx.db.one<{ cancelled_at: Date }>('SELECT cancelled_at FROM billing.booking_cancellations WHERE booking_id = $1', [bookingId])
  if (early) await refundBooking(ctx, bookingId, early.cancelled_at)
}
