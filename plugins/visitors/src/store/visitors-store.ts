/**
 * Reads and writes of visits, all through the plugin's EntityManager: insert, find one, a day's list (expected that
 * day or badged that day, filtered and paginated), a host's own guests, the next badge number of a day (an
 * `INSERT … ON CONFLICT DO UPDATE` on the day's counter, so two concurrent check-ins never share a number), and a
 * status change guarded by the status it leaves (an `UPDATE … WHERE status = <from>`: of two concurrent check-ins of
 * one visitor, exactly one changes the row).
 */
import { raw } from '@tessera/orm'
import type { EntityManager } from '@tessera/orm'
import type { Visitor, VisitorStatus } from '../contract/index.ts'
import { BadgeCounterEntity, VisitorEntity } from './entities.ts'
import type { VisitorRow } from './entities.ts'

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null)

/** A visitor row in its wire form. */
export function toVisitor(row: VisitorRow): Visitor {
  return {
    id: row.id, name: row.name, email: row.email ?? null, company: row.company ?? null, expectedAt: row.expectedAt.toISOString(),
    hostUserId: row.hostUserId, hostName: row.hostName, status: row.status, badgeNumber: row.badgeNumber ?? null,
    badgeDay: row.badgeDay ?? null, arrivedAt: iso(row.arrivedAt), leftAt: iso(row.leftAt), cancelledAt: iso(row.cancelledAt),
    locationId: row.locationId ?? null, registeredBy: row.registeredBy ?? null, createdAt: row.createdAt.toISOString(),
  }
}

/** What a registration stores. */
export interface NewVisit {
  name: string
  email: string | null
  company: string | null
  expectedAt: Date
  hostUserId: string
  hostName: string
  locationId: string | null
  registeredBy: string | null
}

/** Inserts a visit (status `expected`) on the kernel's transaction. */
export async function insertVisit(em: EntityManager, visit: NewVisit): Promise<VisitorRow> {
  const row = em.create(VisitorEntity, { ...visit, status: 'expected' })
  await em.flush()
  return row
}

/** A visit of the current tenant (RLS), or `null`. */
export function findVisit(em: EntityManager, id: string): Promise<VisitorRow | null> {
  return em.findOne(VisitorEntity, { id }, { refresh: true })
}

/** Filters of a day's list. */
export interface DayFilter {
  day: string
  range: { start: Date; end: Date }
  status?: VisitorStatus
  hostUserId?: string
  q?: string
  limit: number
  offset: number
}

const likeText = (text: string) => `%${text.replace(/[\\%_]/g, (c) => '\\' + c)}%`

/** The visits expected on the day or badged that day, by expected time; cancelled ones only when asked for. */
export async function listDay(em: EntityManager, f: DayFilter): Promise<{ items: VisitorRow[]; total: number }> {
  const onDay = { $or: [{ expectedAt: { $gte: f.range.start, $lt: f.range.end } }, { badgeDay: f.day }] }
  const where = {
    $and: [
      onDay,
      f.status ? { status: f.status } : { status: { $ne: 'cancelled' as const } },
      ...(f.hostUserId ? [{ hostUserId: f.hostUserId }] : []),
      ...(f.q ? [{ $or: [{ name: { $ilike: likeText(f.q) } }, { company: { $ilike: likeText(f.q) } }] }] : []),
    ],
  }
  const [items, total] = await em.findAndCount(VisitorEntity, where, { orderBy: { expectedAt: 'asc', id: 'asc' }, limit: f.limit, offset: f.offset })
  return { items, total }
}

/** A host's own visits expected from `from` on (and those still in the building), soonest first. */
export async function listHosted(em: EntityManager, hostUserId: string, from: Date, limit: number, offset: number): Promise<{ items: VisitorRow[]; total: number }> {
  const [items, total] = await em.findAndCount(
    VisitorEntity,
    { hostUserId, $or: [{ expectedAt: { $gte: from } }, { status: 'arrived' }] },
    { orderBy: { expectedAt: 'asc', id: 'asc' }, limit, offset },
  )
  return { items, total }
}

/** The next badge number of `day` for the current tenant (1 for the day's first), counted in this transaction. */
export async function nextBadgeNumber(em: EntityManager, day: string): Promise<number> {
  const rows = await em.createQueryBuilder(BadgeCounterEntity)
    .insert({ day, last: 1 })
    .onConflict(['tenantId', 'day'])
    .merge({ last: raw('badge_counters.last + 1') })
    .returning(['last'])
    .execute('all')
  return Number((rows as unknown as { last: number }[])[0].last)
}

/** Sets `changes` on the visit if its status is still `from`; false when it is not (or the visit is unknown). */
export async function changeStatus(em: EntityManager, id: string, from: VisitorStatus, changes: Partial<Pick<VisitorRow, 'status' | 'badgeNumber' | 'badgeDay' | 'arrivedAt' | 'leftAt' | 'cancelledAt' | 'locationId'>>): Promise<boolean> {
  return (await em.nativeUpdate(VisitorEntity, { id, status: from }, changes)) === 1
}
