/**
 * `bookings.booking.cancelled` → refund the booking's credits and charge when the cancellation is inside the refund
 * window. Idempotent: a redelivered event refunds nothing twice. A booking not charged yet (its `created` event is
 * still on its way) has its cancellation recorded; the charge then applies it (see `booking-created.ts`).
 */
import type { EventHandler } from '@tessera/sdk'
import { refundBooking } from '../domain/booking-pricing.ts'
import { lockWallet } from '../domain/wallet.ts'

export const onBookingCancelled: EventHandler = async (event, ctx) => {
  const id = event.payload.id
  if (typeof id !== 'string') return
  const personId = event.payload.personId
  // Same lock order as the charge (the payer's wallet first), so the two handlers never interleave for one booking.
  if (typeof personId === 'string' && personId) await lockWallet(ctx, { payerType: 'person', payerId: personId })
  const cancelledAt = new Date(event.publishedAt)
  const result = await refundBooking(ctx, id, cancelledAt)
  if (!result) {
    await ctx.db.query('INSERT INTO billing.booking_cancellations (booking_id, cancelled_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [id, cancelledAt])
  }
}
