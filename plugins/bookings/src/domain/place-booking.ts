/**
 * Placing one booking: the rules (422) and the seat allocation (409), looked up together, then the insert, where the
 * database has the last word on overlaps (409), then the no-show check is enqueued. Used by single and recurring bookings alike.
 *
 * A booking whose start has already passed when it is placed — a staff walk-in, a past occurrence of a series staff
 * record, a member booking the slot that began a minute ago — is stored as checked in: whoever books a slot that has
 * begun is there, so it gets no no-show check and is never released (see `hasStarted`).
 */
import type { CatalogResource } from '@tessera/plugin-spaces/contract'
import type { Person } from '@tessera/plugin-members/contract'
import { seatsOf } from './seats.ts'
import { assertRules } from './booking-rules.ts'
import { freeSeat, insertBooking } from '../store/booking-store.ts'
import { scheduleNoShowCheck } from './no-show.ts'
import { firstFailureInOrder } from './first-failure.ts'
import type { BookingsContext } from './bookings-config.ts'

/** What to place. */
export interface Placement {
  resource: CatalogResource
  person: Person
  start: Date
  end: Date
  title?: string | null
  seriesId?: string
  staff: boolean
}

/** Places the booking; returns its id. */
export async function placeBooking(ctx: BookingsContext, p: Placement): Promise<string> {
  const seats = seatsOf(p.resource)
  // the rules' lookup (opening hours) and the seat's travel in one round trip; a broken rule (422) is still what the
  // caller hears when the slot is also taken (409)
  const [, seat] = await firstFailureInOrder<[void, number]>([
    assertRules(ctx.db, p.resource, p.start.getTime(), p.end.getTime(), p.staff),
    freeSeat(ctx.db, p.resource.id, seats, p.start, p.end),
  ])
  const actor = ctx.actor()
  const walkIn = hasStarted(p.start)
  const id = await insertBooking(ctx.db, {
    resourceId: p.resource.id, locationId: p.resource.locationId, personId: p.person.id, seat,
    start: p.start, end: p.end, title: p.title, seriesId: p.seriesId, createdBy: `${actor.type}:${actor.id}`, checkedIn: walkIn,
  })
  if (!walkIn) await scheduleNoShowCheck(ctx, id, p.start)
  return id
}

/** True when a booking starting at `start` has already begun at `now`: placed (or moved) so, it is checked in. */
export function hasStarted(start: Date, now = Date.now()): boolean {
  return start.getTime() <= now
}
