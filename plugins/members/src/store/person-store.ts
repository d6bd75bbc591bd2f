/**
 * SQL for people, on the current tenant transaction (RLS limits every statement to the tenant). Rows come back in
 * the contract's `Person` wire shape (camelCase, ISO timestamps), so routes and the `directory` service return the same thing.
 */
import type { Db } from '@tessera/sdk'
import type { Person, PersonStatus, ConsentSource } from '../contract/person-schemas.ts'
import { isoTimestamp } from './iso-timestamp.ts'

export type { Person } from '../contract/person-schemas.ts'

/** Filters of {@link searchPeople}. */
export interface PersonSearch {
  q?: string
  status?: PersonStatus
  organisationId?: string
  limit: number
  offset: number
}

const SELECT = `
  SELECT p.id, p.name, p.email, p.phone, p.organisation_id AS "organisationId", o.name AS "organisationName",
         p.status, p.notes, p.user_id AS "userId",
         CASE WHEN p.user_id IS NOT NULL THEN 'active' WHEN p.invitation_id IS NOT NULL THEN 'invited' ELSE 'none' END AS login,
         p.anonymised_at IS NOT NULL AS anonymised,
         json_build_object('granted', p.marketing_consent,
                           'at', CASE WHEN p.marketing_consent_at IS NULL THEN NULL ELSE ${isoTimestamp('p.marketing_consent_at')} END,
                           'source', p.marketing_consent_source) AS "marketingConsent",
         ${isoTimestamp('p.created_at')} AS "createdAt", ${isoTimestamp('p.updated_at')} AS "updatedAt"
    FROM members.people p
    LEFT JOIN members.organisations o ON o.id = p.organisation_id`

const BY_ID = `${SELECT} WHERE p.id = $1`
const BY_USER_ID = `${SELECT} WHERE p.user_id = $1`

/** One person, or undefined. */
export function getPerson(db: Db, id: string): Promise<Person | undefined> {
  return db.one<Person & Record<string, unknown>>(BY_ID, [id])
}

/** The person linked to a user account, or undefined. */
export function getPersonByUserId(db: Db, userId: string): Promise<Person | undefined> {
  return db.one<Person & Record<string, unknown>>(BY_USER_ID, [userId])
}

/** Searches by name, e-mail or phone (case-insensitive substring), status and organisation; newest name order. */
export async function searchPeople(db: Db, s: PersonSearch): Promise<{ items: Person[]; total: number }> {
  const where: string[] = []
  const params: unknown[] = []
  if (s.q) {
    params.push(`%${s.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`)
    where.push(`(p.name ILIKE $${params.length} OR p.email ILIKE $${params.length} OR p.phone ILIKE $${params.length} OR o.name ILIKE $${params.length})`)
  }
  if (s.status) { params.push(s.status); where.push(`p.status = $${params.length}`) }
  if (s.organisationId) { params.push(s.organisationId); where.push(`p.organisation_id = $${params.length}`) }
  params.push(s.limit, s.offset)
  const rows = await db.many<Person & { total: string } & Record<string, unknown>>(
    `SELECT x.*, count(*) OVER () AS total FROM (${SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''}) x
      ORDER BY lower(x.name), x.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  )
  let total = rows.length ? Number(rows[0].total) : 0
  if (!rows.length && s.offset > 0) {
    total = Number((await db.one<{ n: string }>(`SELECT count(*) AS n FROM (${SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''}) x`, params.slice(0, -2)))?.n ?? 0)
  }
  return { items: rows.map(({ total: _t, ...p }) => p), total }
}

/** A page of people (not anonymised) ordered by id, after `after`. */
export function pageOfPeople(db: Db, limit: number, after: string | null): Promise<Person[]> {
  return db.many<Person & Record<string, unknown>>(
    `${SELECT} WHERE p.anonymised_at IS NULL AND ($1::uuid IS NULL OR p.id > $1::uuid) ORDER BY p.id LIMIT $2`,
    [after, Math.max(1, Math.min(1000, Math.trunc(limit)))],
  )
}

/**
 * Stores a marketing consent decision unless it is already the recorded one or the person is anonymised; returns
 * the decision's time (ISO string) when a row changed, otherwise undefined.
 */
export async function setMarketingConsent(db: Db, id: string, granted: boolean, source: ConsentSource): Promise<string | undefined> {
  const row = await db.one<{ at: string }>(
    `UPDATE members.people
        SET marketing_consent = $2, marketing_consent_at = now(), marketing_consent_source = $3, updated_at = now()
      WHERE id = $1 AND anonymised_at IS NULL AND (marketing_consent IS DISTINCT FROM $2 OR marketing_consent_at IS NULL)
      RETURNING ${isoTimestamp('marketing_consent_at')} AS at`,
    [id, granted, source],
  )
  return row?.at
}

/** Fields a create or update may set. */
export interface PersonFields {
  name?: string
  email?: string | null
  phone?: string | null
  organisationId?: string | null
  notes?: string | null
  status?: PersonStatus
}

const COLUMNS: Record<keyof PersonFields, string> = {
  name: 'name', email: 'email', phone: 'phone', organisationId: 'organisation_id', notes: 'notes', status: 'status',
}

/** Inserts a person; returns its id. */
export async function insertPerson(db: Db, f: PersonFields): Promise<string> {
  const keys = (Object.keys(f) as (keyof PersonFields)[]).filter((k) => f[k] !== undefined)
  const row = await db.one<{ id: string }>(
    `INSERT INTO members.people (${keys.map((k) => COLUMNS[k]).join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    keys.map((k) => f[k]),
  )
  return row!.id
}

/** The link columns only the invitation flow sets. */
export interface PersonLink {
  userId?: string | null
  invitationId?: string | null
}

/** Updates the given fields; returns false when the person does not exist. */
export async function updatePerson(db: Db, id: string, f: PersonFields & PersonLink): Promise<boolean> {
  const sets: string[] = []
  const params: unknown[] = [id]
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined) continue
    params.push(v)
    sets.push(`${k === 'userId' ? 'user_id' : k === 'invitationId' ? 'invitation_id' : COLUMNS[k as keyof PersonFields]} = $${params.length}`)
  }
  const r = await db.query(`UPDATE members.people SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params)
  return r.rowCount === 1
}

/** The pending invitation of a person (internal: never part of the API shape), or null. */
export async function pendingInvitationOf(db: Db, id: string): Promise<string | null> {
  return (await db.one<{ invitation_id: string | null }>('SELECT invitation_id FROM members.people WHERE id = $1', [id]))?.invitation_id ?? null
}

/** Another person of the tenant already linked to `userId` or holding `invitationId`, if any. */
export async function otherPersonWithLink(db: Db, id: string, link: { userId?: string; invitationId?: string }): Promise<string | undefined> {
  const row = await db.one<{ id: string }>(
    'SELECT id FROM members.people WHERE id <> $1 AND (user_id = $2 OR invitation_id = $3) LIMIT 1',
    [id, link.userId ?? null, link.invitationId ?? null],
  )
  return row?.id
}

/** Anonymises a person irreversibly: personal fields erased, consent cleared, login and invitation unlinked, status `left`. */
export async function anonymisePerson(db: Db, id: string): Promise<void> {
  await db.query(
    `UPDATE members.people
        SET name = 'Anonymised person', email = NULL, phone = NULL, notes = NULL, organisation_id = NULL,
            user_id = NULL, invitation_id = NULL, status = 'left', anonymised_at = now(), updated_at = now(),
            marketing_consent = false, marketing_consent_at = NULL, marketing_consent_source = NULL
      WHERE id = $1`,
    [id],
  )
}

/**
 * Links the person holding `invitationId` to `userId` — unless that person was anonymised or linked meanwhile, or
 * the user already belongs to another person here. Returns the linked person's id and organisation, or undefined.
 */
export function linkInvitedPerson(db: Db, userId: string, invitationId: string): Promise<{ id: string; organisationId: string | null } | undefined> {
  return db.one<{ id: string; organisationId: string | null }>(
    `UPDATE members.people p SET user_id = $1, invitation_id = NULL, updated_at = now()
      WHERE p.invitation_id = $2 AND p.user_id IS NULL AND p.anonymised_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM members.people q WHERE q.user_id = $1)
      RETURNING p.id, p.organisation_id AS "organisationId"`,
    [userId, invitationId],
  )
}
