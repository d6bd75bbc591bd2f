/**
 * JSON Schemas of recurring bookings on the wire — an RRULE plus the first occurrence in; the series with the
 * occurrences created out — and their wire types.
 */
import { uuid, timestamp, nullableTimestamp } from '@tessera/sdk'
import type { FromSchema } from '@tessera/sdk'
import { bookingSchema } from './booking-schemas.ts'

/** Body of `POST /series`. */
export const createSeriesBody = {
  type: 'object', additionalProperties: false, required: ['resourceId', 'startsAt', 'endsAt', 'rrule'],
  properties: {
    resourceId: uuid, personId: uuid, startsAt: timestamp, endsAt: timestamp,
    rrule: { type: 'string', minLength: 6, maxLength: 500, description: 'RFC 5545 RRULE, e.g. FREQ=WEEKLY;COUNT=10' },
    title: { type: ['string', 'null'], maxLength: 200 },
  },
} as const

/** Body of `POST /series`. */
export type CreateSeriesBody = FromSchema<typeof createSeriesBody>

/** A recurring booking with its occurrences, as the API returns it. */
export const seriesSchema = {
  type: 'object',
  required: ['id', 'resourceId', 'personId', 'rrule', 'timezone', 'firstStart', 'durationMinutes', 'title', 'cancelledAt', 'bookings'],
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

/** A recurring booking on the wire (`POST /series`, `GET /series/:id`, `POST /series/:id/cancel`). */
export type Series = FromSchema<typeof seriesSchema>
