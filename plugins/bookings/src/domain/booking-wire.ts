/**
 * From rows to the wire: the store's bookings and series carry `Date`s; the API and the `bookings.calendar` service
 * answer with the contract's wire types (RFC 3339 strings), which is what the route schemas describe.
 */
import type { Booking as WireBooking, Series as WireSeries, Slot as WireSlot } from '../contract/index.ts'
import type { Booking } from '../store/booking-store.ts'
import type { SeriesRow } from '../store/series-store.ts'
import type { Slot } from './availability.ts'
import { checkInOpen, windowOf } from './check-in.ts'
import type { CheckInPolicy } from './check-in.ts'

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null)

/**
 * A booking in its wire form; with the tenant's check-in `policy` (what the routes pass) it carries its check-in
 * window and whether check-in is open now.
 */
export function toWireBooking(b: Booking, policy?: CheckInPolicy): WireBooking {
  const wire: WireBooking = {
    id: b.id, resourceId: b.resourceId, locationId: b.locationId, personId: b.personId, seriesId: b.seriesId, seat: b.seat,
    startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString(), status: b.status, title: b.title, revision: b.revision,
    checkedInAt: iso(b.checkedInAt), cancelledAt: iso(b.cancelledAt), releasedAt: iso(b.releasedAt),
    createdAt: b.createdAt.toISOString(), updatedAt: b.updatedAt.toISOString(),
  }
  if (!policy) return wire
  const { opens, closes } = windowOf(policy, b.startsAt)
  return { ...wire, checkInOpensAt: new Date(opens).toISOString(), checkInClosesAt: new Date(closes).toISOString(), checkInOpen: checkInOpen(policy, b) }
}

/** A series with its occurrences in wire form. */
export function toWireSeries(s: SeriesRow, bookings: Booking[]): WireSeries {
  return {
    id: s.id, resourceId: s.resourceId, personId: s.personId, rrule: s.rrule, timezone: s.timezone,
    firstStart: s.firstStart.toISOString(), durationMinutes: s.durationMinutes, title: s.title, cancelledAt: iso(s.cancelledAt),
    bookings: bookings.map((b) => toWireBooking(b)),
  }
}

/** A free slot in wire form. */
export function toWireSlot(s: Slot): WireSlot {
  return { resourceId: s.resourceId, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), seatsFree: s.seatsFree }
}
