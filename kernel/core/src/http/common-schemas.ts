/**
 * JSON Schemas shared by the kernel's routes: the problem document, pagination, ids. Inputs are bounded (INV-9) like
 * plugins' (the SDK's building blocks).
 */
import { MAX_OFFSET } from '@tessera/sdk'

/** RFC 9457 problem document. */
export const problemSchema = {
  type: 'object',
  properties: {
    type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, instance: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { pointer: { type: 'string' }, detail: { type: 'string' } } } },
  },
  additionalProperties: true,
} as const

/** The error responses every route may give. */
export const problemResponses = {
  '4xx': { ...problemSchema, description: 'Client error (application/problem+json)' },
  '5xx': { ...problemSchema, description: 'Server error (application/problem+json)' },
} as const

/** `?limit=&offset=` */
export const pageQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    offset: { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 },
    q: { type: 'string', maxLength: 200 },
  },
} as const

/** A uuid string. */
export const uuid = { type: 'string', format: 'uuid', maxLength: 36 } as const

/** An empty object schema (no body / no content). */
export const emptyObject = { type: 'object', additionalProperties: false, properties: {} } as const
