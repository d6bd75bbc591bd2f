/**
 * Bookings open doors: every `bookings.booking.*` event (created, updated — a move or resize is an update too —, cancelled, released) updates this
 * plugin's copy of the booking (person, room, location, time, whether it still holds), ignoring events older than
 * the one already applied, and pushes new grant sets to the agents with doors of that room (or entrances of that
 * location) — a cancelled or released booking stops opening doors within seconds, a moved one opens at its new time.
 * Payloads are typed by bookings' event contracts (and checked against them on delivery).
 */
import { on } from '@tessera/sdk'
import type { TypedEvent } from '@tessera/sdk'
import { bookingCancelled, bookingCreated, bookingReleased, bookingUpdated } from '@tessera/plugin-bookings/contract'
import type { PayloadOf } from '@tessera/sdk'
import { syncAgents } from '../domain/grant-sync.ts'
import { agentsWithDoorsOf, upsertBookingWindow } from '../store/booking-windows-store.ts'
import type { AccessContext } from '../domain/access-config.ts'

async function applyBooking(event: TypedEvent<PayloadOf<typeof bookingCreated>>, ctx: AccessContext, ends: boolean): Promise<void> {
  const p = event.payload
  const holds = !ends && (p.status === 'confirmed' || p.status === 'checked_in')
  const applied = await upsertBookingWindow(ctx.db, {
    bookingId: p.id, personId: p.personId, resourceId: p.resourceId, locationId: p.locationId, startsAt: p.startsAt, endsAt: p.endsAt, active: holds, eventAt: event.publishedAt,
  })
  if (!applied) return
  const agents = await agentsWithDoorsOf(ctx.db, p.resourceId, p.locationId, ctx.config().bookingOpensEntrances)
  if (agents.length) await syncAgents(ctx, agents)
}

/** `bookings.booking.created`. */
export const onBookingCreated = on(bookingCreated, (e, ctx: AccessContext) => applyBooking(e, ctx, false))
/** `bookings.booking.updated` (also published for a move, so `moved` needs no subscription here). */
export const onBookingUpdated = on(bookingUpdated, (e, ctx: AccessContext) => applyBooking(e, ctx, false))
/** `bookings.booking.cancelled`. */
export const onBookingCancelled = on(bookingCancelled, (e, ctx: AccessContext) => applyBooking(e, ctx, true))
/** `bookings.booking.released`. */
export const onBookingReleased = on(bookingReleased, (e, ctx: AccessContext) => applyBooking(e, ctx, true))
