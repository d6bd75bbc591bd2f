/**
 * SQL for bookings on the current tenant transaction. Placing a booking allocates a seat: the lowest seat of the
 * resource free over the whole interval; one-at-a-time resources have only seat 1, and the exclusion constraint has
 * the last word (409).
 *
 * Every write that puts a booking on a slot (an insert, a move) first takes the resource's transaction-scoped
 * advisory lock, sent in the same round trip. For a hot-desk area that is what lets concurrent requests see each
 * other's seats, so exactly `capacity` fit. For every resource it keeps the exclusion constraint from deadlocking:
 * two transactions inserting overlapping rows at once each find the other's uncommitted row and wait for the other
 * to end, and PostgreSQL breaks the cycle only after `deadlock_timeout` (1 s) by failing one of them. Under a rush on
 * one slot (measured: 200 clients, 10 connections) such cycles formed one after another, a 500 every second and the
 * requests behind them timing out. Serialised per resource, the loser waits for the lock instead, then finds the
 * winner's committed row at once (409).
 */
import { problem } from '@tessera/sdk'
import type { Db } from '@tessera/sdk'
import type { BookingStatus } from '../contract/index.ts'

/** The statuses that hold the slot, as an SQL list. */
export const ACTIVE_STATUSES = `('confirmed', 'checked_in')`

/** A booking row (instants as `Date`; `toWireBooking` gives the API shape). */
export interface Booking {
  id: string
  resourceId: string
  locationId: string
  personId: string
  seriesId: string | null
  seat: number
  startsAt: Date
  endsAt: Date
  status: BookingStatus
  title: string | null
  /** Grows by one on every move, resize, cancellation or release (the iCal `SEQUENCE`). */
  revision: number
  checkedInAt: Date | null
  cancelledAt: Date | null
  releasedAt: Date | null
  createdAt: Date
  updatedAt: Date
}

const COLUMNS = `
         b.id, b.resource_id AS "resourceId", b.location_id AS "locationId", b.person_id AS "personId",
         b.series_id AS "seriesId", b.seat, lower(b.during) AS "startsAt", upper(b.during) AS "endsAt", b.status, b.title,
         b.revision, b.checked_in_at AS "checkedInAt", b.cancelled_at AS "cancelledAt", b.released_at AS "releasedAt",
         b.created_at AS "createdAt", b.updated_at AS "updatedAt"`
const SELECT = `SELECT ${COLUMNS} FROM bookings.bookings b`
const BY_ID = `${SELECT} WHERE b.id = $1`

/** One booking or undefined. */
export function getBooking(db: Db, id: string): Promise<Booking | undefined> {
  return db.one<Booking & Record<string, unknown>>(BY_ID, [id])
}

/** Listing filters; `from`/`to` select bookings overlapping that interval. */
export interface BookingFilter {
  resourceId?: string
  locationId?: string
  personId?: string
  seriesId?: string
  status?: BookingStatus
  from?: string
  to?: string
  /** By start, earliest first (default) or latest first. */
  order?: 'asc' | 'desc'
  limit: number
  offset: number
}

/** Filtered, paginated bookings in start order. */
export async function listBookings(db: Db, f: BookingFilter): Promise<{ items: Booking[]; total: number }> {
  const where: string[] = []
  const params: unknown[] = []
  const add = (sql: string, v: unknown) => { params.push(v); where.push(sql.replace('?', `$${params.length}`)) }
  if (f.resourceId) add('b.resource_id = ?', f.resourceId)
  if (f.locationId) add('b.location_id = ?', f.locationId)
  if (f.personId) add('b.person_id = ?', f.personId)
  if (f.seriesId) add('b.series_id = ?', f.seriesId)
  if (f.status) add('b.status = ?', f.status)
  if (f.from || f.to) {
    params.push(f.from ?? null, f.to ?? null)
    where.push(`b.during && tstzrange($${params.length - 1}::timestamptz, $${params.length}::timestamptz, '[)')`)
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const total = Number((await db.one<{ n: string }>(`SELECT count(*) AS n FROM bookings.bookings b ${w}`, params))?.n ?? 0)
  const items = await db.many<Booking & Record<string, unknown>>(
    `${SELECT} ${w} ORDER BY lower(b.during) ${f.order === 'desc' ? 'DESC' : 'ASC'}, b.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  )
  return { items, total }
}

/** Serialises the writes that put bookings on slots of one resource until the transaction ends (re-entrant). */
async function lockResource(db: Db, resourceId: string): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock(hashtextextended('tessera.bookings.resource:' || $1, 0))`, [resourceId])
}

const FREE_SEAT = `
  SELECT s.seat FROM generate_series(1, $2::int) AS s(seat)
   WHERE NOT EXISTS (
     SELECT 1 FROM bookings.bookings o
      WHERE o.resource_id = $1 AND o.seat = s.seat AND o.status IN ${ACTIVE_STATUSES}
        AND o.during && tstzrange($3::timestamptz, $4::timestamptz, '[)') AND o.id IS DISTINCT FROM $5::uuid)
   ORDER BY s.seat LIMIT 1`

/** The 409 of a resource with `seats` seats, all held at the time asked for. */
function allSeatsTaken(seats: number): Error {
  return problem.conflict(seats > 1 ? `All ${seats} seats are taken at that time.` : 'The resource is already booked at that time.')
}

/**
 * The lowest seat free over `[start, end)` (409 when none is), locking the resource first. The lock and the search
 * are issued together, so they travel in one round trip: PostgreSQL runs them in order, and the search, a statement
 * of its own under READ COMMITTED, takes its snapshot once the lock is held, so it sees every seat committed by
 * whoever held the lock before.
 */
export async function freeSeat(db: Db, resourceId: string, seats: number, start: Date, end: Date, except?: string): Promise<number> {
  const [, row] = await Promise.all([
    lockResource(db, resourceId),
    db.one<{ seat: number }>(FREE_SEAT, [resourceId, seats, start, end, except ?? null]),
  ])
  if (!row) throw allSeatsTaken(seats)
  return row.seat
}

const TAKEN_SEATS = `
  SELECT DISTINCT o.seat FROM bookings.bookings o
   WHERE o.resource_id = $1 AND o.status IN ${ACTIVE_STATUSES} AND o.during && tstzrange($2::timestamptz, $3::timestamptz, '[)')`

/**
 * The seats of `resourceId` held over `[start, end)` as this transaction sees them, without a lock: it needs nothing
 * but the resource's id and the interval, so it can be read together with the lookups that find the resource. For a
 * one-seat resource that is all the allocation needs ({@link seatOneIfFree}); the exclusion constraint still refuses a
 * booking committed meanwhile. `start` must be before `end`.
 */
export function takenSeats(db: Db, resourceId: string, start: Date, end: Date): Promise<number[]> {
  return db.many<{ seat: number }>(TAKEN_SEATS, [resourceId, start, end]).then((rows) => rows.map((r) => r.seat))
}

/** Seat 1 of a one-seat resource, given the seats {@link takenSeats} found held (409 when seat 1 is). */
export async function seatOneIfFree(taken: readonly number[]): Promise<number> {
  if (taken.includes(1)) throw allSeatsTaken(1)
  return 1
}

const INSERT = `
  INSERT INTO bookings.bookings AS b (id, resource_id, location_id, person_id, series_id, occurrence_start, seat, during, title, created_by, status, checked_in_at)
  VALUES ($11, $1, $2, $3, $4, CASE WHEN $4::uuid IS NULL THEN NULL ELSE $5::timestamptz END, $6, tstzrange($5, $7, '[)'), $8, $9,
          CASE WHEN $10::boolean THEN 'checked_in' ELSE 'confirmed' END, CASE WHEN $10::boolean THEN now() END)
  RETURNING ${COLUMNS}`

/** What a new booking needs. */
export interface NewBooking {
  /** Chosen by the caller (a random UUID), so that statements about the booking can travel with its insert. */
  id: string
  resourceId: string
  locationId: string
  personId: string
  /** The seat {@link freeSeat} found, in the same transaction. */
  seat: number
  start: Date
  end: Date
  title?: string | null
  createdBy: string
  seriesId?: string
  /** Placed already started (a walk-in): stored as checked in, so it is never released as a no-show. */
  checkedIn?: boolean
}

/**
 * Places a booking on the seat found free, under the resource's lock (taken in the same round trip; the lock is
 * re-entrant, so after {@link freeSeat} it costs nothing); returns it as stored (the exclusion constraint has the last
 * word: 409).
 */
export async function insertBooking(db: Db, b: NewBooking): Promise<Booking> {
  const [, row] = await Promise.all([lockResource(db, b.resourceId), db.one<Booking & Record<string, unknown>>(INSERT,
    [b.resourceId, b.locationId, b.personId, b.seriesId ?? null, b.start, b.seat, b.end, b.title ?? null, b.createdBy, b.checkedIn ?? false, b.id],
  )])
  return row!
}

/**
 * Moves a booking to a new interval (and maybe resource), re-allocating its seat (409 when none is free), and counts
 * a new revision. With `checkIn` (moved to a start that has already passed) it is checked in as well.
 */
export async function moveBooking(db: Db, id: string, to: { resourceId: string; locationId: string; seats: number; start: Date; end: Date; checkIn?: boolean }): Promise<void> {
  const seat = await freeSeat(db, to.resourceId, to.seats, to.start, to.end, id)
  await db.query(
    `UPDATE bookings.bookings SET resource_id = $2, location_id = $3, seat = $4, during = tstzrange($5, $6, '[)'), revision = revision + 1,
            status = CASE WHEN $7::boolean AND status = 'confirmed' THEN 'checked_in' ELSE status END,
            checked_in_at = CASE WHEN $7::boolean AND status = 'confirmed' THEN now() ELSE checked_in_at END, updated_at = now()
      WHERE id = $1`,
    [id, to.resourceId, to.locationId, seat, to.start, to.end, to.checkIn ?? false],
  )
}

/** Active bookings of some resources overlapping `[from, to)`: what the availability finder subtracts. */
export function activeBookings(db: Db, resourceIds: string[], from: Date, to: Date): Promise<{ resourceId: string; seat: number; start: Date; end: Date }[]> {
  return db.many(
    `SELECT resource_id AS "resourceId", seat, lower(during) AS start, upper(during) AS end FROM bookings.bookings
      WHERE resource_id = ANY($1::uuid[]) AND status IN ${ACTIVE_STATUSES} AND during && tstzrange($2, $3, '[)')`,
    [resourceIds, from, to],
  )
}

/** Sets a booking's title. */
export async function setBookingTitle(db: Db, id: string, title: string | null): Promise<void> {
  await db.query('UPDATE bookings.bookings SET title = $2, updated_at = now() WHERE id = $1', [id, title])
}

/** Cancels a booking and counts a new revision. */
export async function markCancelled(db: Db, id: string): Promise<void> {
  await db.query(`UPDATE bookings.bookings SET status = 'cancelled', cancelled_at = now(), revision = revision + 1, updated_at = now() WHERE id = $1`, [id])
}

/** Marks a booking checked in. */
export async function markCheckedIn(db: Db, id: string): Promise<void> {
  await db.query(`UPDATE bookings.bookings SET status = 'checked_in', checked_in_at = now(), updated_at = now() WHERE id = $1`, [id])
}

/** Cancels the still-confirmed future occurrences of a series, each with a new revision; returns their ids. */
export async function cancelFutureOccurrences(db: Db, seriesId: string): Promise<string[]> {
  const rows = await db.many<{ id: string }>(
    `UPDATE bookings.bookings SET status = 'cancelled', cancelled_at = now(), revision = revision + 1, updated_at = now()
      WHERE series_id = $1 AND status = 'confirmed' AND lower(during) > now() RETURNING id`,
    [seriesId],
  )
  return rows.map((r) => r.id)
}

/** Erases the free-text titles of a person's bookings and series (anonymisation); the bookings themselves stay. */
export async function eraseTitlesOf(db: Db, personId: string): Promise<void> {
  await db.query('UPDATE bookings.bookings SET title = NULL, updated_at = now() WHERE person_id = $1 AND title IS NOT NULL', [personId])
  await db.query('UPDATE bookings.series SET title = NULL WHERE person_id = $1', [personId])
}

const RELEASE = `
  UPDATE bookings.bookings SET status = 'released', released_at = now(), revision = revision + 1, updated_at = now()
   WHERE status = 'confirmed' AND lower(during) + make_interval(mins => $1) <= now() AND %WHERE%
   RETURNING id`

/** Releases booking `id` if it is a confirmed booking more than `graceMinutes` past its start; true when it was. */
export async function releaseIfOverdue(db: Db, id: string, graceMinutes: number): Promise<boolean> {
  return (await db.many<{ id: string }>(RELEASE.replace('%WHERE%', 'id = $2'), [graceMinutes, id])).length > 0
}

/** Releases every overdue confirmed booking that started within the last day; returns their ids. */
export async function releaseOverdue(db: Db, graceMinutes: number): Promise<string[]> {
  const rows = await db.many<{ id: string }>(RELEASE.replace('%WHERE%', `lower(during) > now() - interval '1 day'`), [graceMinutes])
  return rows.map((r) => r.id)
}
