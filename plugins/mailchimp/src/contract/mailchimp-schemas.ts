/**
 * JSON Schemas of the Mailchimp plugin's routes and the wire types derived from them: the account's audiences, the
 * tenant's settings (audience, field and tag mapping), the sync status (last run with progress, contacts in error).
 */
import { nullableTimestamp, timestamp, uuid } from '@tessera/sdk'
import type { FromSchema } from '@tessera/sdk'

const listId = { type: 'string', minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9]+$' } as const
const mergeTag = { type: 'string', minLength: 1, maxLength: 10, pattern: '^[A-Z][A-Z0-9_]*$' } as const
/** A merge field tag, or `null` (not sent). */
const optionalMergeTag = { ...mergeTag, type: ['string', 'null'] } as const

/** An audience (list) of the Mailchimp account. */
export const audienceSchema = {
  type: 'object', additionalProperties: false, required: ['id', 'name', 'memberCount'],
  properties: { id: { type: 'string' }, name: { type: 'string' }, memberCount: { type: 'integer' } },
} as const

/** An audience (wire type). */
export type Audience = FromSchema<typeof audienceSchema>

/** `GET /audiences`: the account's audiences. */
export const audienceListSchema = {
  type: 'object', additionalProperties: false, required: ['items'],
  properties: { items: { type: 'array', items: audienceSchema } },
} as const

/**
 * How people become contacts: merge field tags for the name parts, the organisation and the current plans, and the tags to apply — fixed
 * ones, the organisation's name, and (when billing is installed) `Plan: <name>` for each current plan of the person and
 * `Location: <name>` for the location each of those plans is sold at; a plan change moves the tags.
 */
export const mappingSchema = {
  type: 'object', additionalProperties: false, required: ['firstNameField', 'lastNameField', 'organisationField', 'tagOrganisation', 'tags'],
  properties: {
    firstNameField: { ...mergeTag, title: 'First name merge field' },
    lastNameField: { ...mergeTag, title: 'Last name merge field' },
    /** Merge field of the organisation's name; `null`: not sent. */
    organisationField: { ...optionalMergeTag, title: 'Organisation merge field', description: 'Empty: the organisation is not sent' },
    /** Merge field of the names of the person's current plans (billing's); `null`: not sent. Default `PLAN`. */
    planField: { ...optionalMergeTag, default: 'PLAN', title: 'Plan merge field', description: 'Empty: the plans are not sent' },
    /** Tag each contact with their organisation's name. */
    tagOrganisation: { type: 'boolean', title: 'Tag with the organisation' },
    /** Tags every synced contact gets. */
    tags: { type: 'array', maxItems: 10, uniqueItems: true, title: 'Tags for every contact', items: { type: 'string', minLength: 1, maxLength: 100 } },
    /** Tag each contact `Plan: <name>` for each of their current plans (billing's; default on). */
    tagPlan: { type: 'boolean', title: 'Tag with the plan', default: true },
    /** Tag each contact `Location: <name>` for the location of each of their current plans (default on). */
    tagLocation: { type: 'boolean', title: 'Tag with the plan\'s location', default: true },
  },
} as const

/** The field and tag mapping (wire type). */
export type Mapping = FromSchema<typeof mappingSchema>

/** The tenant's Mailchimp settings. */
export const settingsSchema = {
  type: 'object', additionalProperties: false, required: ['audienceId', 'audienceName', 'mapping', 'webhookPath', 'firstSyncedAt'],
  properties: {
    audienceId: { type: ['string', 'null'] },
    audienceName: { type: ['string', 'null'] },
    mapping: mappingSchema,
    /** The path (below the kernel's origin) to enter as the audience's webhook URL in Mailchimp. */
    webhookPath: { type: 'string' },
    firstSyncedAt: nullableTimestamp,
  },
} as const

/** The tenant's settings (wire type). */
export type Settings = FromSchema<typeof settingsSchema>

/** Body of `PUT /audience`. */
export const audienceBody = { type: 'object', additionalProperties: false, required: ['audienceId'], properties: { audienceId: listId } } as const

/** Body of `PUT /audience` (wire type). */
export type AudienceBody = FromSchema<typeof audienceBody>

/** A sync run: the first sync of an audience (batch operations) or a full resync. */
export const syncRunSchema = {
  type: 'object', additionalProperties: false,
  required: ['id', 'audienceId', 'status', 'totalOperations', 'finishedOperations', 'erroredOperations', 'error', 'startedAt', 'finishedAt'],
  properties: {
    id: uuid,
    audienceId: { type: 'string' },
    status: { enum: ['running', 'finished', 'failed'] },
    totalOperations: { type: 'integer' },
    finishedOperations: { type: 'integer' },
    erroredOperations: { type: 'integer' },
    error: { type: ['string', 'null'] },
    startedAt: timestamp,
    finishedAt: nullableTimestamp,
  },
} as const

/** A sync run (wire type). */
export type SyncRun = FromSchema<typeof syncRunSchema>

/** A person whose last sync failed, with Mailchimp's message. */
export const contactErrorSchema = {
  type: 'object', additionalProperties: false, required: ['personId', 'error', 'at'],
  properties: { personId: uuid, error: { type: 'string' }, at: timestamp },
} as const

/** `GET /status`: the last run, contact counts by state and the latest errors. */
export const syncStatusSchema = {
  type: 'object', additionalProperties: false, required: ['lastRun', 'subscribed', 'unsubscribed', 'errors'],
  properties: {
    lastRun: { anyOf: [syncRunSchema, { type: 'null' }] },
    subscribed: { type: 'integer' },
    unsubscribed: { type: 'integer' },
    errors: { type: 'array', items: contactErrorSchema },
  },
} as const

/** The sync status (wire type). */
export type SyncStatus = FromSchema<typeof syncStatusSchema>
