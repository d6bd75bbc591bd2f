/**
 * Check-in and no-shows. A booking not checked in within `checkInGraceMinutes` of its start is released: its status
 * becomes `released`, which takes it out of the exclusion constraint, so the slot is bookable again. Each booking gets
 * a `release-no-show` job at start + grace (transactional with the booking); a cron sweep catches anything a job
 * missed. Both are idempotent: only a still-`confirmed`, overdue booking changes.
 */
import type { BookingsContext } from './bookings-config.ts'
import { getBooking, releaseIfOverdue, releaseOverdue } from '../store/booking-store.ts'
import { publishBooking } from './booking-events.ts'
import { bookingReleased } from '../contract/index.ts'

/** Enqueues the no-show check of a booking for start + grace (on the current transaction). */
export async function scheduleNoShowCheck(ctx: BookingsContext, bookingId: string, start: Date): Promise<void> {
  const c = ctx.config()
  if (!c.releaseNoShows) return
  await ctx.jobs.send('release-no-show', { bookingId }, { startAfter: new Date(start.getTime() + c.checkInGraceMinutes * 60_000) })
}

/** Releases one booking if it is an overdue no-show; re-checks later if its (possibly moved) start is not due yet. */
export async function releaseNoShow(ctx: BookingsContext, bookingId: string): Promise<boolean> {
  const c = ctx.config()
  if (!c.releaseNoShows) return false
  if (await releaseIfOverdue(ctx.db, bookingId, c.checkInGraceMinutes)) {
    await ctx.audit.record({ action: 'booking.release', target: `booking:${bookingId}`, data: { reason: 'no-show' } })
    await publishBooking(ctx, bookingReleased, (await getBooking(ctx.db, bookingId))!)
    return true
  }
  const b = await getBooking(ctx.db, bookingId)
  const due = b ? b.startsAt.getTime() + c.checkInGraceMinutes * 60_000 : 0
  if (b?.status === 'confirmed' && due > Date.now()) await ctx.jobs.send('release-no-show', { bookingId }, { startAfter: new Date(due) })
  return false
}

/** Releases every overdue no-show of the tenant that started within the last day; returns how many. */
export async function sweepNoShows(ctx: BookingsContext): Promise<number> {
  const c = ctx.config()
  if (!c.releaseNoShows) return 0
  const ids = await releaseOverdue(ctx.db, c.checkInGraceMinutes)
  for (const id of ids) {
    await ctx.audit.record({ action: 'booking.release', target: `booking:${id}`, data: { reason: 'no-show' } })
    await publishBooking(ctx, bookingReleased, (await getBooking(ctx.db, id))!)
  }
  return ids.length
}
