/**
 * JSON Schemas of the availability finder on the wire — one resource, or a kind at a location, over local dates —
 * and their wire types.
 */
import { uuid, timestamp, date } from '@tessera/sdk'
import type { FromSchema } from '@tessera/sdk'

/** Query of `GET /availability`. */
export const availabilityQuery = {
  type: 'object', additionalProperties: false, required: ['from'],
  properties: {
    resourceId: uuid,
    locationId: uuid,
    kind: { enum: ['meeting_room', 'private_office', 'event_space', 'hot_desk_area'] },
    from: { ...date, description: 'First local date (location timezone)' },
    to: { ...date, description: 'Last local date, inclusive (default: from)' },
    slotMinutes: { type: 'integer', minimum: 5, maximum: 1440, default: 60 },
  },
} as const

/** Query of `GET /availability`. */
export type AvailabilityQuery = FromSchema<typeof availabilityQuery>

/** One free slot: a resource, an interval, and how many seats are free over all of it. */
export const slotSchema = {
  type: 'object',
  required: ['resourceId', 'startsAt', 'endsAt', 'seatsFree'],
  properties: { resourceId: uuid, startsAt: timestamp, endsAt: timestamp, seatsFree: { type: 'integer' } },
} as const

/** A free slot on the wire. */
export type Slot = FromSchema<typeof slotSchema>

/** The answer of `GET /availability`. */
export const availabilitySchema = {
  type: 'object',
  required: ['timezone', 'from', 'to', 'slotMinutes', 'slots'],
  properties: {
    timezone: { type: ['string', 'null'] },
    from: { type: 'string' },
    to: { type: 'string' },
    slotMinutes: { type: 'integer' },
    slots: { type: 'array', items: slotSchema },
  },
} as const

/** The answer of `GET /availability`. */
export type Availability = FromSchema<typeof availabilitySchema>
