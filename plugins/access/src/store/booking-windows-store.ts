/**
 * SQL of this plugin's copy of bookings (`access.booking_windows`): one row per booking, replaced only by a newer
 * event, and the agents whose doors a booking opens.
 */
import type { Db } from '@tessera/sdk'

/** A booking as access keeps it. */
export interface BookingWindow {
  bookingId: string; personId: string; resourceId: string; locationId: string; startsAt: string; endsAt: string
  /** Whether the booking still holds (confirmed or checked in). */
  active: boolean
  /** When the event that produced this state was published (older events are ignored). */
  eventAt: string
}

/** Stores the booking's state unless a newer event was applied already; returns whether it was applied. */
export async function upsertBookingWindow(db: Db, w: BookingWindow): Promise<boolean> {
  const applied = await db.one(
    `INSERT INTO access.booking_windows (booking_id, person_id, resource_id, location_id, starts_at, ends_at, active, event_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (tenant_id, booking_id) DO UPDATE SET person_id = EXCLUDED.person_id, resource_id = EXCLUDED.resource_id,
       location_id = EXCLUDED.location_id, starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, active = EXCLUDED.active,
       event_at = EXCLUDED.event_at
     WHERE access.booking_windows.event_at <= EXCLUDED.event_at
     RETURNING booking_id`,
    [w.bookingId, w.personId, w.resourceId, w.locationId, w.startsAt, w.endsAt, w.active, w.eventAt])
  return applied !== undefined
}

/** The agents with doors of `resourceId` (and, when `entrances`, with doors of no resource at `locationId`). */
export async function agentsWithDoorsOf(db: Db, resourceId: string, locationId: string, entrances: boolean): Promise<string[]> {
  const rows = await db.many<{ agent_id: string }>(
    `SELECT DISTINCT agent_id FROM access.doors WHERE resource_id = $1 OR ($3::boolean AND resource_id IS NULL AND location_id = $2)`,
    [resourceId, locationId, entrances])
  return rows.map((r) => r.agent_id)
}

/** Forgets bookings that ended more than two days ago. */
export async function forgetPastBookings(db: Db): Promise<void> {
  await db.query(`DELETE FROM access.booking_windows WHERE ends_at < now() - interval '2 days'`)
}
