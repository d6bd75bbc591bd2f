/**
 * JSON Schemas of people — the API shape, create/update bodies, status change, search query and GDPR export — and
 * the wire types derived from them (`FromSchema`), so route, store, directory service and UI share one shape.
 */
import { uuid, timestamp, nullableString, nullableTimestamp, pageQueryProperties, pageOf } from '@tessera/sdk'
import type { FromSchema } from '@tessera/sdk'

/** The statuses of a person. */
export const PERSON_STATUSES = ['active', 'suspended', 'left'] as const

/** A person's status: `active` (may use the space), `suspended` or `left`. */
export type PersonStatus = (typeof PERSON_STATUSES)[number]

/** The login states of a person: no login, a pending invitation, or linked to a user of the tenant. */
export const PERSON_LOGINS = ['none', 'invited', 'active'] as const

/** A person's login state: `none`, `invited` (a pending invitation, not accepted yet) or `active` (linked). */
export type PersonLogin = (typeof PERSON_LOGINS)[number]

/** Where a marketing consent decision came from: staff, the member themself, an import, or Mailchimp (a webhook). */
export const CONSENT_SOURCES = ['staff', 'self', 'import', 'mailchimp'] as const

/** The source of a marketing consent decision. */
export type ConsentSource = (typeof CONSENT_SOURCES)[number]

/**
 * A person's marketing consent: `granted`, when it was last decided (`at`, null when never) and by whom (`source`,
 * null when never). A person without a recorded decision has not consented.
 */
export const marketingConsentSchema = {
  type: 'object', additionalProperties: false, required: ['granted', 'at', 'source'],
  properties: {
    granted: { type: 'boolean' },
    at: nullableTimestamp,
    source: { anyOf: [{ enum: CONSENT_SOURCES }, { type: 'null' }] },
  },
} as const

/** A person's marketing consent (wire type of {@link marketingConsentSchema}). */
export type MarketingConsent = FromSchema<typeof marketingConsentSchema>

/** Body of `PUT /people/:id/consent` and `PUT /me/consent`: grant or withdraw marketing consent. */
export const consentBody = {
  type: 'object', additionalProperties: false, required: ['granted'],
  properties: { granted: { type: 'boolean' } },
} as const

/** Body of the consent routes (wire type). */
export type ConsentBody = FromSchema<typeof consentBody>

const email = { type: ['string', 'null'], format: 'email', maxLength: 254 } as const
const phone = { type: ['string', 'null'], maxLength: 40, pattern: '^[+0-9 ()./-]*$' } as const

/** A person as the API, the `directory` service and the UI see it. */
export const personSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'email', 'phone', 'organisationId', 'organisationName', 'status', 'notes', 'userId', 'login', 'anonymised', 'marketingConsent', 'createdAt', 'updatedAt'],
  properties: {
    id: uuid,
    name: { type: 'string' },
    email: nullableString,
    phone: nullableString,
    organisationId: { type: ['string', 'null'] },
    organisationName: { type: ['string', 'null'] },
    status: { enum: PERSON_STATUSES },
    notes: nullableString,
    /** The linked login: set once the person's user belongs to the tenant (never for a pending invitation). */
    userId: { type: ['string', 'null'] },
    /** `none`, `invited` (invited, not accepted yet) or `active` (linked to a login). */
    login: { enum: PERSON_LOGINS },
    anonymised: { type: 'boolean' },
    /** Marketing consent (newsletters): granted or not, when and by whom. */
    marketingConsent: marketingConsentSchema,
    createdAt: timestamp,
    updatedAt: timestamp,
  },
} as const

/** A person (wire type of {@link personSchema}; timestamps are ISO strings). */
export type Person = FromSchema<typeof personSchema>

/** A page of people (`GET /people`). */
export const personPageSchema = pageOf(personSchema)

/** A page of people (wire type). */
export type PersonPage = FromSchema<typeof personPageSchema>

const editable = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  email,
  phone,
  organisationId: { anyOf: [uuid, { type: 'null' }] },
  notes: { type: ['string', 'null'], maxLength: 5000 },
} as const

/** The fields of a person a create or update may set (the keys `members.person.updated` names). */
export const PERSON_EDITABLE_FIELDS = ['name', 'email', 'phone', 'organisationId', 'notes'] as const

/** Body of `POST /people`. */
export const createPersonBody = {
  type: 'object', additionalProperties: false, required: ['name'],
  properties: { ...editable, status: { enum: PERSON_STATUSES } },
} as const

/** Body of `POST /people` (wire type). */
export type CreatePersonBody = FromSchema<typeof createPersonBody>

/** Body of `PATCH /people/:id`. */
export const updatePersonBody = { type: 'object', additionalProperties: false, minProperties: 1, properties: editable } as const

/** Body of `PATCH /people/:id` (wire type). */
export type UpdatePersonBody = FromSchema<typeof updatePersonBody>

/** Body of `POST /people/:id/status`. */
export const statusBody = {
  type: 'object', additionalProperties: false, required: ['status'],
  properties: { status: { enum: PERSON_STATUSES }, reason: { type: 'string', maxLength: 500 } },
} as const

/** Body of `POST /people/:id/status` (wire type). */
export type StatusBody = FromSchema<typeof statusBody>

/** Query of `GET /people`. */
export const personQuery = {
  type: 'object', additionalProperties: false,
  properties: {
    q: { type: 'string', maxLength: 200 },
    status: { enum: PERSON_STATUSES },
    organisationId: uuid,
    ...pageQueryProperties,
  },
} as const

/** Query of `GET /people` (wire type). */
export type PersonQuery = FromSchema<typeof personQuery>

/** The GDPR export document. */
export const personExportSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['exportedAt', 'plugin', 'person', 'organisation'],
  properties: {
    exportedAt: timestamp,
    plugin: { type: 'string' },
    person: personSchema,
    organisation: { type: ['object', 'null'], additionalProperties: true },
  },
} as const

/** The GDPR export document (wire type). */
export type PersonExport = FromSchema<typeof personExportSchema>
