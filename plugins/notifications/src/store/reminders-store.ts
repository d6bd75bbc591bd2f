/**
 * SQL of `notifications.reminders`: one row per booking with the revision its reminder was scheduled for; a job of an
 * older revision, or of a cancelled or released booking, finds nothing to send.
 */
import type { Db } from '@tessera/sdk'

/** A booking's reminder. */
export type ReminderRow = {
  bookingId: string
  personId: string
  resourceId: string
  startsAt: string
  endsAt: string
  revision: number
  state: 'scheduled' | 'none' | 'cancelled' | 'sent'
}

/**
 * Stores the reminder of a booking for `revision`: `scheduled` at `remindAt`, or `none` when no reminder is due (its
 * moment has passed) — either way an older revision's job finds nothing. False when a newer revision is stored or the
 * booking was cancelled.
 */
export async function saveReminder(db: Db, r: Omit<ReminderRow, 'state'> & { remindAt: Date; state: 'scheduled' | 'none' }): Promise<boolean> {
  const res = await db.query(
    `INSERT INTO notifications.reminders (booking_id, person_id, resource_id, starts_at, ends_at, revision, remind_at, state)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (tenant_id, booking_id) DO UPDATE SET person_id = $2, resource_id = $3, starts_at = $4, ends_at = $5, revision = $6,
       remind_at = $7, state = $8, updated_at = now()
     WHERE reminders.revision <= $6 AND reminders.state <> 'cancelled'`,
    [r.bookingId, r.personId, r.resourceId, r.startsAt, r.endsAt, r.revision, r.remindAt, r.state],
  )
  return res.rowCount > 0
}

/**
 * Cancels a booking's reminder (cancelled, released): a later job of it sends nothing. Stored even when no reminder
 * was scheduled yet, so a `created` delivered after the cancellation schedules nothing.
 */
export async function cancelReminder(db: Db, r: Omit<ReminderRow, 'state'>): Promise<void> {
  await db.query(
    `INSERT INTO notifications.reminders (booking_id, person_id, resource_id, starts_at, ends_at, revision, remind_at, state)
     VALUES ($1, $2, $3, $4, $5, $6, $4, 'cancelled')
     ON CONFLICT (tenant_id, booking_id) DO UPDATE SET state = 'cancelled', revision = greatest(reminders.revision, $6), updated_at = now()`,
    [r.bookingId, r.personId, r.resourceId, r.startsAt, r.endsAt, r.revision],
  )
}

/** Claims the reminder of `bookingId` at `revision` for sending: the row if it is still scheduled for it, else undefined. */
export const claimReminder = (db: Db, bookingId: string, revision: number) =>
  db.one<ReminderRow>(
    `UPDATE notifications.reminders SET state = 'sent', updated_at = now()
      WHERE booking_id = $1 AND revision = $2 AND state = 'scheduled'
      RETURNING booking_id AS "bookingId", person_id AS "personId", resource_id AS "resourceId",
        to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "startsAt",
        to_char(ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "endsAt", revision, state`,
    [bookingId, revision],
  )
