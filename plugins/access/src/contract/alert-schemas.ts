/**
 * JSON Schemas (and wire types) of the door alerts (`GET /alerts`, the dashboard's "Door alerts" widget): doors that
 * are offline now — the door itself reported offline, or its site agent is not connected — and the doors forced open
 * or held open within the last hours, newest first.
 */
import type { FromSchema } from '@tessera/sdk'
import { uuid } from './access-schemas.ts'

/** The most alert events one answer lists. @public */
export const MAX_ALERT_EVENTS = 20

/** Query of `GET /alerts`. @public */
export const doorAlertsQuery = {
  type: 'object', additionalProperties: false,
  properties: {
    locationId: { ...uuid, description: 'Only doors of this location (spaces\' id)' },
    hours: { type: 'integer', minimum: 1, maximum: 168, default: 24, description: 'How far back forced and held-open events count' },
  },
} as const

const instant = { type: 'string', format: 'date-time' } as const

/** The answer of `GET /alerts`. @public */
export const doorAlertsSchema = {
  type: 'object', additionalProperties: false, required: ['since', 'offline', 'events', 'counts'],
  properties: {
    since: instant,
    offline: {
      type: 'array',
      items: {
        type: 'object', additionalProperties: false, required: ['doorId', 'name', 'reason', 'since'],
        properties: {
          doorId: uuid, name: { type: 'string' },
          reason: { type: 'string', enum: ['door-offline', 'agent-disconnected'] },
          since: { anyOf: [instant, { type: 'null' }], description: 'The door\'s last status report' },
        },
      },
    },
    events: {
      type: 'array', description: `Newest first, at most ${MAX_ALERT_EVENTS}`,
      items: {
        type: 'object', additionalProperties: false, required: ['id', 'doorId', 'doorName', 'kind', 'occurredAt'],
        properties: { id: uuid, doorId: uuid, doorName: { type: 'string' }, kind: { type: 'string', enum: ['forced', 'held-open'] }, occurredAt: instant },
      },
    },
    counts: {
      type: 'object', additionalProperties: false, required: ['offline', 'forced', 'heldOpen'],
      properties: { offline: { type: 'integer' }, forced: { type: 'integer' }, heldOpen: { type: 'integer' } },
    },
  },
} as const

/** Query of `GET /alerts`. @public */
export type DoorAlertsQuery = FromSchema<typeof doorAlertsQuery>
/** The answer of `GET /alerts`. @public */
export type DoorAlerts = FromSchema<typeof doorAlertsSchema>
