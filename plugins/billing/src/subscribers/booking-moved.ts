/**
 * `bookings.booking.moved` → price the booking again for its new resource and times (a 1-hour booking stretched to
 * 9 hours is charged for 9): credits corrected by the difference, the money charge replaced (see `repriceBooking`).
 * Idempotent per booking revision: the event carries the booking's `revision`, and a redelivered or older one changes
 * nothing. A move handled before the booking's charge (the events travel on separate queues) charges it at the new
 * times, and a cancellation remembered before that is applied as the `created` handler would.
 */
import { on, ProblemError } from '@tessera/sdk'
import { bookingMoved } from '@tessera/plugin-bookings/contract'
import type { BookingMovedPayload } from '@tessera/plugin-bookings/contract'
import type { BillingConfig } from '../domain/billing-config.ts'
import { repriceBooking, refundBooking } from '../domain/booking-pricing.ts'
import { lockWallet } from '../domain/wallet.ts'
import { earlyCancellation } from '../store/booking-cancellations-store.ts'

export const onBookingMoved = on<BookingMovedPayload, BillingConfig>(bookingMoved, async (event, ctx) => {
  const { id: bookingId, personId, resourceId, startsAt, endsAt, revision } = event.payload
  const payer = { payerType: 'person' as const, payerId: personId }
  await lockWallet(ctx, payer) // same lock order as the charge and the refund
  let outcome: string
  try {
    outcome = (await repriceBooking(ctx, { ...payer, bookingId, resourceId, startsAt, endsAt, revision })).outcome
  } catch (error) {
    if (error instanceof ProblemError && error.status === 422) {
      ctx.log.warn({ eventId: event.id, bookingId, reason: error.message }, 'booking not re-priced')
      return
    }
    throw error
  }
  if (outcome !== 'charged') return
  const early = await earlyCancellation(ctx, bookingId)
  if (early) await refundBooking(ctx, bookingId, early)
})
