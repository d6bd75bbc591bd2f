/**
 * SQL for recurring bookings (`bookings.series`) on the current tenant transaction: the series row a rule was booked
 * with; its occurrences are ordinary bookings carrying its id (`booking-store.ts`).
 */
import type { Db } from '@tessera/sdk'

/** A series row (instants as `Date`). */
export interface SeriesRow {
  id: string
  resourceId: string
  personId: string
  rrule: string
  timezone: string
  firstStart: Date
  durationMinutes: number
  title: string | null
  cancelledAt: Date | null
}

/** One series or undefined. */
export function getSeries(db: Db, id: string): Promise<SeriesRow | undefined> {
  return db.one<SeriesRow & Record<string, unknown>>(
    `SELECT id, resource_id AS "resourceId", person_id AS "personId", rrule, timezone, first_start AS "firstStart",
            duration_minutes AS "durationMinutes", title, cancelled_at AS "cancelledAt" FROM bookings.series WHERE id = $1`,
    [id],
  )
}

/** What a new series needs. */
export interface NewSeries {
  resourceId: string
  personId: string
  rrule: string
  timezone: string
  firstStart: Date
  durationMinutes: number
  title: string | null
  createdBy: string
}

/** Inserts a series; returns its id. */
export async function insertSeries(db: Db, s: NewSeries): Promise<string> {
  const row = await db.one<{ id: string }>(
    `INSERT INTO bookings.series (resource_id, person_id, rrule, timezone, first_start, duration_minutes, title, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [s.resourceId, s.personId, s.rrule, s.timezone, s.firstStart, s.durationMinutes, s.title, s.createdBy],
  )
  return row!.id
}

/** Marks a series cancelled. */
export async function markSeriesCancelled(db: Db, id: string): Promise<void> {
  await db.query('UPDATE bookings.series SET cancelled_at = now() WHERE id = $1', [id])
}
