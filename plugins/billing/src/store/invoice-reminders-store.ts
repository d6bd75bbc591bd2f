/**
 * SQL of the payment reminders staff send (`billing.invoice_reminders`, migration 010): the invoice locked while a
 * reminder is decided (two clicks at once queue, and the second sees the first), an invoice's latest reminder with its
 * age by the database clock, and a new reminder.
 */
import type { Db } from '@tessera/sdk'

/** The latest reminder of an invoice. */
export type ReminderRow = { id: string; sentAt: string; sentById: string; sentByName: string; sentTo: string; ageSeconds: number }

// ISO 8601 in UTC, as the API answers times
const COLS = `id, to_char(sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "sentAt", sent_by_id AS "sentById", sent_by_name AS "sentByName", sent_to AS "sentTo"`

/** Locks the invoice row `id` for this transaction; false when there is none (in this tenant). */
export async function lockInvoice(db: Db, id: string): Promise<boolean> {
  return !!(await db.one('SELECT id FROM billing.invoices WHERE id = $1 FOR UPDATE', [id]))
}

/** The latest reminder of invoice `invoiceId`, or undefined. */
export function latestReminder(db: Db, invoiceId: string): Promise<ReminderRow | undefined> {
  return db.one<ReminderRow>(
    `SELECT ${COLS}, extract(epoch FROM clock_timestamp() - sent_at)::float8 AS "ageSeconds"
       FROM billing.invoice_reminders WHERE invoice_id = $1 ORDER BY sent_at DESC LIMIT 1`, [invoiceId])
}

/** Records a reminder sent now by `sender` to `to`. */
export async function insertReminder(db: Db, r: { invoiceId: string; sentById: string; sentByName: string; sentTo: string }): Promise<Omit<ReminderRow, 'ageSeconds'>> {
  return (await db.one<Omit<ReminderRow, 'ageSeconds'>>(
    `INSERT INTO billing.invoice_reminders (invoice_id, sent_by_id, sent_by_name, sent_to) VALUES ($1, $2, $3, $4) RETURNING ${COLS}`,
    [r.invoiceId, r.sentById, r.sentByName, r.sentTo]))!
}
