/**
 * `billing.booking_cancellations`: cancellations heard before the booking's charge (the events travel on separate
 * queues); the charge applies them when it arrives.
 */
import type { BillingContext } from '../domain/billing-config.ts'

/** Remembers that `bookingId` was cancelled at `at` (once). */
export async function rememberCancellation(ctx: BillingContext, bookingId: string, at: Date): Promise<void> {
  await ctx.db.query('INSERT INTO billing.booking_cancellations (booking_id, cancelled_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [bookingId, at])
}

/** When `bookingId` was cancelled before its charge, if it was. */
export async function earlyCancellation(ctx: BillingContext, bookingId: string): Promise<Date | undefined> {
  return (await ctx.db.one<{ cancelled_at: Date }>('SELECT cancelled_at FROM billing.booking_cancellations WHERE booking_id = $1', [bookingId]))?.cancelled_at
}
