/**
 * JSON Schemas of the front desk's day on the wire (`GET /desk/day`): every booking of one location overlapping one
 * local day, with who booked it and what they booked — what the dashboard widgets "Now & next", "Arrivals" and
 * "No-shows today" read — and their wire types.
 */
import { uuid, date, timestamp } from '@tessera/sdk'
import type { FromSchema } from '@tessera/sdk'
import { bookingSchema } from './booking-schemas.ts'

/** The most bookings one day answers; more are cut off, oldest start first, and `truncated` says so. */
export const DESK_DAY_MAX_BOOKINGS = 500

/** Query of `GET /desk/day`. */
export const deskDayQuery = {
  type: 'object', additionalProperties: false, required: ['locationId'],
  properties: {
    locationId: uuid,
    date: { ...date, description: 'Local date in the location\'s timezone (default: today there)' },
  },
} as const

/** Query of `GET /desk/day`. */
export type DeskDayQuery = FromSchema<typeof deskDayQuery>

/** A booking of the day, with the names a front desk reads out. */
export const deskBookingSchema = {
  type: 'object',
  required: [...bookingSchema.required, 'personName', 'resourceName', 'resourceKind'],
  properties: {
    ...bookingSchema.properties,
    personName: { type: ['string', 'null'], description: 'The booker\'s name (null when the person is gone or anonymised)' },
    resourceName: { type: 'string' },
    resourceKind: { type: 'string' },
  },
} as const

/** A booking of the desk's day. */
export type DeskBooking = FromSchema<typeof deskBookingSchema>

/** The answer of `GET /desk/day`. */
export const deskDaySchema = {
  type: 'object',
  required: ['locationId', 'timezone', 'date', 'from', 'to', 'now', 'truncated', 'items'],
  properties: {
    locationId: uuid,
    timezone: { type: 'string' },
    date: { type: 'string' },
    from: timestamp,
    to: timestamp,
    now: timestamp,
    truncated: { type: 'boolean' },
    items: { type: 'array', items: deskBookingSchema },
  },
} as const

/** The answer of `GET /desk/day`. */
export type DeskDay = FromSchema<typeof deskDaySchema>
