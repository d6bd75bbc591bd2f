/**
 * Check-in and no-shows. A booking not checked in within `checkInGraceMinutes` of its start is released: its status
 * becomes `released`, which takes it out of the exclusion constraint, so the slot is bookable again. Each booking gets
 * a `release-no-show` job at start + grace (transactional with the booking); a cron sweep catches anything a job
 * missed. Both are idempotent: only a still-`confirmed`, overdue booking changes.
 */
import type { PluginContext } from '@tessera/sdk'
import { bookingsConfig } from './bookings-config.ts'
import type { BookingsConfig } from './bookings-config.ts'
import { getBooking } from '../store/booking-store.ts'
import { publishBooking } from './booking-events.ts'

const cfg = (ctx: PluginContext) => bookingsConfig(ctx.config() as Partial<BookingsConfig>)

/** Enqueues the no-show check of a booking for start + grace (on the current transaction). */
export async function scheduleNoShowCheck(ctx: PluginContext, bookingId: string, start: Date): Promise<void> {
  const c = cfg(ctx)
  if (!c.releaseNoShows) return
  await ctx.jobs.send('release-no-show', { bookingId }, { startAfter: new Date(start.getTime() + c.checkInGraceMinutes * 60_000) })
}

const RELEASE = `
  UPDATE bookings.bookings SET status = 'released', released_at = now(), revision = revision + 1, updated_at = now()
   WHERE status = 'confirmed' AND lower(during) + make_interval(mins => $1) <= now() AND %WHERE%
   RETURNING id`

/** Releases one booking if it is an overdue no-show; re-checks later if its (possibly moved) start is not due yet. */
export async function releaseNoShow(ctx: PluginContext, bookingId: string): Promise<boolean> {
  const c = cfg(ctx)
  if (!c.releaseNoShows) return false
  const rows = await ctx.db.many<{ id: string }>(RELEASE.replace('%WHERE%', 'id = $2'), [c.checkInGraceMinutes, bookingId])
  if (rows.length) {
    await ctx.audit.record({ action: 'booking.release', target: `booking:${bookingId}`, data: { reason: 'no-show' } })
    await publishBooking(ctx, 'bookings.booking.released', (await getBooking(ctx.db, bookingId))!)
    return true
  }
  const b = await getBooking(ctx.db, bookingId)
  const due = b ? b.startsAt.getTime() + c.checkInGraceMinutes * 60_000 : 0
  if (b?.status === 'confirmed' && due > Date.now()) await ctx.jobs.send('release-no-show', { bookingId }, { startAfter: new Date(due) })
  return false
}

/** Releases every overdue no-show of the tenant that started within the last day; returns how many. */
export async function sweepNoShows(ctx: PluginContext): Promise<number> {
  const c = cfg(ctx)
  if (!c.releaseNoShows) return 0
  const rows = await ctx.db.many<{ id: string }>(RELEASE.replace('%WHERE%', `lower(during) > now() - interval '1 day'`), [c.checkInGraceMinutes])
  for (const r of rows) {
    await ctx.audit.record({ action: 'booking.release', target: `booking:${r.id}`, data: { reason: 'no-show' } })
    await publishBooking(ctx, 'bookings.booking.released', (await getBooking(ctx.db, r.id))!)
  }
  return rows.length
}

/** The check-in window of a booking: [start - opens, start + grace]. */
export function checkInWindow(ctx: PluginContext, start: Date): { opens: number; closes: number } {
  const c = cfg(ctx)
  return { opens: start.getTime() - c.checkInOpensMinutes * 60_000, closes: start.getTime() + c.checkInGraceMinutes * 60_000 }
}
