/**
 * JSON Schemas of bookings on the wire — the API shape of a booking, the create / reschedule / cancel bodies and the
 * listing query — and the wire types derived from them (`FromSchema`), so the route, its handler type and the UI type
 * are one source. Instants are RFC 3339 date-times with an offset (`2030-03-31T09:00:00+01:00` or `...Z`).
 */
import { uuid, timestamp, nullableTimestamp, pageQueryProperties } from '@tessera/sdk'
import type { FromSchema } from '@tessera/sdk'

/** Booking statuses; `confirmed` and `checked_in` hold the slot. */
export const BOOKING_STATUSES = ['confirmed', 'checked_in', 'cancelled', 'released'] as const

/** A booking's status. */
export type BookingStatus = (typeof BOOKING_STATUSES)[number]

/** A booking as the API returns it. */
export const bookingSchema = {
  type: 'object',
  required: [
    'id', 'resourceId', 'locationId', 'personId', 'seriesId', 'seat', 'startsAt', 'endsAt', 'status', 'title', 'revision',
    'checkedInAt', 'cancelledAt', 'releasedAt', 'createdAt', 'updatedAt',
  ],
  properties: {
    id: uuid,
    resourceId: uuid,
    locationId: uuid,
    personId: uuid,
    seriesId: { anyOf: [uuid, { type: 'null' }] },
    seat: { type: 'integer' },
    startsAt: timestamp,
    endsAt: timestamp,
    status: { enum: BOOKING_STATUSES },
    title: { type: ['string', 'null'] },
    revision: { type: 'integer', description: 'Grows by one on every move, resize, cancellation or release (iCal SEQUENCE)' },
    checkedInAt: nullableTimestamp,
    cancelledAt: nullableTimestamp,
    releasedAt: nullableTimestamp,
    createdAt: timestamp,
    updatedAt: timestamp,
    checkInOpensAt: { ...timestamp, description: 'From when the booking can be checked in (the routes answer it; the calendar service leaves it out)' },
    checkInClosesAt: { ...timestamp, description: 'Until when it can be checked in; a confirmed booking not checked in by then is released as a no-show' },
    checkInOpen: { type: 'boolean', description: 'Whether check-in is possible now: confirmed, and inside its check-in window (the server decides)' },
  },
} as const

/** A booking on the wire (`GET /bookings/:id`, items of `GET /bookings`, the answer of every booking action). */
export type Booking = FromSchema<typeof bookingSchema>

const title = { type: ['string', 'null'], maxLength: 200 } as const

/** Body of `POST /bookings`; `personId` (staff only) books for someone else. */
export const createBookingBody = {
  type: 'object', additionalProperties: false, required: ['resourceId', 'startsAt', 'endsAt'],
  properties: { resourceId: uuid, personId: uuid, startsAt: timestamp, endsAt: timestamp, title },
} as const

/** Body of `POST /bookings`. */
export type CreateBookingBody = FromSchema<typeof createBookingBody>

/** Body of `PATCH /bookings/:id`: move, resize or retitle. */
export const rescheduleBody = {
  type: 'object', additionalProperties: false, minProperties: 1,
  properties: { resourceId: uuid, startsAt: timestamp, endsAt: timestamp, title },
} as const

/** Body of `PATCH /bookings/:id`. */
export type RescheduleBody = FromSchema<typeof rescheduleBody>

/** Body of `POST /bookings/:id/cancel`. */
export const cancelBody = {
  type: 'object', additionalProperties: false, properties: { reason: { type: 'string', maxLength: 500 } },
} as const

/** Body of `POST /bookings/:id/cancel`. */
export type CancelBody = FromSchema<typeof cancelBody>

/** Query of `GET /bookings`; `from`/`to` select bookings overlapping that interval. */
export const bookingQuery = {
  type: 'object', additionalProperties: false,
  properties: {
    resourceId: uuid, locationId: uuid, personId: uuid, seriesId: uuid, status: { enum: BOOKING_STATUSES },
    from: timestamp, to: timestamp,
    order: { enum: ['asc', 'desc'], default: 'asc', description: 'By start: earliest first (default) or latest first (past bookings)' },
    ...pageQueryProperties,
  },
} as const

/** Query of `GET /bookings` (after defaults: `limit` and `offset` are present). */
export type BookingQuery = FromSchema<typeof bookingQuery>

/** A page of bookings as `GET /bookings` returns it. */
export const bookingPageSchema = {
  type: 'object',
  required: ['items', 'total', 'limit', 'offset'],
  properties: { items: { type: 'array', items: bookingSchema }, total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' } },
} as const

/** The answer of `GET /bookings`. */
export type BookingPage = FromSchema<typeof bookingPageSchema>
