/**
 * JSON Schemas of bookable resources: kind, capacity (the seat count of a hot-desk area), amenities, booking rules
 * and prices (minor units; credits per hour) that the bookings and billing plugins read.
 */
import { uuid, timestamp, pageQueryProperties } from '@tessera/sdk'

export const RESOURCE_KINDS = ['meeting_room', 'private_office', 'event_space', 'hot_desk_area'] as const

export const DEFAULT_RULES = { minMinutes: 30, maxMinutes: 600, maxDaysAhead: 90, bookableBy: 'members' } as const

export const rulesSchema = {
  type: 'object', additionalProperties: false,
  properties: {
    minMinutes: { type: 'integer', minimum: 5, maximum: 10080 },
    maxMinutes: { type: 'integer', minimum: 5, maximum: 10080 },
    maxDaysAhead: { type: 'integer', minimum: 0, maximum: 1095 },
    bookableBy: { enum: ['members', 'staff'], description: '`members`: members may book themselves; `staff`: only staff book it' },
  },
} as const

/** Minor units, at most 10^9 (10 million in the currency): billing's bound for a unit amount (see its README). */
const money = { type: ['integer', 'null'], minimum: 0, maximum: 1_000_000_000 } as const

export const pricesSchema = {
  type: 'object', additionalProperties: false,
  properties: {
    perHour: money, perDay: money, creditsPerHour: { type: ['number', 'null'], minimum: 0, maximum: 10_000 },
    currency: { type: 'string', maxLength: 3, pattern: '^[A-Z]{3}$' },
  },
} as const

/** A resource as the API returns it. */
export const resourceSchema = {
  type: 'object',
  properties: {
    id: uuid,
    locationId: uuid,
    name: { type: 'string' },
    kind: { enum: RESOURCE_KINDS },
    capacity: { type: 'integer' },
    amenities: { type: 'array', items: { type: 'string' } },
    rules: { ...rulesSchema, required: ['minMinutes', 'maxMinutes', 'maxDaysAhead', 'bookableBy'] },
    prices: pricesSchema,
    description: { type: ['string', 'null'] },
    active: { type: 'boolean' },
    createdAt: timestamp,
    updatedAt: timestamp,
  },
} as const

const editable = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  kind: { enum: RESOURCE_KINDS },
  capacity: { type: 'integer', minimum: 1, maximum: 10000 },
  amenities: { type: 'array', maxItems: 50, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 60 } },
  rules: rulesSchema,
  prices: pricesSchema,
  description: { type: ['string', 'null'], maxLength: 2000 },
  active: { type: 'boolean' },
} as const

export const createResourceBody = {
  type: 'object', additionalProperties: false, required: ['locationId', 'name', 'kind', 'capacity'],
  properties: { locationId: uuid, ...editable },
} as const
export const updateResourceBody = { type: 'object', additionalProperties: false, minProperties: 1, properties: editable } as const

export const resourceQuery = {
  type: 'object', additionalProperties: false,
  properties: {
    locationId: uuid, kind: { enum: RESOURCE_KINDS }, active: { type: 'boolean' }, q: { type: 'string', maxLength: 200 },
    ...pageQueryProperties,
  },
} as const
