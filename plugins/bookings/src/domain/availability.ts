/**
 * The availability finder: free slots of one resource, or of every active resource of a kind at a location, over
 * local dates in the location's timezone, at a slot length. Slots are laid from the start of each opening window
 * (from `openingWindows`, the same windows booking creation checks), keep to the resource's rules (length, horizon,
 * who may book, not in the past), and subtract active bookings seat by seat: a slot is offered when some seat is
 * free for all of it — exactly the seat booking creation would allocate.
 */
import { problem } from '@tessera/sdk'
import type { Db } from '@tessera/sdk'
import { spacesCatalog } from '@tessera/plugin-spaces/contract'
import type { CatalogResource } from '@tessera/plugin-spaces/contract'
import { bookingsPermissions } from '../contract/index.ts'
import type { Availability, AvailabilityQuery } from '../contract/index.ts'
import type { BookingsContext } from './bookings-config.ts'
import { toWireSlot } from './booking-wire.ts'
import { seatsOf } from './seats.ts'
import { openingWindows } from './opening-windows.ts'
import { activeBookings } from '../store/booking-store.ts'

/** A free slot. */
export interface Slot {
  resourceId: string
  startsAt: Date
  endsAt: Date
  seatsFree: number
}

/** Finder input. */
export interface SlotQuery {
  fromDate: string
  toDate: string
  slotMinutes: number
  staff: boolean
  now?: number
}

/** Free slots of `resources` (all at one location). */
export async function findSlots(db: Db, resources: CatalogResource[], q: SlotQuery): Promise<Slot[]> {
  if (!resources.length) return []
  const now = q.now ?? Date.now()
  const length = q.slotMinutes * 60_000
  const windows = await openingWindows(db, resources[0].location, q.fromDate, q.toDate)
  if (!windows.length) return []
  const taken = await activeBookings(db, resources.map((r) => r.id), new Date(windows[0].start), new Date(windows[windows.length - 1].end))
  const slots: Slot[] = []
  for (const r of resources) {
    const rules = r.rules
    if (!r.active || !r.location.active) continue
    if (!q.staff && rules.bookableBy === 'staff') continue
    if (q.slotMinutes < rules.minMinutes || q.slotMinutes > rules.maxMinutes) continue
    const seats = seatsOf(r)
    const mine = taken.filter((b) => b.resourceId === r.id)
    const horizon = now + rules.maxDaysAhead * 86_400_000
    for (const w of windows) {
      for (let s = w.start; s + length <= w.end; s += length) {
        if (s < now || s > horizon) continue
        const e = s + length
        const used = new Set(mine.filter((b) => b.start.getTime() < e && s < b.end.getTime()).map((b) => b.seat))
        const free = seats - used.size
        if (free > 0) slots.push({ resourceId: r.id, startsAt: new Date(s), endsAt: new Date(e), seatsFree: free })
      }
    }
  }
  return slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.resourceId.localeCompare(b.resourceId))
}

/** The answer of `GET /availability`: free slots of `q.resourceId`, or of the resources of `q.kind` at `q.locationId`. */
export async function searchAvailability(ctx: BookingsContext, q: AvailabilityQuery): Promise<Availability> {
  const to = q.to ?? q.from
  const days = (Date.parse(to) - Date.parse(q.from)) / 86_400_000
  if (days < 0 || days > 30) throw problem.badRequest('Search at most 31 days, with from <= to.', [{ pointer: '/querystring/to', detail: 'out of range' }])
  const catalog = ctx.services.get(spacesCatalog)
  let resources: CatalogResource[]
  if (q.resourceId) {
    const r = await catalog.getResource(q.resourceId)
    if (!r) throw problem.notFound('No such resource.')
    resources = [r]
  } else if (q.locationId) {
    resources = await catalog.listResources({ locationId: q.locationId, kind: q.kind })
  } else {
    throw problem.badRequest('Give a resourceId, or a locationId (and optionally a kind).', [{ pointer: '/querystring/resourceId', detail: 'or locationId is required' }])
  }
  const slots = await findSlots(ctx.db, resources, { fromDate: q.from, toDate: to, slotMinutes: q.slotMinutes, staff: ctx.can(bookingsPermissions.manage) })
  return { timezone: resources[0]?.location.timezone ?? null, from: q.from, to, slotMinutes: q.slotMinutes, slots: slots.map(toWireSlot) }
}
