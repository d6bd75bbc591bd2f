/**
 * `bookings.booking.moved` → price the booking again for its new resource and times (a 1-hour booking stretched to
 * 9 hours is charged for 9): credits corrected by the difference, the money charge replaced (see `repriceBooking`).
 * Idempotent per booking revision: the event carries the booking's `revision`, and a redelivered or older one changes
 * nothing. A move handled before the booking's charge (the events travel on separate queues) charges it at the new
 * times, and a cancellation remembered before that is applied as the `created` handler would.
 */
import { ProblemError } from '@tessera/sdk'
import type { EventHandler } from '@tessera/sdk'
import { repriceBooking, refundBooking } from '../domain/booking-pricing.ts'
import { lockWallet } from '../domain/wallet.ts'

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

export const onBookingMoved: EventHandler = async (event, ctx) => {
  const p = event.payload
  const bookingId = str(p.id)
  const personId = str(p.personId)
  const resourceId = str(p.resourceId)
  const startsAt = str(p.startsAt)
  const endsAt = str(p.endsAt)
  const revision = p.revision
  if (!bookingId || !personId || !resourceId || !startsAt || !endsAt || !Number.isInteger(revision)) {
    ctx.log.warn({ eventId: event.id, bookingId }, 'bookings.booking.moved without person, resource, times or revision: not re-priced')
    return
  }
  const payer = { payerType: 'person' as const, payerId: personId }
  await lockWallet(ctx, payer) // same lock order as the charge and the refund
  let outcome: string
  try {
    outcome = (await repriceBooking(ctx, { ...payer, bookingId, resourceId, startsAt, endsAt, revision: revision as number })).outcome
  } catch (error) {
    if (error instanceof ProblemError && error.status === 422) {
      ctx.log.warn({ eventId: event.id, bookingId, reason: error.message }, 'booking not re-priced')
      return
    }
    throw error
  }
  if (outcome !== 'charged') return
  const early = await ctx.db.one<{ cancelled_at: Date }>('SELECT cancelled_at FROM billing.booking_cancellations WHERE booking_id = $1', [bookingId])
  if (early) await refundBooking(ctx, bookingId, early.cancelled_at)
}
