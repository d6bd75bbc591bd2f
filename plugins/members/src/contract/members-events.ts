/**
 * The events members publishes (`members.person.*`, `members.organisation.*`) with their payload schemas. Each is
 * published on the request transaction; browsers of holders of `members.read` receive them.
 */
import { defineEvent, uuid, timestamp } from '@tessera/sdk'
import type { PayloadOf } from '@tessera/sdk'
import { PERSON_STATUSES, PERSON_EDITABLE_FIELDS, CONSENT_SOURCES } from './person-schemas.ts'
import { ORGANISATION_EDITABLE_FIELDS } from './organisation-schemas.ts'
import { membersPermissions } from './members-permissions.ts'

const staffOnly = { permission: membersPermissions.read } as const
const nullableId = { anyOf: [uuid, { type: 'null' }] } as const

/** A person was added. */
export const personCreated = defineEvent({
  name: 'members.person.created',
  description: 'A person was added ({ id, status, organisationId })',
  ui: staffOnly,
  schema: {
    type: 'object', additionalProperties: false, required: ['id', 'status', 'organisationId'],
    properties: { id: uuid, status: { enum: PERSON_STATUSES }, organisationId: nullableId },
  },
})
/** Payload of {@link personCreated}. */
export type PersonCreatedPayload = PayloadOf<typeof personCreated>

/** A person was changed: `fields` names what changed (`login`: their login was linked, invited or removed). */
export const personUpdated = defineEvent({
  name: 'members.person.updated',
  description: 'A person was changed ({ id, fields, organisationId }); `login` in fields: their login changed',
  ui: staffOnly,
  schema: {
    type: 'object', additionalProperties: false, required: ['id', 'fields', 'organisationId'],
    properties: {
      id: uuid,
      fields: { type: 'array', minItems: 1, maxItems: 10, uniqueItems: true, items: { enum: [...PERSON_EDITABLE_FIELDS, 'login'] } },
      organisationId: nullableId,
    },
  },
})
/** Payload of {@link personUpdated}. */
export type PersonUpdatedPayload = PayloadOf<typeof personUpdated>

/** A person's status changed. */
export const personStatusChanged = defineEvent({
  name: 'members.person.status-changed',
  description: 'A person\'s status changed ({ id, from, to })',
  ui: staffOnly,
  schema: {
    type: 'object', additionalProperties: false, required: ['id', 'from', 'to'],
    properties: { id: uuid, from: { enum: PERSON_STATUSES }, to: { enum: PERSON_STATUSES } },
  },
})
/** Payload of {@link personStatusChanged}. */
export type PersonStatusChangedPayload = PayloadOf<typeof personStatusChanged>

/**
 * A person's marketing consent changed (granted or withdrawn, by `source`, at `at`). Published on every change, never
 * when a decision repeats the current one; anonymisation announces `members.person.anonymised` instead.
 */
export const personConsentChanged = defineEvent({
  name: 'members.person.consent-changed',
  description: 'A person\'s marketing consent was granted or withdrawn ({ id, granted, source, at })',
  ui: staffOnly,
  schema: {
    type: 'object', additionalProperties: false, required: ['id', 'granted', 'source', 'at'],
    properties: { id: uuid, granted: { type: 'boolean' }, source: { enum: CONSENT_SOURCES }, at: timestamp },
  },
})
/** Payload of {@link personConsentChanged}. */
export type PersonConsentChangedPayload = PayloadOf<typeof personConsentChanged>

/** A person was anonymised: subscribers erase the personal data they hold about them. */
export const personAnonymised = defineEvent({
  name: 'members.person.anonymised',
  description: 'A person was anonymised; erase their personal data ({ id })',
  ui: staffOnly,
  schema: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: uuid } },
})
/** Payload of {@link personAnonymised}. */
export type PersonAnonymisedPayload = PayloadOf<typeof personAnonymised>

/** An organisation was added. */
export const organisationCreated = defineEvent({
  name: 'members.organisation.created',
  description: 'An organisation was added ({ id })',
  ui: staffOnly,
  schema: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: uuid } },
})
/** Payload of {@link organisationCreated}. */
export type OrganisationCreatedPayload = PayloadOf<typeof organisationCreated>

/** An organisation was changed: `fields` names what changed. */
export const organisationUpdated = defineEvent({
  name: 'members.organisation.updated',
  description: 'An organisation was changed ({ id, fields })',
  ui: staffOnly,
  schema: {
    type: 'object', additionalProperties: false, required: ['id', 'fields'],
    properties: { id: uuid, fields: { type: 'array', minItems: 1, maxItems: 10, uniqueItems: true, items: { enum: ORGANISATION_EDITABLE_FIELDS } } },
  },
})
/** Payload of {@link organisationUpdated}. */
export type OrganisationUpdatedPayload = PayloadOf<typeof organisationUpdated>

/** An organisation was deleted. */
export const organisationDeleted = defineEvent({
  name: 'members.organisation.deleted',
  description: 'An organisation was deleted ({ id })',
  ui: staffOnly,
  schema: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: uuid } },
})
/** Payload of {@link organisationDeleted}. */
export type OrganisationDeletedPayload = PayloadOf<typeof organisationDeleted>

/** Every event members publishes (its `events` list). */
export const membersEvents = [
  personCreated, personUpdated, personStatusChanged, personConsentChanged, personAnonymised, organisationCreated, organisationUpdated, organisationDeleted,
] as const
