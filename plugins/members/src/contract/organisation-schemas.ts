/**
 * JSON Schemas of organisations (companies members belong to) and the wire types derived from them.
 */
import { uuid, timestamp, nullableString, pageQueryProperties, pageOf } from '@tessera/sdk'
import type { FromSchema } from '@tessera/sdk'

/** An organisation as the API, the `directory` service and the UI see it. */
export const organisationSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'email', 'phone', 'notes', 'peopleCount', 'createdAt', 'updatedAt'],
  properties: {
    id: uuid,
    name: { type: 'string' },
    email: nullableString,
    phone: nullableString,
    notes: nullableString,
    peopleCount: { type: 'integer' },
    createdAt: timestamp,
    updatedAt: timestamp,
  },
} as const

/** An organisation (wire type of {@link organisationSchema}; timestamps are ISO strings). */
export type Organisation = FromSchema<typeof organisationSchema>

/** A page of organisations (`GET /organisations`). */
export const organisationPageSchema = pageOf(organisationSchema)

/** A page of organisations (wire type). */
export type OrganisationPage = FromSchema<typeof organisationPageSchema>

const editable = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  email: { type: ['string', 'null'], format: 'email', maxLength: 254 },
  phone: { type: ['string', 'null'], maxLength: 40, pattern: '^[+0-9 ()./-]*$' },
  notes: { type: ['string', 'null'], maxLength: 5000 },
} as const

/** The fields of an organisation a create or update may set (the keys `members.organisation.updated` names). */
export const ORGANISATION_EDITABLE_FIELDS = ['name', 'email', 'phone', 'notes'] as const

/** Body of `POST /organisations`. */
export const createOrganisationBody = { type: 'object', additionalProperties: false, required: ['name'], properties: editable } as const

/** Body of `POST /organisations` (wire type). */
export type CreateOrganisationBody = FromSchema<typeof createOrganisationBody>

/** Body of `PATCH /organisations/:id`. */
export const updateOrganisationBody = { type: 'object', additionalProperties: false, minProperties: 1, properties: editable } as const

/** Body of `PATCH /organisations/:id` (wire type). */
export type UpdateOrganisationBody = FromSchema<typeof updateOrganisationBody>

/** Query of `GET /organisations`. */
export const organisationQuery = {
  type: 'object', additionalProperties: false,
  properties: { q: { type: 'string', maxLength: 200 }, ...pageQueryProperties },
} as const

/** Query of `GET /organisations` (wire type). */
export type OrganisationQuery = FromSchema<typeof organisationQuery>
