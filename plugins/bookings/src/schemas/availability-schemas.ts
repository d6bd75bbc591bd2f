/**
 * JSON Schemas of the availability finder: one resource, or a kind at a location, over local dates.
 */
import { uuid, timestamp, date } from '@tessera/sdk'

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

export const availabilitySchema = {
  type: 'object',
  properties: {
    timezone: { type: ['string', 'null'] },
    from: { type: 'string' },
    to: { type: 'string' },
    slotMinutes: { type: 'integer' },
    slots: {
      type: 'array',
      items: { type: 'object', properties: { resourceId: uuid, startsAt: timestamp, endsAt: timestamp, seatsFree: { type: 'integer' } } },
    },
  },
} as const
