/**
 * What the booking routes do: list, read, create, reschedule, cancel and check in. Staff (`bookings.manage`) act on
 * any booking; everyone else sees and changes only their own — another member's booking answers 404, as if it did not
 * exist. Each change publishes its event on the same transaction.
 */
import { problem } from '@tessera/sdk'
import { spacesCatalog } from '@tessera/plugin-spaces/contract'
import type { CatalogResource } from '@tessera/plugin-spaces/contract'
import type { Person } from '@tessera/plugin-members/contract'
import { bookingCreated, bookingUpdated, bookingCancelled } from '../contract/index.ts'
import type { BookingQuery, BookingPage, CreateBookingBody, RescheduleBody } from '../contract/index.ts'
import { getBooking, listBookings, moveBooking, setBookingTitle, markCancelled, markCheckedIn, takenSeats } from '../store/booking-store.ts'
import type { Booking } from '../store/booking-store.ts'
import { caller, bookingPerson, visiblePerson } from './booker.ts'
import type { Caller } from './booker.ts'
import { seatsOf } from './seats.ts'
import { assertRules } from './booking-rules.ts'
import { placeBooking, hasStarted } from './place-booking.ts'
import { publishBooking, publishMoved } from './booking-events.ts'
import { scheduleNoShowCheck } from './no-show.ts'
import { firstFailureInOrder } from './first-failure.ts'
import { toWireBooking } from './booking-wire.ts'
import { assertCheckInOpen, checkInPolicy } from './check-in.ts'
import type { BookingsContext } from './bookings-config.ts'

/** Loads a resource through the catalog (422 when unknown). */
export async function resourceOr422(ctx: BookingsContext, id: string): Promise<CatalogResource> {
  const r = await ctx.services.get(spacesCatalog).getResource(id)
  if (!r) throw problem.unprocessable('No such resource.', [{ pointer: '/body/resourceId', detail: 'no such resource' }])
  return r
}

/** A booking the caller may see, else 404. */
async function visibleBooking(ctx: BookingsContext, who: Caller, id: string): Promise<Booking> {
  const b = await getBooking(ctx.db, id)
  if (!b || (!who.seesAll && b.personId !== who.self?.id)) throw problem.notFound('No such booking.')
  return b
}

/** A booking the caller may change: staff any, others their own. */
async function changeableBooking(ctx: BookingsContext, who: Caller, id: string): Promise<Booking> {
  const b = await visibleBooking(ctx, who, id)
  if (!who.staff && b.personId !== who.self?.id) throw problem.forbidden('You can only change your own bookings.')
  return b
}

const reloaded = async (ctx: BookingsContext, id: string): Promise<Booking> => (await getBooking(ctx.db, id))!

/** A booking as the routes answer it: with its check-in window and whether check-in is open now. */
const wire = (ctx: BookingsContext, b: Booking) => toWireBooking(b, checkInPolicy(ctx))

/** The bookings the caller may see matching `q`, a page of them. */
export async function listVisibleBookings(ctx: BookingsContext, q: BookingQuery): Promise<BookingPage> {
  const who = await caller(ctx)
  const own = visiblePerson(who)
  const empty = { items: [], total: 0, limit: q.limit, offset: q.offset }
  if (own === null) return empty
  if (own && q.personId && q.personId !== own) return empty
  const page = await listBookings(ctx.db, { ...q, personId: own ?? q.personId })
  return { items: page.items.map((b) => wire(ctx, b)), total: page.total, limit: q.limit, offset: q.offset }
}

/** One booking the caller may see. */
export async function readBooking(ctx: BookingsContext, id: string) {
  return wire(ctx, await visibleBooking(ctx, await caller(ctx), id))
}

/** Books a resource for the caller (or, staff, for `body.personId`). */
export async function createBooking(ctx: BookingsContext, body: CreateBookingBody) {
  const who = await caller(ctx, body.personId)
  const start = new Date(body.startsAt)
  const end = new Date(body.endsAt)
  // the lookups and the seats already held in one round trip (statements issued together share one); the person's
  // problem is reported first; an empty or reversed interval is the rules' 422, so it is not asked about
  const [person, resource, taken] = await firstFailureInOrder<[Person, CatalogResource, number[]]>([
    bookingPerson(ctx, who, body.personId), resourceOr422(ctx, body.resourceId),
    start < end ? takenSeats(ctx.db, body.resourceId, start, end) : Promise.resolve([]),
  ])
  const booking = await placeBooking(ctx, { resource, person, start, end, title: body.title, staff: who.staff, taken })
  await publishBooking(ctx, bookingCreated, booking)
  return wire(ctx, booking)
}

/**
 * Moves, resizes or retitles a confirmed booking; a move counts a revision and publishes `moved` too. A checked-in
 * booking may still change its end (someone staying longer, or leaving early), not where or when it started.
 */
export async function rescheduleBooking(ctx: BookingsContext, id: string, body: RescheduleBody) {
  const who = await caller(ctx)
  const b = await changeableBooking(ctx, who, id)
  const start = body.startsAt ? new Date(body.startsAt) : b.startsAt
  const end = body.endsAt ? new Date(body.endsAt) : b.endsAt
  const sameStart = (body.resourceId === undefined || body.resourceId === b.resourceId) && start.getTime() === b.startsAt.getTime()
  if (b.status === 'checked_in' && !sameStart) throw problem.conflict('A checked-in booking cannot be moved; change its end, or cancel it and book again.')
  if (b.status !== 'confirmed' && b.status !== 'checked_in') throw problem.conflict(`A ${b.status.replace('_', ' ')} booking cannot be changed.`)
  const moved = !sameStart || end.getTime() !== b.endsAt.getTime()
  if (moved) {
    const resource = await resourceOr422(ctx, body.resourceId ?? b.resourceId)
    await assertRules(ctx.db, resource, start.getTime(), end.getTime(), who.staff)
    const started = hasStarted(start)
    await moveBooking(ctx.db, b.id, { resourceId: resource.id, locationId: resource.locationId, seats: seatsOf(resource), start, end, checkIn: started })
    if (!started && start.getTime() !== b.startsAt.getTime()) await scheduleNoShowCheck(ctx, b.id, start)
  }
  if (body.title !== undefined) await setBookingTitle(ctx.db, b.id, body.title)
  const after = await reloaded(ctx, b.id)
  await publishBooking(ctx, bookingUpdated, after)
  if (moved) await publishMoved(ctx, after, b)
  return wire(ctx, after)
}

/** Cancels a confirmed booking (a cancelled one is answered as it is). */
export async function cancelBooking(ctx: BookingsContext, id: string, reason: string | undefined) {
  const who = await caller(ctx)
  const b = await changeableBooking(ctx, who, id)
  if (b.status === 'cancelled') return wire(ctx, b)
  if (b.status !== 'confirmed') throw problem.conflict(`A ${b.status.replace('_', ' ')} booking cannot be cancelled.`)
  await markCancelled(ctx.db, b.id)
  await ctx.audit.record({ action: 'booking.cancel', target: `booking:${b.id}`, data: { reason, seriesId: b.seriesId } })
  const after = await reloaded(ctx, b.id)
  await publishBooking(ctx, bookingCancelled, after)
  return wire(ctx, after)
}

/** Checks a confirmed booking in, inside its check-in window (a checked-in one is answered as it is). */
export async function checkInBooking(ctx: BookingsContext, id: string) {
  const who = await caller(ctx)
  const b = await changeableBooking(ctx, who, id)
  if (b.status === 'checked_in') return wire(ctx, b)
  const resource = await ctx.services.get(spacesCatalog).getResource(b.resourceId)
  assertCheckInOpen(checkInPolicy(ctx), b, resource?.location.timezone ?? 'UTC')
  await markCheckedIn(ctx.db, b.id)
  const after = await reloaded(ctx, b.id)
  await publishBooking(ctx, bookingUpdated, after)
  return wire(ctx, after)
}
