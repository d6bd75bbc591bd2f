/**
 * A transaction PostgreSQL fails for concurrency — a deadlock it broke (40P01), a serialisation failure (40001) — is a
 * 503 problem with `Retry-After`, saying nothing was saved, and nothing is: the request's whole transaction is rolled
 * back. (Before, such a request was an "unexpected error", a 500.) The route raises the real SQLSTATE in PostgreSQL.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { definePlugin } from '@tessera/sdk'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'

const collide = definePlugin({
  id: 'collide', version: '1.0.0', kernel: '^1.0.0',
  permissions: { 'collide.write': { description: 'Write', roles: ['admin'] } },
  migrations: [{ name: '001', up: 'CREATE TABLE marks (id serial PRIMARY KEY, tenant_id uuid NOT NULL, code text NOT NULL)' }],
  routes(app, ctx) {
    const body = { type: 'object', additionalProperties: false, required: ['code'], properties: { code: { type: 'string', enum: ['40P01', '40001'] } } }
    const response = { 200: { type: 'object', properties: { ok: { type: 'boolean' } } } }
    app.post('/marks', { config: { permission: 'collide.write', audit: false }, schema: { body, response } }, async (req) => {
      const { code } = req.body as { code: string }
      await ctx.db.query('INSERT INTO collide.marks (code) VALUES ($1)', [code])
      await ctx.db.query(`DO $$ BEGIN RAISE EXCEPTION 'concurrent change' USING ERRCODE = '${code}'; END $$`)
      return { ok: true }
    })
  },
})

let t: TestKernel
let cookie: string
before(async () => {
  t = await createTestKernel({ plugins: [collide], workers: false })
  const tenant = await t.createTenant()
  await t.enable(tenant.id, 'collide')
  cookie = (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie
})
after(() => t.close())

for (const [code, what] of [['40P01', 'a deadlock PostgreSQL broke'], ['40001', 'a serialisation failure']]) {
  test(`${what} (${code}) is a 503 with Retry-After, and nothing is saved`, async () => {
    const res = await t.request({ method: 'POST', url: '/api/v1/collide/marks', headers: { cookie }, payload: { code } })
    assert.equal(res.statusCode, 503, res.body)
    assert.equal(res.headers['retry-after'], '1')
    assert.match(res.headers['content-type'] as string, /^application\/problem\+json/)
    assert.match(res.json().detail, /nothing was saved/)
    assert.equal((await t.adminQuery('SELECT count(*)::int AS n FROM collide.marks WHERE code = $1', [code])).rows[0].n, 0)
  })
}
