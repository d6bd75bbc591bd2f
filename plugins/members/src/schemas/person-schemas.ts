/**
 * JSON Schemas of people: the API shape, create/update bodies, status change, search query and GDPR export.
 */
import { uuid, timestamp, nullableString, pageQueryProperties } from '@tessera/sdk'

export const PERSON_STATUSES = ['active', 'suspended', 'left'] as const

const email = { type: ['string', 'null'], format: 'email', maxLength: 254 } as const
const phone = { type: ['string', 'null'], maxLength: 40, pattern: '^[+0-9 ()./-]*$' } as const

/** A person as the API returns it. */
export const personSchema = {
  type: 'object',
  properties: {
    id: uuid,
    name: { type: 'string' },
    email: nullableString,
    phone: nullableString,
    organisationId: { type: ['string', 'null'] },
    organisationName: { type: ['string', 'null'] },
    status: { enum: PERSON_STATUSES },
    notes: nullableString,
    userId: { type: ['string', 'null'] },
    login: { enum: ['none', 'invited', 'active'] },
    anonymised: { type: 'boolean' },
    createdAt: timestamp,
    updatedAt: timestamp,
  },
} as const

const editable = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  email,
  phone,
  organisationId: { anyOf: [uuid, { type: 'null' }] },
  notes: { type: ['string', 'null'], maxLength: 5000 },
} as const

export const createPersonBody = {
  type: 'object', additionalProperties: false, required: ['name'],
  properties: { ...editable, status: { enum: PERSON_STATUSES } },
} as const

export const updatePersonBody = { type: 'object', additionalProperties: false, minProperties: 1, properties: editable } as const

export const statusBody = {
  type: 'object', additionalProperties: false, required: ['status'],
  properties: { status: { enum: PERSON_STATUSES }, reason: { type: 'string', maxLength: 500 } },
} as const

export const personQuery = {
  type: 'object', additionalProperties: false,
  properties: {
    q: { type: 'string', maxLength: 200 },
    status: { enum: PERSON_STATUSES },
    organisationId: uuid,
    ...pageQueryProperties,
  },
} as const

/** The GDPR export document. */
export const personExportSchema = {
  type: 'object',
  properties: {
    exportedAt: timestamp,
    plugin: { type: 'string' },
    person: personSchema,
    organisation: { type: ['object', 'null'], additionalProperties: true },
  },
} as const
