/**
 * Publishes bookings' events (`contract/booking-events.ts`) on the request transaction: the booking as it is now —
 * subscribers get all of it, browsers only the contract's UI projection — and, for `bookings.booking.moved`, where and
 * when it was before, so that billing can re-price it once per revision. The kernel validates each payload against
 * the contract's schema before anything is delivered.
 */
import { bookingCreated, bookingUpdated, bookingCancelled, bookingReleased, bookingMoved } from '../contract/index.ts'
import type { BookingEventPayload } from '../contract/index.ts'
import type { PluginContext } from '@tessera/sdk'
import type { Booking } from '../store/booking-store.ts'

/** The booking events that carry the booking alone (every one but `moved`). */
export type BookingEvent = typeof bookingCreated | typeof bookingUpdated | typeof bookingCancelled | typeof bookingReleased

const payloadOf = (b: Booking): BookingEventPayload => ({
  id: b.id, resourceId: b.resourceId, locationId: b.locationId, personId: b.personId, seriesId: b.seriesId, seat: b.seat,
  startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString(), status: b.status, revision: b.revision,
})

/** Publishes `event` for booking `b`. */
export function publishBooking(ctx: PluginContext, event: BookingEvent, b: Booking): Promise<void> {
  return ctx.events.publish(event, payloadOf(b))
}

/** Publishes `bookings.booking.moved`: the booking as it is now, and where and when it was before. */
export function publishMoved(ctx: PluginContext, after: Booking, before: Booking): Promise<void> {
  return ctx.events.publish(bookingMoved, {
    ...payloadOf(after),
    previous: { resourceId: before.resourceId, startsAt: before.startsAt.toISOString(), endsAt: before.endsAt.toISOString(), revision: before.revision },
  })
}
