/**
 * JSON Schemas of locations — address, IANA timezone, opening hours per weekday (local `HH:MM` intervals, `24:00`
 * allowed as an end) and closures (inclusive local date ranges) — and the wire types derived from them.
 */
import { uuid, timestamp, date, timezone, pageQueryProperties, pageOf } from '@tessera/sdk'
import type { FromSchema } from '@tessera/sdk'

/** The weekdays, in the order the UI lists them (keys of {@link openingHoursSchema}). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

/** A weekday key. */
export type Weekday = (typeof WEEKDAYS)[number]

const time = { type: 'string', maxLength: 5, pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' } as const

/** A local opening interval `{ from: 'HH:MM', to: 'HH:MM' }` (`to` may be `24:00`). */
export const intervalSchema = {
  type: 'object', additionalProperties: false, required: ['from', 'to'], properties: { from: time, to: time },
} as const

/** A local opening interval (wire type). */
export type Interval = FromSchema<typeof intervalSchema>

const day = { type: 'array', maxItems: 6, items: intervalSchema } as const

/** Opening intervals per weekday; a missing or empty day is closed. */
export const openingHoursSchema = {
  type: 'object', additionalProperties: false,
  properties: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
} as const

/** Opening hours (wire type). */
export type OpeningHours = FromSchema<typeof openingHoursSchema>

/** A closure: an inclusive range of local dates, with an optional reason. */
export const closureSchema = {
  type: 'object', additionalProperties: false, required: ['from', 'to'],
  properties: { from: date, to: date, reason: { type: 'string', maxLength: 200 } },
} as const

/** A closure (wire type). */
export type Closure = FromSchema<typeof closureSchema>

/** A postal address (every part optional; `country` is ISO 3166-1 alpha-2). */
export const addressSchema = {
  type: 'object', additionalProperties: false,
  properties: {
    line1: { type: 'string', maxLength: 200 }, line2: { type: 'string', maxLength: 200 }, city: { type: 'string', maxLength: 100 },
    postcode: { type: 'string', maxLength: 20 }, country: { type: 'string', maxLength: 2, pattern: '^[A-Z]{2}$' },
  },
} as const

/** A postal address (wire type). */
export type Address = FromSchema<typeof addressSchema>

/** A location as the API, the `catalog` service and the UI see it. */
export const locationSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'address', 'timezone', 'openingHours', 'closures', 'active', 'resourceCount', 'createdAt', 'updatedAt'],
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

/** A location (wire type of {@link locationSchema}; timestamps are ISO strings). */
export type Location = FromSchema<typeof locationSchema>

/** A page of locations (`GET /locations`). */
export const locationPageSchema = pageOf(locationSchema)

/** A page of locations (wire type). */
export type LocationPage = FromSchema<typeof locationPageSchema>

const editable = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  address: addressSchema,
  timezone,
  openingHours: openingHoursSchema,
  closures: { type: 'array', maxItems: 500, items: closureSchema },
  active: { type: 'boolean' },
} as const

/** The fields of a location a create or update may set (the keys `spaces.location.updated` names). */
export const LOCATION_EDITABLE_FIELDS = ['name', 'address', 'timezone', 'openingHours', 'closures', 'active'] as const

/** Body of `POST /locations`. */
export const createLocationBody = {
  type: 'object', additionalProperties: false, required: ['name', 'timezone', 'openingHours'], properties: editable,
} as const

/** Body of `POST /locations` (wire type). */
export type CreateLocationBody = FromSchema<typeof createLocationBody>

/** Body of `PATCH /locations/:id`. */
export const updateLocationBody = { type: 'object', additionalProperties: false, minProperties: 1, properties: editable } as const

/** Body of `PATCH /locations/:id` (wire type). */
export type UpdateLocationBody = FromSchema<typeof updateLocationBody>

/** Query of `GET /locations`. */
export const locationQuery = {
  type: 'object', additionalProperties: false,
  properties: { q: { type: 'string', maxLength: 200 }, active: { type: 'boolean' }, ...pageQueryProperties },
} as const

/** Query of `GET /locations` (wire type). */
export type LocationQuery = FromSchema<typeof locationQuery>
