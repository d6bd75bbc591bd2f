/**
 * Field errors in words (issue 14 item 9): what the kernel answers for a bad request body or plugin config says what
 * is wrong as a person would ("must be an e-mail address", "must not be empty", "must be at least 1"), never ajv's
 * schema wording ("must match format", "must NOT have fewer than", ">="); a nullable field's `null` branch and the
 * `anyOf` summary are not listed twice. Checked against a real ajv (the kernel's own) and over HTTP.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { makeAjv } from '../src/http/validator-compiler.ts'
import { fieldErrors } from '../src/http/field-error-text.ts'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'

const schema = {
  type: 'object', additionalProperties: false, required: ['email', 'name'],
  properties: {
    email: { type: 'string', format: 'email', maxLength: 320 },
    name: { type: 'string', minLength: 1, maxLength: 5 },
    seats: { type: 'integer', minimum: 1, maximum: 500 },
    zone: { type: 'string', format: 'iana-timezone', maxLength: 64 },
    kind: { enum: ['desk', 'room'] },
    resourceId: { anyOf: [{ type: 'string', format: 'uuid', maxLength: 36 }, { type: 'null' }] },
    tags: { type: 'array', maxItems: 2, uniqueItems: true, items: { type: 'string', maxLength: 10 } },
  },
} as const

function errorsOf(value: unknown): Record<string, string> {
  const validate = makeAjv().compile(schema)
  assert.equal(validate(value), false)
  return Object.fromEntries(fieldErrors('body', validate.errors ?? []).map((e) => [e.pointer, e.detail]))
}

test('each failed keyword is worded for a person', () => {
  assert.deepEqual(errorsOf({ email: 'not-an-address', name: '', seats: 0, zone: 'Mars/Olympus', kind: 'sofa', resourceId: 'x', tags: ['a', 'a'], extra: 1 }), {
    '/body/email': 'must be an e-mail address',
    '/body/name': 'must not be empty',
    '/body/seats': 'must be at least 1',
    '/body/zone': 'must be a time zone such as Europe/London',
    '/body/kind': 'must be one of desk, room',
    '/body/resourceId': 'must be a valid id',
    '/body/tags': 'must not list the same item twice',
    '/body/extra': 'is not allowed',
  })
  const more = errorsOf({ name: 'toolong', seats: 2.5 })
  assert.equal(more['/body/email'], 'is required')
  assert.equal(more['/body/name'], 'must be at most 5 characters')
  assert.equal(more['/body/seats'], 'must be a whole number')
})

let t: TestKernel
before(async () => { t = await createTestKernel({ plugins: [], workers: false }) })
after(() => t?.close())

test('over HTTP: a bad body is a 400 whose every line is in words', async () => {
  const operator = await t.signIn({ operator: true })
  const res = await t.request({ method: 'POST', url: '/api/v1/admin/users', session: operator.cookie, payload: { email: 'nope', name: '' } })
  assert.equal(res.statusCode, 400)
  const body = res.json()
  assert.equal(body.detail, 'Some values are not valid.')
  assert.deepEqual(body.errors, [
    { pointer: '/body/email', detail: 'must be an e-mail address' },
    { pointer: '/body/name', detail: 'must not be empty' },
  ])
  assert.doesNotMatch(res.body, /must match|must NOT|>=|<=/)
})
