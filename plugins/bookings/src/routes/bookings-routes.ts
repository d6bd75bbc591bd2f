/**
 * Booking routes: list, read, create, reschedule, cancel and check in (`domain/booking-actions.ts`). Staff
 * (`bookings.manage`) act on any booking; everyone else sees and changes only their own.
 */
import type { PluginApp } from '@tessera/sdk'
import { idParams, emptyBody } from '@tessera/sdk'
import { bookingSchema, bookingPageSchema, createBookingBody, rescheduleBody, cancelBody, bookingQuery, bookingsPermissions } from '../contract/index.ts'
import { listVisibleBookings, readBooking, createBooking, rescheduleBooking, cancelBooking, checkInBooking } from '../domain/booking-actions.ts'
import type { BookingsContext } from '../domain/bookings-config.ts'

/** Registers `/bookings` routes. */
export function bookingsRoutes(app: PluginApp, ctx: BookingsContext): void {
  const permission = bookingsPermissions.book

  app.get('/bookings', {
    config: { permission },
    schema: { querystring: bookingQuery, response: { 200: bookingPageSchema } },
  }, async (req) => listVisibleBookings(ctx, req.query))

  app.get('/bookings/:id', {
    config: { permission },
    schema: { params: idParams, response: { 200: bookingSchema } },
  }, async (req) => readBooking(ctx, req.params.id))

  app.post('/bookings', {
    config: { permission },
    schema: { body: createBookingBody, response: { 201: bookingSchema } },
  }, async (req, reply) => {
    const booking = await createBooking(ctx, req.body)
    reply.code(201)
    return booking
  })

  app.patch('/bookings/:id', {
    config: { permission },
    schema: { params: idParams, body: rescheduleBody, response: { 200: bookingSchema } },
  }, async (req) => rescheduleBooking(ctx, req.params.id, req.body))

  app.post('/bookings/:id/cancel', {
    config: { permission },
    schema: { params: idParams, body: cancelBody, response: { 200: bookingSchema } },
  }, async (req) => cancelBooking(ctx, req.params.id, req.body.reason))

  app.post('/bookings/:id/check-in', {
    config: { permission },
    schema: { params: idParams, body: emptyBody, response: { 200: bookingSchema } },
  }, async (req) => checkInBooking(ctx, req.params.id))
}
