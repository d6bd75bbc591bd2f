/**
 * JSON Schemas of organisations (companies members belong to).
 */
import { uuid, timestamp, nullableString, pageQueryProperties } from '@tessera/sdk'

export const organisationSchema = {
  type: 'object',
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

const editable = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  email: { type: ['string', 'null'], format: 'email', maxLength: 254 },
  phone: { type: ['string', 'null'], maxLength: 40, pattern: '^[+0-9 ()./-]*$' },
  notes: { type: ['string', 'null'], maxLength: 5000 },
} as const

export const createOrganisationBody = { type: 'object', additionalProperties: false, required: ['name'], properties: editable } as const
export const updateOrganisationBody = { type: 'object', additionalProperties: false, minProperties: 1, properties: editable } as const

export const organisationQuery = {
  type: 'object', additionalProperties: false,
  properties: { q: { type: 'string', maxLength: 200 }, ...pageQueryProperties },
} as const
