/**
 * Publishes booking events on the request transaction. Subscribers (billing, access) receive the whole payload —
 * with the booker's `personId`, an opaque uuid of the members plugin, so that billing can charge the booking to its
 * person and access can open the booked room for them. Every open calendar of the tenant receives the UI projection
 * declared in the manifest (`ui.fields`: `UI_FIELDS`): occupancy only — which seat of which resource is taken when,
 * and its status — never who booked it, because members' sockets receive these events too.
 *
 * `bookings.booking.moved` (subscribers only) follows `updated` whenever a booking's times or resource change, with the
 * previous resource and times and the new `revision`, so that billing can re-price it once per revision.
 */
import type { PluginContext } from '@tessera/sdk'
import type { Booking } from '../store/booking-store.ts'

/** The booking events. */
export type BookingEvent = 'bookings.booking.created' | 'bookings.booking.updated' | 'bookings.booking.cancelled' | 'bookings.booking.released'

/** What of a booking event reaches the browsers: occupancy, not identity. */
export const UI_FIELDS = ['id', 'resourceId', 'locationId', 'seat', 'startsAt', 'endsAt', 'status'] as const

const payloadOf = (b: Booking) => ({
  id: b.id, resourceId: b.resourceId, locationId: b.locationId, personId: b.personId, seriesId: b.seriesId, seat: b.seat,
  startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString(), status: b.status, revision: b.revision,
})

/** Publishes `name` for `booking`. */
export function publishBooking(ctx: PluginContext, name: BookingEvent, b: Booking): Promise<void> {
  return ctx.events.publish(name, payloadOf(b))
}

/** Publishes `bookings.booking.moved`: the booking as it is now, and where and when it was before. */
export function publishMoved(ctx: PluginContext, after: Booking, before: Booking): Promise<void> {
  return ctx.events.publish('bookings.booking.moved', {
    ...payloadOf(after),
    previous: { resourceId: before.resourceId, startsAt: before.startsAt.toISOString(), endsAt: before.endsAt.toISOString(), revision: before.revision },
  })
}
