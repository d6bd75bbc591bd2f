/**
 * Placing one booking: the rules (422) and the seat allocation (409), looked up together, then the insert, where the
 * database has the last word on overlaps (409), with the no-show check's job enqueued beside it. Used by single and
 * recurring bookings alike.
 *
 * A booking whose start has already passed when it is placed — a staff walk-in, a past occurrence of a series staff
 * record, a member booking the slot that began a minute ago — is stored as checked in: whoever books a slot that has
 * begun is there, so it gets no no-show check and is never released (see `hasStarted`).
 */
import { randomUUID } from 'node:crypto'
import type { CatalogResource } from '@tessera/plugin-spaces/contract'
import type { Person } from '@tessera/plugin-members/contract'
import { seatsOf } from './seats.ts'
import { assertRules } from './booking-rules.ts'
import { freeSeat, insertBooking, seatOneIfFree } from '../store/booking-store.ts'
import type { Booking } from '../store/booking-store.ts'
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
  /**
   * The seats of the resource already held over `[start, end)`, read in this transaction with the lookups that found
   * the resource (`takenSeats`). With them a one-seat resource is allocated without another round trip.
   */
  taken?: readonly number[]
}

/** Places the booking; returns it as stored. */
export async function placeBooking(ctx: BookingsContext, p: Placement): Promise<Booking> {
  const seats = seatsOf(p.resource)
  // the rules' lookup (opening hours, often known already) and the seat's in one round trip; a broken rule (422) is
  // still what the caller hears when the slot is also taken (409)
  const [, seat] = await firstFailureInOrder<[void, number]>([
    assertRules(ctx.db, p.resource, p.start.getTime(), p.end.getTime(), p.staff),
    seats === 1 && p.taken ? seatOneIfFree(p.taken) : freeSeat(ctx.db, p.resource.id, seats, p.start, p.end),
  ])
  const actor = ctx.actor()
  const walkIn = hasStarted(p.start)
  const id = randomUUID()
  // the insert and the no-show check's job in one round trip; when the insert is refused (409), so is the job
  const [booking] = await firstFailureInOrder<[Booking, void]>([
    insertBooking(ctx.db, {
      id, resourceId: p.resource.id, locationId: p.resource.locationId, personId: p.person.id, seat,
      start: p.start, end: p.end, title: p.title, seriesId: p.seriesId, createdBy: `${actor.type}:${actor.id}`, checkedIn: walkIn,
    }),
    walkIn ? Promise.resolve() : scheduleNoShowCheck(ctx, id, p.start),
  ])
  return booking
}

/** True when a booking starting at `start` has already begun at `now`: placed (or moved) so, it is checked in. */
export function hasStarted(start: Date, now = Date.now()): boolean {
  return start.getTime() <= now
}
