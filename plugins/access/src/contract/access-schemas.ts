/**
 * JSON Schemas of the access routes (bodies are strict: unknown fields are a 400; every input is bounded, INV-9).
 */
import { MAX_OFFSET } from '@tessera/sdk'

export const uuid = { type: 'string', format: 'uuid', maxLength: 36 } as const
const nullableUuid = { anyOf: [uuid, { type: 'null' }] } as const
const nullableTime = { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] } as const
const nullableString = { anyOf: [{ type: 'string' }, { type: 'null' }] } as const

export const idParams = { type: 'object', required: ['id'], additionalProperties: false, properties: { id: uuid } } as const
export const emptyBody = { type: 'object', additionalProperties: false, properties: {} } as const
export const pageQuery = {
  type: 'object', additionalProperties: false,
  properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 }, offset: { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 } },
} as const

export const problemSchema = {
  type: 'object',
  properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, requestId: { type: 'string' }, outcome: { type: 'string' }, error: {} },
} as const

/** `{ items: [item] }` */
export const listOf = (item: Record<string, unknown>) => ({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: item } } }) as const

// agents
export const agentSchema = {
  type: 'object',
  properties: {
    id: uuid, name: { type: 'string' }, connected: { type: 'boolean' }, lastSeenAt: nullableTime, software: nullableString,
    devices: { type: 'array', items: { type: 'object', additionalProperties: true } },
    heartbeat: { anyOf: [{ type: 'object', additionalProperties: true }, { type: 'null' }] },
    reportedGrantsVersion: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
    pushedGrantsVersion: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
    pushedAt: nullableTime, revokedAt: nullableTime, createdAt: { type: 'string', format: 'date-time' },
  },
} as const
export const createAgentBody = {
  type: 'object', additionalProperties: false, required: ['name'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 100 } },
} as const
export const registeredAgentSchema = {
  type: 'object',
  properties: { id: uuid, name: { type: 'string' }, secret: { type: 'string' }, connectPath: { type: 'string' }, connectUrl: { type: 'string' } },
} as const

// doors
export const doorSchema = {
  type: 'object',
  properties: {
    id: uuid, name: { type: 'string' }, locationId: uuid, resourceId: nullableUuid, agentId: uuid, deviceId: { type: 'string' },
    unlockDurationMs: { type: 'integer' }, lockState: nullableString, doorState: nullableString,
    online: { anyOf: [{ type: 'boolean' }, { type: 'null' }] }, statusAt: nullableTime, agentConnected: { type: 'boolean' },
  },
} as const
export const createDoorBody = {
  type: 'object', additionalProperties: false, required: ['name', 'locationId', 'agentId', 'deviceId'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 }, locationId: uuid, resourceId: nullableUuid, agentId: uuid,
    deviceId: { type: 'string', minLength: 1, maxLength: 100 }, unlockDurationMs: { type: 'integer', minimum: 200, maximum: 60000 },
  },
} as const
export const updateDoorBody = {
  type: 'object', additionalProperties: false, minProperties: 1,
  properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, resourceId: nullableUuid, unlockDurationMs: { type: 'integer', minimum: 200, maximum: 60000 } },
} as const
export const unlockBody = {
  type: 'object', additionalProperties: false,
  properties: {
    requestId: { type: 'string', maxLength: 100, pattern: '^[A-Za-z0-9._:-]{1,100}$' },
    durationMs: { type: 'integer', minimum: 200, maximum: 60000 },
  },
} as const
export const unlockResultSchema = {
  type: 'object',
  properties: {
    requestId: { type: 'string' }, doorId: uuid, ok: { type: 'boolean' }, outcome: { type: 'string' },
    unlockedAt: nullableTime, relockAt: nullableTime,
  },
} as const
export const eventSchema = {
  type: 'object',
  properties: {
    id: uuid, source: { type: 'string' }, agentId: nullableUuid, doorId: nullableUuid, deviceId: nullableString, category: { type: 'string' },
    kind: { type: 'string' }, reason: nullableString, credentialType: nullableString, personId: nullableUuid, requestId: nullableString,
    actor: { anyOf: [{ type: 'object', additionalProperties: true }, { type: 'null' }] }, detail: nullableString,
    occurredAt: { type: 'string', format: 'date-time' }, receivedAt: { type: 'string', format: 'date-time' },
  },
} as const
export const eventQuery = {
  type: 'object', additionalProperties: false,
  properties: { ...pageQuery.properties, doorId: uuid, personId: uuid },
} as const

// groups
const hhmm = { type: 'string', maxLength: 5, pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$' } as const
const dayIntervals = { type: 'array', maxItems: 8, items: { type: 'object', additionalProperties: false, required: ['from', 'to'], properties: { from: hhmm, to: hhmm } } } as const
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
export const groupSchema = {
  type: 'object',
  properties: {
    id: uuid, name: { type: 'string' }, schedule: scheduleSchema, doorIds: { type: 'array', items: uuid },
    members: { type: 'array', items: memberRef }, createdAt: { type: 'string', format: 'date-time' },
  },
} as const
export const createGroupBody = {
  type: 'object', additionalProperties: false, required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 }, schedule: scheduleSchema,
    doorIds: { type: 'array', uniqueItems: true, maxItems: 500, items: uuid }, members: { type: 'array', maxItems: 1000, items: memberRef },
  },
} as const
export const updateGroupBody = {
  type: 'object', additionalProperties: false, minProperties: 1,
  properties: { name: createGroupBody.properties.name, schedule: scheduleSchema, doorIds: createGroupBody.properties.doorIds },
} as const
export const memberBody = memberRef
export const memberParams = {
  type: 'object', additionalProperties: false, required: ['id', 'kind', 'subjectId'],
  properties: { id: uuid, kind: { type: 'string', enum: ['person', 'organisation', 'plan'] }, subjectId: uuid },
} as const

// credentials
export const credentialSchema = {
  type: 'object',
  properties: {
    pin: { type: 'string', description: 'Only when the kernel generated the PIN: shown once' },
    id: uuid, personId: uuid, type: { type: 'string' }, cardUid: nullableString, label: nullableString,
    agents: { type: 'integer' }, createdAt: { type: 'string', format: 'date-time' }, revokedAt: nullableTime,
  },
} as const
export const createCredentialBody = {
  type: 'object', additionalProperties: false, required: ['personId', 'type'],
  properties: {
    personId: uuid, type: { type: 'string', enum: ['pin', 'card'] },
    value: { type: 'string', minLength: 4, maxLength: 64, description: 'The card number, or the PIN (omit for a generated PIN)' },
    label: { type: 'string', maxLength: 100 },
  },
} as const
export const credentialQuery = {
  type: 'object', additionalProperties: false,
  properties: { personId: uuid, includeRevoked: { type: 'boolean', default: false } },
} as const
