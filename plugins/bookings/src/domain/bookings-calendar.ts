/**
 * The implementation of `bookings.calendar` (`contract/bookings-calendar.ts`): other plugins read the current
 * tenant's bookings in wire form, at most `CALENDAR_MAX_BOOKINGS` per call, in start order.
 */
import { CALENDAR_MAX_BOOKINGS } from '../contract/index.ts'
import type { BookingsCalendar } from '../contract/index.ts'
import { listBookings } from '../store/booking-store.ts'
import { toWireBooking } from './booking-wire.ts'
import type { BookingsContext } from './bookings-config.ts'

/** The calendar service on `ctx` (every call runs on the caller's tenant transaction). */
export function bookingsCalendarService(ctx: BookingsContext): BookingsCalendar {
  return {
    async bookingsOfPerson(personId, window = {}) {
      const { items } = await listBookings(ctx.db, { personId, from: window.from, to: window.to, limit: CALENDAR_MAX_BOOKINGS, offset: 0 })
      return items.map((b) => toWireBooking(b))
    },
    async bookingsInWindow(q) {
      const { items } = await listBookings(ctx.db, { ...q, limit: CALENDAR_MAX_BOOKINGS, offset: 0 })
      return items.map((b) => toWireBooking(b))
    },
  }
}
