/**
 * `bookings.calendar`: read access to the current tenant's bookings for other plugins (a dashboard, a front desk):
 * a person's bookings and the bookings overlapping a window. Answers in wire form (ISO instants), start order.
 */
import { defineServiceRef } from '@tessera/sdk'
import type { Booking, BookingStatus } from './booking-schemas.ts'

/** The most bookings one call returns. */
export const CALENDAR_MAX_BOOKINGS = 1000

/** An interval of instants (RFC 3339); either end may be open. */
export interface CalendarWindow {
  from?: string
  to?: string
}

/** What {@link BookingsCalendar.bookingsInWindow} selects: bookings overlapping `from`..`to`, optionally narrowed. */
export interface CalendarQuery {
  from: string
  to: string
  locationId?: string
  resourceId?: string
  status?: BookingStatus
}

/** The service behind {@link bookingsCalendar}. */
export interface BookingsCalendar {
  /** The bookings of person `personId` (a members uuid) overlapping `window`, at most {@link CALENDAR_MAX_BOOKINGS}. */
  bookingsOfPerson(personId: string, window?: CalendarWindow): Promise<Booking[]>
  /** The bookings overlapping `query.from`..`query.to`, at most {@link CALENDAR_MAX_BOOKINGS}. */
  bookingsInWindow(query: CalendarQuery): Promise<Booking[]>
}

/** Ref of bookings' calendar service (`consumes: [bookingsCalendar]`, `dependsOn: { bookings: '^1.0.0' }`). */
export const bookingsCalendar = defineServiceRef<BookingsCalendar>({ plugin: 'bookings', id: 'calendar', version: '^1.0.0' })
