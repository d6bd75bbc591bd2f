/**
 * The events spaces publishes (`spaces.location.*`, `spaces.resource.*`) with their payload schemas. Each is
 * published on the request transaction and reaches every browser of the tenant (ids and field names only).
 */
import { defineEvent, uuid } from '@tessera/sdk'
import type { PayloadOf } from '@tessera/sdk'
import { LOCATION_EDITABLE_FIELDS } from './location-schemas.ts'
import { RESOURCE_EDITABLE_FIELDS } from './resource-schemas.ts'

/** A location was added. */
export const locationCreated = defineEvent({
  name: 'spaces.location.created',
  description: 'A location was added ({ id })',
  ui: true,
  schema: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: uuid } },
})
/** Payload of {@link locationCreated}. */
export type LocationCreatedPayload = PayloadOf<typeof locationCreated>

/** A location was changed: `fields` names what changed. */
export const locationUpdated = defineEvent({
  name: 'spaces.location.updated',
  description: 'A location was changed ({ id, fields })',
  ui: true,
  schema: {
    type: 'object', additionalProperties: false, required: ['id', 'fields'],
    properties: { id: uuid, fields: { type: 'array', minItems: 1, maxItems: 10, uniqueItems: true, items: { enum: LOCATION_EDITABLE_FIELDS } } },
  },
})
/** Payload of {@link locationUpdated}. */
export type LocationUpdatedPayload = PayloadOf<typeof locationUpdated>

/** A location was deleted. */
export const locationDeleted = defineEvent({
  name: 'spaces.location.deleted',
  description: 'A location was deleted ({ id })',
  ui: true,
  schema: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: uuid } },
})
/** Payload of {@link locationDeleted}. */
export type LocationDeletedPayload = PayloadOf<typeof locationDeleted>

/** A resource was added. */
export const resourceCreated = defineEvent({
  name: 'spaces.resource.created',
  description: 'A resource was added ({ id, locationId })',
  ui: true,
  schema: { type: 'object', additionalProperties: false, required: ['id', 'locationId'], properties: { id: uuid, locationId: uuid } },
})
/** Payload of {@link resourceCreated}. */
export type ResourceCreatedPayload = PayloadOf<typeof resourceCreated>

/** A resource was changed: `fields` names what changed (`prices`: billing charges new bookings differently). */
export const resourceUpdated = defineEvent({
  name: 'spaces.resource.updated',
  description: 'A resource was changed ({ id, locationId, fields })',
  ui: true,
  schema: {
    type: 'object', additionalProperties: false, required: ['id', 'locationId', 'fields'],
    properties: {
      id: uuid, locationId: uuid,
      fields: { type: 'array', minItems: 1, maxItems: 10, uniqueItems: true, items: { enum: RESOURCE_EDITABLE_FIELDS } },
    },
  },
})
/** Payload of {@link resourceUpdated}. */
export type ResourceUpdatedPayload = PayloadOf<typeof resourceUpdated>

/** Every event spaces publishes (its `events` list). */
export const spacesEvents = [locationCreated, locationUpdated, locationDeleted, resourceCreated, resourceUpdated] as const
