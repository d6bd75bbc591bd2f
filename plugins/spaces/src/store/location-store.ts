/**
 * SQL for locations on the current tenant transaction, in the contract's `Location` wire shape (ISO timestamps).
 */
import type { Db } from '@tessera/sdk'
import type { Location, UpdateLocationBody } from '../contract/location-schemas.ts'
import { isoTimestamp } from './iso-timestamp.ts'

export type { Location } from '../contract/location-schemas.ts'

/** Writable fields (the body of a create or an update). */
export type LocationFields = UpdateLocationBody

export const LOCATION_SELECT = `
  SELECT l.id, l.name, l.address, l.timezone, l.opening_hours AS "openingHours", l.closures, l.active,
         (SELECT count(*)::int FROM spaces.resources r WHERE r.location_id = l.id) AS "resourceCount",
         ${isoTimestamp('l.created_at')} AS "createdAt", ${isoTimestamp('l.updated_at')} AS "updatedAt"
    FROM spaces.locations l`

const COLUMNS: Record<keyof LocationFields, string> = {
  name: 'name', address: 'address', timezone: 'timezone', openingHours: 'opening_hours', closures: 'closures', active: 'active',
}
const JSON_FIELDS = new Set(['address', 'openingHours', 'closures'])

const value = (k: string, v: unknown) => (JSON_FIELDS.has(k) ? JSON.stringify(v) : v)

/** One location or undefined. */
export function getLocation(db: Db, id: string): Promise<Location | undefined> {
  return db.one<Location & Record<string, unknown>>(`${LOCATION_SELECT} WHERE l.id = $1`, [id])
}

/** Search by name with pagination. */
export async function searchLocations(db: Db, s: { q?: string; active?: boolean; limit: number; offset: number }): Promise<{ items: Location[]; total: number }> {
  const where: string[] = []
  const params: unknown[] = []
  if (s.q) { params.push(`%${s.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`); where.push(`l.name ILIKE $${params.length}`) }
  if (s.active !== undefined) { params.push(s.active); where.push(`l.active = $${params.length}`) }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const total = Number((await db.one<{ n: string }>(`SELECT count(*) AS n FROM spaces.locations l ${w}`, params))?.n ?? 0)
  const items = await db.many<Location & Record<string, unknown>>(
    `${LOCATION_SELECT} ${w} ORDER BY lower(l.name), l.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, s.limit, s.offset],
  )
  return { items, total }
}

/** Inserts; returns the id. */
export async function insertLocation(db: Db, f: LocationFields): Promise<string> {
  const keys = (Object.keys(f) as (keyof LocationFields)[]).filter((k) => f[k] !== undefined)
  const row = await db.one<{ id: string }>(
    `INSERT INTO spaces.locations (${keys.map((k) => COLUMNS[k]).join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    keys.map((k) => value(k, f[k])),
  )
  return row!.id
}

/** Updates given fields; false when missing. */
export async function updateLocation(db: Db, id: string, f: LocationFields): Promise<boolean> {
  const sets: string[] = []
  const params: unknown[] = [id]
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined) continue
    params.push(value(k, v))
    sets.push(`${COLUMNS[k as keyof LocationFields]} = $${params.length}`)
  }
  return (await db.query(`UPDATE spaces.locations SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params)).rowCount === 1
}

/** Deletes a location (the caller checks that it has no resources). */
export async function deleteLocation(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM spaces.locations WHERE id = $1', [id])
}
