/**
 * `bookings.booking.cancelled` → refund the booking's credits and charge when the cancellation is inside the refund
 * window. Idempotent: a redelivered event refunds nothing twice. A booking not charged yet (its `created` event is
 * still on its way) has its cancellation recorded; the charge then applies it (see `booking-created.ts`).
 */
import { on } from '@tessera/sdk'
import { bookingCancelled } from '@tessera/plugin-bookings/contract'
import type { BookingEventPayload } from '@tessera/plugin-bookings/contract'
import type { BillingConfig } from '../domain/billing-config.ts'
import { refundBooking } from '../domain/booking-pricing.ts'
import { lockWallet } from '../domain/wallet.ts'
import { rememberCancellation } from '../store/booking-cancellations-store.ts'

export const onBookingCancelled = on<BookingEventPayload, BillingConfig>(bookingCancelled, async (event, ctx) => {
  const { id, personId } = event.payload
  // Same lock order as the charge (the payer's wallet first), so the two handlers never interleave for one booking.
  await lockWallet(ctx, { payerType: 'person', payerId: personId })
  const cancelledAt = new Date(event.publishedAt)
  const result = await refundBooking(ctx, id, cancelledAt)
  if (!result) await rememberCancellation(ctx, id, cancelledAt)
})
