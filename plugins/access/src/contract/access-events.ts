/**
 * The events the access plugin publishes, with their payload schemas (validated at publish). Door status, door events
 * and agent status reach the browsers of staff holding `access.read`; `access.grants.changed` is internal (the plugin
 * subscribes to it itself, so grant sets are pushed after the change that caused them has committed).
 */
import { defineEvent, timestamp, uuid } from '@tessera/sdk'
import type { PayloadOf } from '@tessera/sdk'
import { accessPermissions } from './access-permissions.ts'

const staff = { permission: accessPermissions.read }

/** `access.door.status-changed`: a door's live status changed. @public */
export const doorStatusChanged = defineEvent({
  name: 'access.door.status-changed',
  description: 'A door\'s live status changed (lock state, door sensor, online)',
  ui: staff,
  schema: {
    type: 'object', additionalProperties: false, required: ['doorId', 'lockState', 'doorState', 'online'],
    properties: {
      doorId: uuid,
      lockState: { type: ['string', 'null'], enum: ['locked', 'unlocked', null] },
      doorState: { type: ['string', 'null'], enum: ['open', 'closed', 'unknown', null] },
      online: { type: ['boolean', 'null'] },
    },
  },
})

/** `access.door.event`: a door event (lock) or an access decision was logged for a door. @public */
export const doorEventLogged = defineEvent({
  name: 'access.door.event',
  description: 'A door event or access decision was logged (category lock|access, kind, reason)',
  ui: staff,
  schema: {
    type: 'object', additionalProperties: false, required: ['doorId', 'eventId', 'category', 'kind', 'reason', 'occurredAt'],
    properties: {
      doorId: uuid, eventId: uuid, category: { type: 'string', enum: ['lock', 'access'] },
      kind: { type: 'string', maxLength: 40, description: 'lock: unlocked, relocked, opened, closed, forced, held-open, …; access: granted, denied' },
      reason: { type: ['string', 'null'], maxLength: 40 }, occurredAt: timestamp,
    },
  },
})

/** `access.agent.status-changed`: a site agent connected or disconnected. @public */
export const agentStatusChanged = defineEvent({
  name: 'access.agent.status-changed',
  description: 'A site agent connected or disconnected',
  ui: staff,
  schema: {
    type: 'object', additionalProperties: false, required: ['agentId', 'connected'],
    properties: { agentId: uuid, connected: { type: 'boolean' } },
  },
})

/** `access.grants.changed` (internal): grant sets of some agents (all of the tenant's without `agentIds`) must be pushed again. @public */
export const grantsChanged = defineEvent({
  name: 'access.grants.changed',
  description: 'Internal: grant sets of the given agents (all when absent) must be pushed again',
  schema: {
    type: 'object', additionalProperties: false,
    properties: { agentIds: { type: 'array', maxItems: 10000, items: uuid } },
  },
})

/** Payload of {@link doorStatusChanged}. @public */
export type DoorStatusChange = PayloadOf<typeof doorStatusChanged>
/** Payload of {@link doorEventLogged}. @public */
export type DoorEventLogged = PayloadOf<typeof doorEventLogged>
/** Payload of {@link agentStatusChanged}. @public */
export type AgentStatusChange = PayloadOf<typeof agentStatusChanged>
/** Payload of {@link grantsChanged}. @public */
export type GrantsChange = PayloadOf<typeof grantsChanged>
