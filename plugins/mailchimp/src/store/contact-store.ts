/**
 * SQL for contacts: which people this plugin put in which audience, under which subscriber hash, in which state, and
 * the last error of their sync. The e-mail address itself is not kept (members owns it).
 */
import type { Db } from '@tessera/sdk'
import { isoTimestamp } from './iso-timestamp.ts'

/** A contact row. */
export interface Contact {
  personId: string
  audienceId: string
  subscriberHash: string
  status: 'subscribed' | 'unsubscribed' | 'cleaned'
  tags: string[]
}

const SELECT = `SELECT person_id AS "personId", audience_id AS "audienceId", subscriber_hash AS "subscriberHash", status, tags FROM mailchimp.contacts`

/** The contact of a person in an audience. */
export function getContact(db: Db, personId: string, audienceId: string): Promise<Contact | undefined> {
  return db.one<Contact & Record<string, unknown>>(`${SELECT} WHERE person_id = $1 AND audience_id = $2`, [personId, audienceId])
}

/** Every contact of a person (any audience). */
export function contactsOfPerson(db: Db, personId: string): Promise<Contact[]> {
  return db.many<Contact & Record<string, unknown>>(`${SELECT} WHERE person_id = $1`, [personId])
}

/** The contact of a subscriber hash in an audience. */
export function contactByHash(db: Db, audienceId: string, hash: string): Promise<Contact | undefined> {
  return db.one<Contact & Record<string, unknown>>(`${SELECT} WHERE audience_id = $1 AND subscriber_hash = $2`, [audienceId, hash])
}

/** Stores the contact's state after a successful call (clears its error). */
export async function saveContact(db: Db, c: Contact): Promise<void> {
  await db.query(
    `INSERT INTO mailchimp.contacts (person_id, audience_id, subscriber_hash, status, tags) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, person_id, audience_id) DO UPDATE
        SET subscriber_hash = EXCLUDED.subscriber_hash, status = EXCLUDED.status, tags = EXCLUDED.tags,
            last_error = NULL, error_at = NULL, synced_at = now()`,
    [c.personId, c.audienceId, c.subscriberHash, c.status, c.tags])
}

/** Stores many subscribed contacts at once (after a batch). */
export async function saveSubscribed(db: Db, audienceId: string, rows: { personId: string; subscriberHash: string; tags: string[] }[]): Promise<void> {
  if (!rows.length) return
  await db.query(
    `INSERT INTO mailchimp.contacts (person_id, audience_id, subscriber_hash, status, tags)
     SELECT x.person_id, $1, x.hash, 'subscribed', ARRAY(SELECT jsonb_array_elements_text(x.tags))
       FROM jsonb_to_recordset($2::jsonb) AS x(person_id uuid, hash text, tags jsonb)
     ON CONFLICT (tenant_id, person_id, audience_id) DO UPDATE
        SET subscriber_hash = EXCLUDED.subscriber_hash, status = 'subscribed', tags = EXCLUDED.tags, last_error = NULL, error_at = NULL, synced_at = now()`,
    [audienceId, JSON.stringify(rows.map((r) => ({ person_id: r.personId, hash: r.subscriberHash, tags: r.tags })))])
}

/** Records the error of a person's sync (the contact row is created when the person has none yet). */
export async function recordContactError(db: Db, personId: string, audienceId: string, hash: string, message: string): Promise<void> {
  await db.query(
    `INSERT INTO mailchimp.contacts (person_id, audience_id, subscriber_hash, status, last_error, error_at) VALUES ($1, $2, $3, 'unsubscribed', $4, now())
     ON CONFLICT (tenant_id, person_id, audience_id) DO UPDATE SET last_error = EXCLUDED.last_error, error_at = now()`,
    [personId, audienceId, hash, message.slice(0, 1000)])
}

/** Sets the state of a contact heard from Mailchimp (webhook). */
export async function setContactStatus(db: Db, personId: string, audienceId: string, status: Contact['status'], hash?: string): Promise<void> {
  await db.query(
    'UPDATE mailchimp.contacts SET status = $3, subscriber_hash = coalesce($4, subscriber_hash), synced_at = now() WHERE person_id = $1 AND audience_id = $2',
    [personId, audienceId, status, hash ?? null])
}

/** Forgets a contact (after the permanent delete). */
export async function deleteContact(db: Db, personId: string, audienceId: string): Promise<void> {
  await db.query('DELETE FROM mailchimp.contacts WHERE person_id = $1 AND audience_id = $2', [personId, audienceId])
}

/** Counts by state and the latest errors of an audience. */
export async function contactSummary(db: Db, audienceId: string): Promise<{ subscribed: number; unsubscribed: number; errors: { personId: string; error: string; at: string }[] }> {
  const counts = await db.one<{ subscribed: string; unsubscribed: string }>(
    `SELECT count(*) FILTER (WHERE status = 'subscribed') AS subscribed, count(*) FILTER (WHERE status <> 'subscribed') AS unsubscribed
       FROM mailchimp.contacts WHERE audience_id = $1`, [audienceId])
  const errors = await db.many<{ personId: string; error: string; at: string }>(
    `SELECT person_id AS "personId", last_error AS error, ${isoTimestamp('error_at')} AS at FROM mailchimp.contacts
      WHERE audience_id = $1 AND last_error IS NOT NULL ORDER BY error_at DESC LIMIT 50`, [audienceId])
  return { subscribed: Number(counts?.subscribed ?? 0), unsubscribed: Number(counts?.unsubscribed ?? 0), errors }
}
