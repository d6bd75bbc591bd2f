/**
 * Publishes booking events on the request transaction. Payloads carry no personal data — they are pushed to every
 * open calendar of the tenant (`ui: true`), members' self-service pages included — only what a calendar needs to
 * refresh a slot, and the booker's `personId` (an opaque uuid of the members plugin, not personal data) so that billing
 * can charge the booking to its person.
 */
import type { PluginContext } from '@tessera/sdk'
import type { Booking } from '../store/booking-store.ts'

/** The booking events. */
export type BookingEvent = 'bookings.booking.created' | 'bookings.booking.updated' | 'bookings.booking.cancelled' | 'bookings.booking.released'

/** Publishes `name` for `booking`. */
export function publishBooking(ctx: PluginContext, name: BookingEvent, b: Booking): Promise<void> {
  return ctx.events.publish(name, {
    id: b.id, resourceId: b.resourceId, locationId: b.locationId, personId: b.personId, seriesId: b.seriesId, seat: b.seat,
    startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString(), status: b.status,
  })
}
