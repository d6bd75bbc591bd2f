/**
 * Calendar feed tokens: one per person or resource and tenant. Only a SHA-256 hash is stored, so the database never
 * holds a usable feed URL; issuing a new token replaces the old one (the old URL stops working).
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '@tessera/sdk'

/** What a token opens. */
export interface FeedSubject { kind: 'person' | 'resource'; id: string }

const hash = (token: string) => createHash('sha256').update(token).digest('hex')

/** Issues (or replaces) the token of `subject`; returns the token itself (shown once). */
export async function issueFeedToken(db: Db, subject: FeedSubject): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await db.query(
    `INSERT INTO bookings.feed_tokens (subject_kind, subject_id, token_hash) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, subject_kind, subject_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()`,
    [subject.kind, subject.id, hash(token)],
  )
  return token
}

/** The subject of a token in the current tenant, or undefined. */
export async function feedSubject(db: Db, token: string): Promise<FeedSubject | undefined> {
  const row = await db.one<{ kind: 'person' | 'resource'; id: string }>(
    'SELECT subject_kind AS kind, subject_id AS id FROM bookings.feed_tokens WHERE token_hash = $1', [hash(token)],
  )
  return row ?? undefined
}

/** Removes the tokens of a person (e.g. when they are anonymised). */
export async function revokePersonFeeds(db: Db, personId: string): Promise<void> {
  await db.query(`DELETE FROM bookings.feed_tokens WHERE subject_kind = 'person' AND subject_id = $1`, [personId])
}
