/**
 * JSON Schemas of locations: address, IANA timezone, opening hours per weekday (local `HH:MM` intervals, `24:00`
 * allowed as an end) and closures (inclusive local date ranges).
 */
import { uuid, timestamp, date, timezone, pageQueryProperties } from '@tessera/sdk'

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

const time = { type: 'string', maxLength: 5, pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' } as const

export const intervalSchema = {
  type: 'object', additionalProperties: false, required: ['from', 'to'], properties: { from: time, to: time },
} as const

export const openingHoursSchema = {
  type: 'object', additionalProperties: false,
  properties: Object.fromEntries(WEEKDAYS.map((d) => [d, { type: 'array', maxItems: 6, items: intervalSchema }])),
} as const

export const closureSchema = {
  type: 'object', additionalProperties: false, required: ['from', 'to'],
  properties: { from: date, to: date, reason: { type: 'string', maxLength: 200 } },
} as const

export const addressSchema = {
  type: 'object', additionalProperties: false,
  properties: {
    line1: { type: 'string', maxLength: 200 }, line2: { type: 'string', maxLength: 200 }, city: { type: 'string', maxLength: 100 },
    postcode: { type: 'string', maxLength: 20 }, country: { type: 'string', maxLength: 2, pattern: '^[A-Z]{2}$' },
  },
} as const

/** A location as the API returns it. */
export const locationSchema = {
  type: 'object',
  properties: {
    id: uuid,
    name: { type: 'string' },
    address: addressSchema,
    timezone: { type: 'string' },
    openingHours: openingHoursSchema,
    closures: { type: 'array', items: closureSchema },
    active: { type: 'boolean' },
    resourceCount: { type: 'integer' },
    createdAt: timestamp,
    updatedAt: timestamp,
  },
} as const

const editable = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  address: addressSchema,
  timezone,
  openingHours: openingHoursSchema,
  closures: { type: 'array', maxItems: 500, items: closureSchema },
  active: { type: 'boolean' },
} as const

export const createLocationBody = {
  type: 'object', additionalProperties: false, required: ['name', 'timezone', 'openingHours'], properties: editable,
} as const
export const updateLocationBody = { type: 'object', additionalProperties: false, minProperties: 1, properties: editable } as const

export const locationQuery = {
  type: 'object', additionalProperties: false,
  properties: { q: { type: 'string', maxLength: 200 }, active: { type: 'boolean' }, ...pageQueryProperties },
} as const
