/**
 * JSON Schemas of bookings: the API shape, create / reschedule / cancel bodies and the listing query. Instants are
 * RFC 3339 date-times with an offset (`2030-03-31T09:00:00+01:00` or `...Z`).
 */
import { uuid, timestamp, nullableTimestamp, pageQueryProperties } from '@tessera/sdk'

export const BOOKING_STATUSES = ['confirmed', 'checked_in', 'cancelled', 'released'] as const

/** A booking as the API returns it. */
export const bookingSchema = {
  type: 'object',
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
  },
} as const

const title = { type: ['string', 'null'], maxLength: 200 } as const

export const createBookingBody = {
  type: 'object', additionalProperties: false, required: ['resourceId', 'startsAt', 'endsAt'],
  properties: { resourceId: uuid, personId: uuid, startsAt: timestamp, endsAt: timestamp, title },
} as const

export const rescheduleBody = {
  type: 'object', additionalProperties: false, minProperties: 1,
  properties: { resourceId: uuid, startsAt: timestamp, endsAt: timestamp, title },
} as const

export const cancelBody = {
  type: 'object', additionalProperties: false, properties: { reason: { type: 'string', maxLength: 500 } },
} as const

export const bookingQuery = {
  type: 'object', additionalProperties: false,
  properties: {
    resourceId: uuid, locationId: uuid, personId: uuid, seriesId: uuid, status: { enum: BOOKING_STATUSES },
    from: timestamp, to: timestamp, ...pageQueryProperties,
  },
} as const
