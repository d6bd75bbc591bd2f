/**
 * `bookings.booking.cancelled` → refund the booking's credits and charge when the cancellation is inside the refund
 * window (a booking billing never charged is ignored). Idempotent: a redelivered event refunds nothing twice.
 */
import type { EventHandler } from '@tessera/sdk'
import { refundBooking } from '../domain/booking-pricing.ts'

export const onBookingCancelled: EventHandler = async (event, ctx) => {
  const id = event.payload.id
  if (typeof id !== 'string') return
  await refundBooking(ctx, id, new Date(event.publishedAt))
}
