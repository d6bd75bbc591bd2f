/**
 * Calendar feed tokens: one per subject (person or resource), issuer and tenant. Only a SHA-256 hash is stored, so the
 * database never holds a usable feed URL. The issuer is `self` (a person's own link, `/feeds/me`) or `staff` (a link
 * staff issued for a person or a resource): issuing a new token replaces only the previous one of the same issuer, so
 * staff issuing a person's link never revokes the link that person made for themselves.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '@tessera/sdk'

/** What a token opens. */
export interface FeedSubject { kind: 'person' | 'resource'; id: string }

/** Who issued a token: the subject person themselves, or staff. */
export type FeedIssuer = 'self' | 'staff'

const hash = (token: string) => createHash('sha256').update(token).digest('hex')

/** Issues (or replaces) the token of `subject` from `issuer`; returns the token itself (shown once) and whether one was replaced. */
export async function issueFeedToken(db: Db, subject: FeedSubject, issuer: FeedIssuer): Promise<{ token: string; replaced: boolean }> {
  const token = randomBytes(32).toString('base64url')
  const row = await db.one<{ replaced: boolean }>(
    `INSERT INTO bookings.feed_tokens (subject_kind, subject_id, issued_by, token_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id, subject_kind, subject_id, issued_by) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()
     RETURNING (xmax <> 0) AS replaced`,
    [subject.kind, subject.id, issuer, hash(token)],
  )
  return { token, replaced: row?.replaced ?? false }
}

/** The subject of a token in the current tenant, or undefined. */
export async function feedSubject(db: Db, token: string): Promise<FeedSubject | undefined> {
  const row = await db.one<{ kind: 'person' | 'resource'; id: string }>(
    'SELECT subject_kind AS kind, subject_id AS id FROM bookings.feed_tokens WHERE token_hash = $1', [hash(token)],
  )
  return row ?? undefined
}

/** Removes every token of a person, whoever issued it (e.g. when they are anonymised). */
export async function revokePersonFeeds(db: Db, personId: string): Promise<void> {
  await db.query(`DELETE FROM bookings.feed_tokens WHERE subject_kind = 'person' AND subject_id = $1`, [personId])
}
