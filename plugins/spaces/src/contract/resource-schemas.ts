/**
 * JSON Schemas of bookable resources — kind, capacity (the seat count of a hot-desk area), amenities, booking rules
 * and prices (minor units; credits per hour) that bookings and billing read — and the wire types derived from them.
 */
import { uuid, timestamp, pageQueryProperties, pageOf } from '@tessera/sdk'
import type { FromSchema } from '@tessera/sdk'
import type { Location } from './location-schemas.ts'

/** The kinds of resource. */
export const RESOURCE_KINDS = ['meeting_room', 'private_office', 'event_space', 'hot_desk_area'] as const

/** A kind of resource. */
export type ResourceKind = (typeof RESOURCE_KINDS)[number]

/** The booking rules a resource gets for those it was created without. */
export const DEFAULT_RULES = { minMinutes: 30, maxMinutes: 600, maxDaysAhead: 90, bookableBy: 'members' } as const

/** Booking rules (input: every rule optional). */
export const rulesSchema = {
  type: 'object', additionalProperties: false,
  properties: {
    minMinutes: { type: 'integer', minimum: 5, maximum: 10080 },
    maxMinutes: { type: 'integer', minimum: 5, maximum: 10080 },
    maxDaysAhead: { type: 'integer', minimum: 0, maximum: 1095 },
    bookableBy: { enum: ['members', 'staff'], description: '`members`: members may book themselves; `staff`: only staff book it' },
  },
} as const

/** Complete booking rules, as a resource has them (stored with the defaults filled in). */
export const completeRulesSchema = { ...rulesSchema, required: ['minMinutes', 'maxMinutes', 'maxDaysAhead', 'bookableBy'] } as const

/** Complete booking rules (wire type). */
export type BookingRules = FromSchema<typeof completeRulesSchema>

/** Minor units, at most 10^9 (10 million in the currency): billing's bound for a unit amount (see its README). */
const money = { type: ['integer', 'null'], minimum: 0, maximum: 1_000_000_000 } as const

/**
 * Prices of a resource: `perHour` and `perDay` in minor units of `currency` (ISO 4217), `creditsPerHour` in credits;
 * absent or `null` means no price in that unit.
 */
export const pricesSchema = {
  type: 'object', additionalProperties: false,
  properties: {
    perHour: money, perDay: money, creditsPerHour: { type: ['number', 'null'], minimum: 0, maximum: 10_000 },
    currency: { type: 'string', maxLength: 3, pattern: '^[A-Z]{3}$' },
  },
} as const

/** Prices of a resource (wire type). */
export type Prices = FromSchema<typeof pricesSchema>

/** A resource as the API, the `catalog` service and the UI see it. */
export const resourceSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'locationId', 'name', 'kind', 'capacity', 'amenities', 'rules', 'prices', 'description', 'active', 'createdAt', 'updatedAt'],
  properties: {
    id: uuid,
    locationId: uuid,
    name: { type: 'string' },
    kind: { enum: RESOURCE_KINDS },
    capacity: { type: 'integer' },
    amenities: { type: 'array', items: { type: 'string' } },
    rules: completeRulesSchema,
    prices: pricesSchema,
    description: { type: ['string', 'null'] },
    active: { type: 'boolean' },
    createdAt: timestamp,
    updatedAt: timestamp,
  },
} as const

/** A resource (wire type of {@link resourceSchema}; timestamps are ISO strings). */
export type Resource = FromSchema<typeof resourceSchema>

/** A page of resources (`GET /resources`). */
export const resourcePageSchema = pageOf(resourceSchema)

/** A page of resources (wire type). */
export type ResourcePage = FromSchema<typeof resourcePageSchema>

/** A resource together with its location, as the `catalog` service returns it. */
export type CatalogResource = Resource & { location: Location }

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

/** The fields of a resource an update may set (the keys `spaces.resource.updated` names). */
export const RESOURCE_EDITABLE_FIELDS = ['name', 'kind', 'capacity', 'amenities', 'rules', 'prices', 'description', 'active'] as const

/** Body of `POST /resources`. */
export const createResourceBody = {
  type: 'object', additionalProperties: false, required: ['locationId', 'name', 'kind', 'capacity'],
  properties: { locationId: uuid, ...editable },
} as const

/** Body of `POST /resources` (wire type). */
export type CreateResourceBody = FromSchema<typeof createResourceBody>

/** Body of `PATCH /resources/:id`. */
export const updateResourceBody = { type: 'object', additionalProperties: false, minProperties: 1, properties: editable } as const

/** Body of `PATCH /resources/:id` (wire type). */
export type UpdateResourceBody = FromSchema<typeof updateResourceBody>

/** Query of `GET /resources`. */
export const resourceQuery = {
  type: 'object', additionalProperties: false,
  properties: {
    locationId: uuid, kind: { enum: RESOURCE_KINDS }, active: { type: 'boolean' }, q: { type: 'string', maxLength: 200 },
    ...pageQueryProperties,
  },
} as const

/** Query of `GET /resources` (wire type). */
export type ResourceQuery = FromSchema<typeof resourceQuery>
