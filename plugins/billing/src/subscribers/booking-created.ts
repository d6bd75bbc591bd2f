/**
 * `bookings.booking.created` → charge the booking to its person through the credits-first pricing (credits, then an
 * open charge for the next invoice). Idempotent by booking id: a redelivered event returns the first charge. The
 * payload is typed and validated by the bookings contract, so person, resource and times are always there.
 *
 * The `cancelled` event travels on another queue and may be handled first; it then left a row in
 * `booking_cancellations`, and the charge made here is refunded at once by the refund-window rule with the recorded
 * cancellation time. A booking billing cannot price (unknown resource, another currency) is logged and skipped — a
 * retry would not make it priceable.
 */
import { on, ProblemError } from '@tessera/sdk'
import { bookingCreated } from '@tessera/plugin-bookings/contract'
import type { BookingEventPayload } from '@tessera/plugin-bookings/contract'
import type { BillingConfig } from '../domain/billing-config.ts'
import { chargeBooking, refundBooking } from '../domain/booking-pricing.ts'
import { lockWallet } from '../domain/wallet.ts'
import { earlyCancellation } from '../store/booking-cancellations-store.ts'

export const onBookingCreated = on<BookingEventPayload, BillingConfig>(bookingCreated, async (event, ctx) => {
  const { id: bookingId, personId, resourceId, startsAt, endsAt, revision } = event.payload
  const payer = { payerType: 'person' as const, payerId: personId }
  await lockWallet(ctx, payer) // serialises with the cancellation handler and other charges of this payer
  try {
    await chargeBooking(ctx, { ...payer, bookingId, resourceId, startsAt, endsAt, revision })
  } catch (error) {
    if (error instanceof ProblemError && error.status === 422) {
      ctx.log.warn({ eventId: event.id, bookingId, reason: error.message }, 'booking not charged')
      return
    }
    throw error
  }
  const early = await earlyCancellation(ctx, bookingId)
  if (early) await refundBooking(ctx, bookingId, early)
})
