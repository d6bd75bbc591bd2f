/**
 * Unit tests (no browser) for the schema form's pure parts and the problem helpers: schema → fields,
 * defaults, client-side validation, server errors sorted onto fields by JSON Pointer, readable problems.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { schemaFields } from './schema-fields.ts'
import { initialValue } from './initial-value.ts'
import { validateValue } from './validate-value.ts'
import { errorsByField } from './errors-by-field.ts'
import { describeProblem, pointerLabel } from '../problem.ts'
import type { JsonSchema } from './json-schema.ts'

const schema: JsonSchema = {
  type: 'object',
  required: ['seats', 'plan'],
  properties: {
    name: { type: ['string', 'null'], minLength: 2, description: 'Shown on receipts' },
    seats: { type: 'integer', minimum: 1, maximum: 10, default: 3 },
    plan: { oneOf: [{ const: 'a', title: 'Plan A' }, { const: 'b', title: 'Plan B' }] },
    guests: { type: 'boolean', default: false },
    tags: { type: 'array', items: { type: 'string' }, uniqueItems: true },
    days: { type: 'array', items: { enum: ['mon', 'tue'] } },
    nested: { type: 'object', properties: {} },
  },
}

test('schemaFields maps property types, labels, help and required', () => {
  const fields = schemaFields(schema)
  assert.deepEqual(
    fields.map((f) => [f.name, f.kind, f.required]),
    [
      ['name', 'string', false],
      ['seats', 'integer', true],
      ['plan', 'enum', true],
      ['guests', 'boolean', false],
      ['tags', 'string-array', false],
      ['days', 'enum-array', false],
      ['nested', 'unsupported', false],
    ],
  )
  assert.equal(fields[0].help, 'Shown on receipts')
  assert.equal(fields[1].label, 'Seats')
  assert.deepEqual(fields[2].choices, [{ value: 'a', label: 'Plan A' }, { value: 'b', label: 'Plan B' }])
})

test('initialValue fills defaults without touching the given value', () => {
  const given = { seats: 5 }
  assert.deepEqual(initialValue(schema, given), { seats: 5, guests: false })
  assert.deepEqual(given, { seats: 5 })
})

test('validateValue explains each violation', () => {
  const fields = schemaFields(schema)
  assert.deepEqual(validateValue(fields, { name: 'x', seats: 11, tags: ['a', 'a'] }), {
    name: 'Use at least 2 characters.',
    seats: 'Must be at most 10.',
    plan: 'Choose an option.',
    tags: 'Each item must be different.',
  })
  assert.deepEqual(validateValue(fields, { seats: 2.5, plan: 'a' }), { seats: 'Enter a whole number.' })
  assert.deepEqual(validateValue(fields, { seats: 2, plan: 'b' }), {})
})

test('errorsByField puts pointer errors on fields and keeps the rest', () => {
  const sorted = errorsByField(
    [
      { pointer: '/config/seats', detail: 'must be <= 10' },
      { pointer: '/config/tags/1', detail: 'must be string' },
      { pointer: '/config', detail: "must have required property 'plan'" },
      { pointer: '/config/other', detail: 'unknown' },
      { pointer: '/name', detail: 'outside the form' },
    ],
    ['seats', 'tags', 'plan'],
    '/config',
  )
  assert.deepEqual(sorted.byField, { seats: 'must be <= 10', tags: 'must be string', plan: "must have required property 'plan'" })
  assert.deepEqual(sorted.unmatched.map((e) => e.pointer), ['/config/other', '/name'])
})

test('describeProblem turns problem+json into a title, a sentence and field lines', () => {
  const message = describeProblem(
    {
      title: 'Invalid plugin configuration',
      status: 400,
      detail: 'Fix the highlighted settings.',
      errors: [{ pointer: '/config/maxSeats', detail: 'must be <= 500' }],
    },
    { stripPointer: '/config' },
  )
  assert.deepEqual(message, {
    title: 'Invalid plugin configuration',
    detail: 'Fix the highlighted settings.',
    items: ['Max seats: must be <= 500'],
  })
  assert.equal(describeProblem({ title: 'Too Many Requests', status: 429, retryAfter: 30 }).detail, 'Try again in 30 seconds.')
  assert.equal(pointerLabel('/items/0/unit_price'), 'Items › 1 › Unit price')
})
