/**
 * JSON Schemas of recurring bookings: an RRULE plus the first occurrence; the answer lists the occurrences created.
 */
import { uuid, timestamp, nullableTimestamp } from '@tessera/sdk'
import { bookingSchema } from './booking-schemas.ts'

export const createSeriesBody = {
  type: 'object', additionalProperties: false, required: ['resourceId', 'startsAt', 'endsAt', 'rrule'],
  properties: {
    resourceId: uuid, personId: uuid, startsAt: timestamp, endsAt: timestamp,
    rrule: { type: 'string', minLength: 6, maxLength: 500, description: 'RFC 5545 RRULE, e.g. FREQ=WEEKLY;COUNT=10' },
    title: { type: ['string', 'null'], maxLength: 200 },
  },
} as const

export const seriesSchema = {
  type: 'object',
  properties: {
    id: uuid,
    resourceId: uuid,
    personId: uuid,
    rrule: { type: 'string' },
    timezone: { type: 'string' },
    firstStart: timestamp,
    durationMinutes: { type: 'integer' },
    title: { type: ['string', 'null'] },
    cancelledAt: nullableTimestamp,
    bookings: { type: 'array', items: bookingSchema },
  },
} as const
