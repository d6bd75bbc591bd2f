/**
 * Idempotency keys (INV-4): a repeated request replays the first response without acting again — also when the
 * repeats arrive concurrently — a reused key with another body is refused, and a missing key is a 400.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { definePlugin } from '@tessera/sdk'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'

const charges = definePlugin({
  id: 'charges', version: '1.0.0', kernel: '^1.0.0',
  permissions: { 'charges.create': { description: 'Charge', roles: ['finance'] } },
  migrations: [{ name: '001', up: 'CREATE TABLE charges (id serial PRIMARY KEY, tenant_id uuid NOT NULL, amount integer NOT NULL)' }],
  routes(app, ctx) {
    app.post('/charges', {
      config: { permission: 'charges.create', idempotency: true },
      schema: {
        body: { type: 'object', additionalProperties: false, required: ['amount'], properties: { amount: { type: 'integer', minimum: 1, maximum: 1e9 } } },
        response: { 201: { type: 'object', properties: { id: { type: 'integer' }, amount: { type: 'integer' } } } },
      },
    }, async (req, reply) => {
      await new Promise((r) => setTimeout(r, 50)) // widen the race window
      const row = await ctx.db.one('INSERT INTO charges.charges (amount) VALUES ($1) RETURNING id, amount', [(req.body as { amount: number }).amount])
      reply.code(201)
      return row
    })
  },
})

let t: TestKernel
let session: string
before(async () => {
  t = await createTestKernel({ plugins: [charges], workers: false })
  const tenant = await t.createTenant()
  await t.enable(tenant.id, 'charges')
  session = (await t.signIn({ tenantId: tenant.id, role: 'finance' })).cookie
})
after(() => t.close())

const charge = (key: string | undefined, amount: number) =>
  t.request({ method: 'POST', url: '/api/v1/charges/charges', session, payload: { amount }, headers: key ? { 'idempotency-key': key } : {} })

test('a repeated request replays the first response and acts once', async () => {
  const first = await charge('k-1', 500)
  assert.equal(first.statusCode, 201)
  const again = await charge('k-1', 500)
  assert.equal(again.statusCode, 201)
  assert.equal(again.headers['idempotent-replayed'], 'true')
  assert.deepEqual(again.json(), first.json())
  assert.equal((await t.adminQuery('SELECT count(*)::int AS n FROM charges.charges WHERE amount = 500')).rows[0].n, 1)
})

test('concurrent repeats act once', async () => {
  const results = await Promise.all(Array.from({ length: 8 }, () => charge('k-concurrent', 700)))
  assert.ok(results.every((r) => r.statusCode === 201))
  assert.equal(new Set(results.map((r) => r.json().id)).size, 1)
  assert.equal((await t.adminQuery('SELECT count(*)::int AS n FROM charges.charges WHERE amount = 700')).rows[0].n, 1)
})

test('the same key with a different body is refused; no key is a 400', async () => {
  await charge('k-2', 100)
  const other = await charge('k-2', 999)
  assert.equal(other.statusCode, 422)
  assert.match(other.json().detail, /different request/)
  const none = await charge(undefined, 100)
  assert.equal(none.statusCode, 400)
  assert.match(none.json().detail, /Idempotency-Key/)
  assert.equal((await t.adminQuery('SELECT count(*)::int AS n FROM charges.charges WHERE amount = 999')).rows[0].n, 0)
})
