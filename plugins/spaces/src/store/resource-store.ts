/**
 * SQL for resources on the current tenant transaction, in the contract's `Resource` wire shape (ISO timestamps).
 * Rules are stored complete (defaults filled in), so readers never guess.
 */
import type { Db } from '@tessera/sdk'
import type { Resource, ResourceKind, BookingRules, CreateResourceBody } from '../contract/resource-schemas.ts'
import type { Location } from '../contract/location-schemas.ts'
import { isoTimestamp } from './iso-timestamp.ts'
import { LOCATION_SELECT } from './location-store.ts'

export type { Resource } from '../contract/resource-schemas.ts'

/** Writable fields, as stored (rules complete). */
export type ResourceFields = Omit<CreateResourceBody, 'rules'> & { rules?: BookingRules }

/** Filters of {@link searchResources}. */
export interface ResourceSearch {
  locationId?: string
  kind?: ResourceKind
  active?: boolean
  q?: string
  limit: number
  offset: number
}

export const RESOURCE_SELECT = `
  SELECT r.id, r.location_id AS "locationId", r.name, r.kind, r.capacity, r.amenities, r.rules, r.prices,
         r.description, r.active, ${isoTimestamp('r.created_at')} AS "createdAt", ${isoTimestamp('r.updated_at')} AS "updatedAt"
    FROM spaces.resources r`

const COLUMNS: Record<keyof ResourceFields, string> = {
  locationId: 'location_id', name: 'name', kind: 'kind', capacity: 'capacity', amenities: 'amenities', rules: 'rules',
  prices: 'prices', description: 'description', active: 'active',
}
const value = (k: string, v: unknown) => (k === 'rules' || k === 'prices' ? JSON.stringify(v) : v)

const BY_ID = `${RESOURCE_SELECT} WHERE r.id = $1`
const WITH_LOCATION_BY_ID = `SELECT x.*, (SELECT to_jsonb(loc) FROM (${LOCATION_SELECT} WHERE l.id = x."locationId") loc) AS location
       FROM (${RESOURCE_SELECT} WHERE r.id = $1) x`

/** One resource or undefined. */
export function getResource(db: Db, id: string): Promise<Resource | undefined> {
  return db.one<Resource & Record<string, unknown>>(BY_ID, [id])
}

/**
 * One resource with its location (the catalog's shape) in one statement, or undefined: the location row is the same
 * `LOCATION_SELECT`, as JSON, so a caller needs one round trip for both.
 */
export function getResourceWithLocation(db: Db, id: string): Promise<(Resource & { location: Location }) | undefined> {
  return db.one<Resource & { location: Location } & Record<string, unknown>>(WITH_LOCATION_BY_ID, [id])
}

/** Filtered, paginated list ordered by location and name. */
export async function searchResources(db: Db, s: ResourceSearch): Promise<{ items: Resource[]; total: number }> {
  const where: string[] = []
  const params: unknown[] = []
  if (s.locationId) { params.push(s.locationId); where.push(`r.location_id = $${params.length}`) }
  if (s.kind) { params.push(s.kind); where.push(`r.kind = $${params.length}`) }
  if (s.active !== undefined) { params.push(s.active); where.push(`r.active = $${params.length}`) }
  if (s.q) { params.push(`%${s.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`); where.push(`r.name ILIKE $${params.length}`) }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const total = Number((await db.one<{ n: string }>(`SELECT count(*) AS n FROM spaces.resources r ${w}`, params))?.n ?? 0)
  const items = await db.many<Resource & Record<string, unknown>>(
    `${RESOURCE_SELECT} ${w} ORDER BY r.location_id, lower(r.name), r.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, s.limit, s.offset],
  )
  return { items, total }
}

/** Inserts; returns the id. */
export async function insertResource(db: Db, f: ResourceFields): Promise<string> {
  const keys = (Object.keys(f) as (keyof ResourceFields)[]).filter((k) => f[k] !== undefined)
  const row = await db.one<{ id: string }>(
    `INSERT INTO spaces.resources (${keys.map((k) => COLUMNS[k]).join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    keys.map((k) => value(k, f[k])),
  )
  return row!.id
}

/** Updates given fields; false when missing. */
export async function updateResource(db: Db, id: string, f: Partial<ResourceFields>): Promise<boolean> {
  const sets: string[] = []
  const params: unknown[] = [id]
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined) continue
    params.push(value(k, v))
    sets.push(`${COLUMNS[k as keyof ResourceFields]} = $${params.length}`)
  }
  return (await db.query(`UPDATE spaces.resources SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params)).rowCount === 1
}
