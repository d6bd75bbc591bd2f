/**
 * SQL of `notifications.messages`: the message log. Rows come back in the contract's wire shape (ISO timestamps);
 * the stored template data and sealed secrets only through {@link getQueuedMessage}, for the sender.
 */
import type { Db } from '@tessera/sdk'
import type { MessageState, NotificationMessage } from '../contract/notifications-schemas.ts'

const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
const COLS = `id, template, essential, recipient_email AS "recipientEmail", recipient_name AS "recipientName", subject, state, attempts,
  error, ${iso('created_at')} AS "createdAt", ${iso('sent_at')} AS "sentAt", ${iso('next_attempt_at')} AS "nextAttemptAt"`

/** A message to store. */
export interface NewMessage {
  key: string
  template: string
  essential: boolean
  email: string
  name: string | null
  userId: string | null
  subject: string
  data: Record<string, unknown>
  secretBox: string | null
  /** `skipped` with its reason (switched off by the recipient), or pending. */
  skipped?: string
}

/** A stored message with what the sender needs. */
export type QueuedMessage = NotificationMessage & { key: string; data: Record<string, unknown>; secretBox: string | null; recipientUserId: string | null }

/** Stores a message unless its key exists; returns its id, or null for a duplicate. */
export async function insertMessage(db: Db, m: NewMessage): Promise<string | null> {
  const row = await db.one<{ id: string }>(
    `INSERT INTO notifications.messages (idempotency_key, template, essential, recipient_email, recipient_name, recipient_user_id, subject, data, secret_box, state, error)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (tenant_id, idempotency_key) DO NOTHING RETURNING id`,
    [m.key, m.template, m.essential, m.email, m.name, m.userId, m.subject, JSON.stringify(m.data), m.secretBox, m.skipped ? 'skipped' : 'pending', m.skipped ?? null],
  )
  return row?.id ?? null
}

/** The message with its data and sealed secrets, locked for this transaction (one sender at a time). */
export const getQueuedMessage = (db: Db, id: string) =>
  db.one<QueuedMessage>(
    `SELECT ${COLS}, idempotency_key AS key, data, secret_box AS "secretBox", recipient_user_id AS "recipientUserId" FROM notifications.messages WHERE id = $1 FOR UPDATE`,
    [id],
  )

/** One message of the log. */
export const getMessage = (db: Db, id: string) => db.one<NotificationMessage>(`SELECT ${COLS} FROM notifications.messages WHERE id = $1`, [id])

/** A page of the log, newest first, optionally of one state. */
export async function listMessages(db: Db, q: { state?: MessageState; limit: number; offset: number }): Promise<{ items: NotificationMessage[]; total: number }> {
  const where = q.state ? 'WHERE state = $3' : ''
  const params: unknown[] = [q.limit, q.offset, ...(q.state ? [q.state] : [])]
  const items = await db.many<NotificationMessage>(`SELECT ${COLS} FROM notifications.messages ${where} ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`, params)
  const total = await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM notifications.messages ${q.state ? 'WHERE state = $1' : ''}`, q.state ? [q.state] : [])
  return { items, total: total!.n }
}

/** Records a sent message: the SMTP id; its data and secrets are dropped (nothing left to send). */
export async function markSent(db: Db, id: string, smtpMessageId: string | null, subject: string): Promise<void> {
  await db.query(
    `UPDATE notifications.messages SET state = 'sent', attempts = attempts + 1, error = NULL, smtp_message_id = $2, subject = $3,
       secret_box = NULL, next_attempt_at = NULL, sent_at = now(), updated_at = now() WHERE id = $1`,
    [id, smtpMessageId, subject],
  )
}

/** Records a failed attempt: `pending` until `nextAttemptAt`, or `failed` (with the secrets dropped) when there is none. */
export async function markAttemptFailed(db: Db, id: string, error: string, retryInSeconds: number | null): Promise<void> {
  await db.query(
    `UPDATE notifications.messages SET attempts = attempts + 1, error = $2,
       state = CASE WHEN $3::int IS NULL THEN 'failed' ELSE 'pending' END,
       next_attempt_at = CASE WHEN $3::int IS NULL THEN NULL ELSE now() + make_interval(secs => $3::int) END,
       updated_at = now() WHERE id = $1`,
    [id, error.slice(0, 1000), retryInSeconds],
  )
}

/** Records a message that was not sent (no attempt): SMTP not configured, or switched off meanwhile. */
export async function markSkipped(db: Db, id: string, reason: string): Promise<void> {
  await db.query(`UPDATE notifications.messages SET state = 'skipped', error = $2, next_attempt_at = NULL, updated_at = now() WHERE id = $1`, [id, reason])
}

/** Staff retry of a failed or skipped message: pending again with a fresh attempt count. False when it is neither. */
export async function resetForRetry(db: Db, id: string): Promise<boolean> {
  const r = await db.query(
    `UPDATE notifications.messages SET state = 'pending', attempts = 0, error = NULL, next_attempt_at = NULL, updated_at = now()
      WHERE id = $1 AND state IN ('failed', 'skipped')`,
    [id],
  )
  return r.rowCount > 0
}
