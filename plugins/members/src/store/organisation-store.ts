/**
 * SQL for organisations on the current tenant transaction, in the contract's `Organisation` wire shape (with a people
 * count, ISO timestamps).
 */
import type { Db } from '@tessera/sdk'
import type { Organisation } from '../contract/organisation-schemas.ts'
import { isoTimestamp } from './iso-timestamp.ts'

export type { Organisation } from '../contract/organisation-schemas.ts'

const SELECT = `
  SELECT o.id, o.name, o.email, o.phone, o.notes, ${isoTimestamp('o.created_at')} AS "createdAt", ${isoTimestamp('o.updated_at')} AS "updatedAt",
         (SELECT count(*)::int FROM members.people p WHERE p.organisation_id = o.id) AS "peopleCount"
    FROM members.organisations o`

/** One organisation, or undefined. */
export function getOrganisation(db: Db, id: string): Promise<Organisation | undefined> {
  return db.one<Organisation & Record<string, unknown>>(`${SELECT} WHERE o.id = $1`, [id])
}

/** Name search with pagination. */
export async function searchOrganisations(db: Db, s: { q?: string; limit: number; offset: number }): Promise<{ items: Organisation[]; total: number }> {
  const params: unknown[] = []
  let where = ''
  if (s.q) {
    params.push(`%${s.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`)
    where = `WHERE o.name ILIKE $1 OR o.email ILIKE $1`
  }
  const total = Number((await db.one<{ n: string }>(`SELECT count(*) AS n FROM members.organisations o ${where}`, params))?.n ?? 0)
  const items = await db.many<Organisation & Record<string, unknown>>(
    `${SELECT} ${where} ORDER BY lower(o.name), o.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, s.limit, s.offset],
  )
  return { items, total }
}

/** Fields of an organisation. */
export interface OrganisationFields {
  name?: string
  email?: string | null
  phone?: string | null
  notes?: string | null
}

/** Inserts; returns the id. */
export async function insertOrganisation(db: Db, f: OrganisationFields): Promise<string> {
  const row = await db.one<{ id: string }>(
    'INSERT INTO members.organisations (name, email, phone, notes) VALUES ($1, $2, $3, $4) RETURNING id',
    [f.name, f.email ?? null, f.phone ?? null, f.notes ?? null],
  )
  return row!.id
}

/** Updates given fields; false if missing. */
export async function updateOrganisation(db: Db, id: string, f: OrganisationFields): Promise<boolean> {
  const sets: string[] = []
  const params: unknown[] = [id]
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined) continue
    params.push(v)
    sets.push(`${k} = $${params.length}`)
  }
  return (await db.query(`UPDATE members.organisations SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params)).rowCount === 1
}

/** Deletes an organisation (the caller checks that nobody belongs to it). */
export async function deleteOrganisation(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM members.organisations WHERE id = $1', [id])
}

/** The contact details of an organisation as a GDPR export includes them, or undefined. */
export function organisationContact(db: Db, id: string): Promise<{ id: string; name: string; email: string | null; phone: string | null } | undefined> {
  return db.one<{ id: string; name: string; email: string | null; phone: string | null }>('SELECT id, name, email, phone FROM members.organisations WHERE id = $1', [id])
}
