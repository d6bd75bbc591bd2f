/**
 * JSON Schemas of the access routes — request bodies strict (unknown fields are a 400) and bounded (INV-9), responses
 * with every always-present field `required` — so route validation, the handlers' types and the wire types of
 * `access-wire-types.ts` (what the screens read) come from one declaration.
 */
import { MAX_OFFSET } from '@tessera/sdk'

/** A uuid string. @public */
export const uuid = { type: 'string', format: 'uuid', maxLength: 36 } as const
const nullableUuid = { anyOf: [uuid, { type: 'null' }] } as const
const nullableTime = { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] } as const
const nullableString = { anyOf: [{ type: 'string' }, { type: 'null' }] } as const

/** `:id` params. @public */
export const idParams = { type: 'object', required: ['id'], additionalProperties: false, properties: { id: uuid } } as const
/** An empty action body. @public */
export const emptyBody = { type: 'object', additionalProperties: false, properties: {} } as const
/** `limit` (1–500, default 100) and `offset` query. @public */
export const pageQuery = {
  type: 'object', additionalProperties: false,
  properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 }, offset: { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 } },
} as const

/** A problem+json answer of the unlock route (with its `requestId` and `outcome`). @public */
export const problemSchema = {
  type: 'object',
  properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, requestId: { type: 'string' }, outcome: { type: 'string' }, error: {} },
} as const

/** `{ items: [item] }`. @public */
export const listOf = <const T extends object>(item: T) => ({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: item } } }) as const

// agents
/** A site agent with its health. @public */
export const agentSchema = {
  type: 'object', additionalProperties: false,
  required: ['id', 'name', 'connected', 'lastSeenAt', 'software', 'devices', 'heartbeat', 'reportedGrantsVersion', 'pushedGrantsVersion', 'pushedAt', 'revokedAt', 'createdAt'],
  properties: {
    id: uuid, name: { type: 'string' }, connected: { type: 'boolean' }, lastSeenAt: nullableTime, software: nullableString,
    devices: { type: 'array', items: { type: 'object', additionalProperties: true, properties: { deviceId: { type: 'string' }, driver: { type: 'string' } } } },
    heartbeat: { anyOf: [{ type: 'object', additionalProperties: true }, { type: 'null' }] },
    reportedGrantsVersion: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
    pushedGrantsVersion: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
    pushedAt: nullableTime, revokedAt: nullableTime, createdAt: { type: 'string', format: 'date-time' },
  },
} as const
/** `POST /agents` body. @public */
export const createAgentBody = {
  type: 'object', additionalProperties: false, required: ['name'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 100 } },
} as const
/** A newly registered agent, with its secret (shown once). @public */
export const registeredAgentSchema = {
  type: 'object', additionalProperties: false,
  required: ['id', 'name', 'secret', 'connectPath', 'connectUrl'],
  properties: { id: uuid, name: { type: 'string' }, secret: { type: 'string' }, connectPath: { type: 'string' }, connectUrl: { type: 'string' } },
} as const

// doors
/** A door with its live status. @public */
export const doorSchema = {
  type: 'object', additionalProperties: false,
  required: ['id', 'name', 'locationId', 'resourceId', 'agentId', 'deviceId', 'unlockDurationMs', 'lockState', 'doorState', 'online', 'statusAt', 'agentConnected'],
  properties: {
    id: uuid, name: { type: 'string' }, locationId: uuid, resourceId: nullableUuid, agentId: uuid, deviceId: { type: 'string' },
    unlockDurationMs: { type: 'integer' }, lockState: { type: ['string', 'null'], enum: ['locked', 'unlocked', null] },
    doorState: { type: ['string', 'null'], enum: ['open', 'closed', 'unknown', null] },
    online: { anyOf: [{ type: 'boolean' }, { type: 'null' }] }, statusAt: nullableTime, agentConnected: { type: 'boolean' },
  },
} as const
/** `POST /doors` body. @public */
export const createDoorBody = {
  type: 'object', additionalProperties: false, required: ['name', 'locationId', 'agentId', 'deviceId'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 }, locationId: uuid, resourceId: nullableUuid, agentId: uuid,
    deviceId: { type: 'string', minLength: 1, maxLength: 100 }, unlockDurationMs: { type: 'integer', minimum: 200, maximum: 60000 },
  },
} as const
/** `PATCH /doors/:id` body. @public */
export const updateDoorBody = {
  type: 'object', additionalProperties: false, minProperties: 1,
  properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, resourceId: nullableUuid, unlockDurationMs: { type: 'integer', minimum: 200, maximum: 60000 } },
} as const
/** `POST /doors/:id/unlock` body. @public */
export const unlockBody = {
  type: 'object', additionalProperties: false,
  properties: {
    requestId: { type: 'string', maxLength: 100, pattern: '^[A-Za-z0-9._:-]{1,100}$' },
    durationMs: { type: 'integer', minimum: 200, maximum: 60000 },
  },
} as const
/** A successful remote unlock. @public */
export const unlockResultSchema = {
  type: 'object', additionalProperties: false,
  required: ['requestId', 'doorId', 'ok', 'outcome', 'unlockedAt', 'relockAt'],
  properties: {
    requestId: { type: 'string' }, doorId: uuid, ok: { type: 'boolean' }, outcome: { type: 'string' },
    unlockedAt: nullableTime, relockAt: nullableTime,
  },
} as const
/** A logged door event or access decision. @public */
export const eventSchema = {
  type: 'object', additionalProperties: false,
  required: ['id', 'source', 'agentId', 'doorId', 'deviceId', 'category', 'kind', 'reason', 'credentialType', 'personId', 'requestId', 'actor', 'detail', 'occurredAt', 'receivedAt'],
  properties: {
    id: uuid, source: { type: 'string', enum: ['agent', 'kernel'] }, agentId: nullableUuid, doorId: nullableUuid, deviceId: nullableString, category: { type: 'string' },
    kind: { type: 'string' }, reason: nullableString, credentialType: nullableString, personId: nullableUuid, requestId: nullableString,
    actor: { anyOf: [{ type: 'object', additionalProperties: true }, { type: 'null' }] }, detail: nullableString,
    occurredAt: { type: 'string', format: 'date-time' }, receivedAt: { type: 'string', format: 'date-time' },
  },
} as const
/** `GET /events` query. @public */
export const eventQuery = {
  type: 'object', additionalProperties: false,
  properties: { ...pageQuery.properties, doorId: uuid, personId: uuid },
} as const

// groups
const hhmm = { type: 'string', maxLength: 5, pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$' } as const
const dayIntervals = { type: 'array', maxItems: 8, items: { type: 'object', additionalProperties: false, required: ['from', 'to'], properties: { from: hhmm, to: hhmm } } } as const
/** Weekly windows (`null`: always). @public */
export const scheduleSchema = {
  anyOf: [
    { type: 'null' },
    { type: 'object', additionalProperties: false, properties: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, dayIntervals])) },
  ],
} as const
const memberRef = {
  type: 'object', additionalProperties: false, required: ['kind', 'id'],
  properties: { kind: { type: 'string', enum: ['person', 'organisation', 'plan'] }, id: uuid },
} as const
/** An access group. @public */
export const groupSchema = {
  type: 'object', additionalProperties: false,
  required: ['id', 'name', 'schedule', 'doorIds', 'members', 'createdAt'],
  properties: {
    id: uuid, name: { type: 'string' }, schedule: scheduleSchema, doorIds: { type: 'array', items: uuid },
    members: { type: 'array', items: memberRef }, createdAt: { type: 'string', format: 'date-time' },
  },
} as const
/** `POST /groups` body. @public */
export const createGroupBody = {
  type: 'object', additionalProperties: false, required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 }, schedule: scheduleSchema,
    doorIds: { type: 'array', uniqueItems: true, maxItems: 500, items: uuid }, members: { type: 'array', maxItems: 1000, items: memberRef },
  },
} as const
/** `PATCH /groups/:id` body. @public */
export const updateGroupBody = {
  type: 'object', additionalProperties: false, minProperties: 1,
  properties: { name: createGroupBody.properties.name, schedule: scheduleSchema, doorIds: createGroupBody.properties.doorIds },
} as const
/** `POST /groups/:id/members` body. @public */
export const memberBody = memberRef
/** `DELETE /groups/:id/members/:kind/:subjectId` params. @public */
export const memberParams = {
  type: 'object', additionalProperties: false, required: ['id', 'kind', 'subjectId'],
  properties: { id: uuid, kind: { type: 'string', enum: ['person', 'organisation', 'plan'] }, subjectId: uuid },
} as const

// credentials
/** A credential (`pin` only in the answer that generated it). @public */
export const credentialSchema = {
  type: 'object', additionalProperties: false,
  required: ['id', 'personId', 'type', 'cardUid', 'label', 'agents', 'createdAt', 'revokedAt'],
  properties: {
    pin: { type: 'string', description: 'Only when the kernel generated the PIN: shown once' },
    id: uuid, personId: uuid, type: { type: 'string', enum: ['pin', 'card'] }, cardUid: nullableString, label: nullableString,
    agents: { type: 'integer' }, createdAt: { type: 'string', format: 'date-time' }, revokedAt: nullableTime,
  },
} as const
/** `POST /credentials` body. @public */
export const createCredentialBody = {
  type: 'object', additionalProperties: false, required: ['personId', 'type'],
  properties: {
    personId: uuid, type: { type: 'string', enum: ['pin', 'card'] },
    value: { type: 'string', minLength: 4, maxLength: 64, description: 'The card number, or the PIN (omit for a generated PIN)' },
    label: { type: 'string', maxLength: 100 },
  },
} as const
/** `GET /credentials` query. @public */
export const credentialQuery = {
  type: 'object', additionalProperties: false,
  properties: { personId: uuid, includeRevoked: { type: 'boolean', default: false } },
} as const

/** `POST /agents/:id/sync` answer. @public */
export const syncResultSchema = {
  type: 'object', additionalProperties: false, required: ['pushed'],
  properties: { pushed: { type: 'boolean' }, version: { type: 'integer' }, grants: { type: 'integer' } },
} as const
