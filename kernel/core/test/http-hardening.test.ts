/**
 * Bad input never reaches the database: malformed JSON, wrong types, unknown fields, an oversized body, a missing or
 * forged session — each a 4xx application/problem+json, and nothing is written. Also: health, readiness, metrics
 * and the OpenAPI document.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'
import notes from './fixtures/notes-plugin.ts'

let t: TestKernel
let tenant: { id: string }
let staff: string

before(async () => {
  t = await createTestKernel({ plugins: [notes], workers: false, config: { http: { bodyLimit: 4096 } } })
  tenant = await t.createTenant()
  await t.enable(tenant.id, 'notes', { title: 'x' })
  staff = (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie
})
after(() => t.close())

const count = async () => Number((await t.adminQuery('SELECT count(*) FROM notes.notes')).rows[0].count)

const cases: [string, Record<string, unknown>, number, RegExp?][] = [
  ['malformed JSON', { payload: '{"body": ', headers: { 'content-type': 'application/json' } }, 400],
  ['wrong type', { payload: { body: 42 } }, 400, /\/body\/body/],
  ['unknown field', { payload: { body: 'x', admin: true } }, 400, /\/body\/admin/],
  ['missing field', { payload: {} }, 400, /\/body\/body/],
  ['oversized body', { payload: { body: 'x'.repeat(10_000) } }, 413],
  ['wrong media type', { payload: 'body=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415],
  ['text/plain is refused', { payload: '{"body":"x"}', headers: { 'content-type': 'text/plain' } }, 415],
  ['no session', { payload: { body: 'x' }, noSession: true }, 401],
  ['forged session', { payload: { body: 'x' }, cookie: 'tessera_session=tss_forged' }, 401],
]

for (const [name, spec, status, pointer] of cases) {
  test(`${name} → ${status} problem+json, nothing written`, async () => {
    const before = await count()
    const { noSession, cookie, ...rest } = spec as { noSession?: boolean; cookie?: string; headers?: Record<string, string> }
    const res = await t.request({
      method: 'POST', url: '/api/v1/notes/notes', ...(rest as object),
      headers: { ...rest.headers, ...(cookie ? { cookie } : {}) }, session: noSession || cookie ? undefined : staff,
    })
    assert.equal(res.statusCode, status, res.body)
    assert.match(res.headers['content-type'] as string, /^application\/problem\+json/)
    const doc = res.json()
    assert.equal(doc.status, status)
    assert.ok(doc.title && doc.detail)
    if (pointer) assert.match(JSON.stringify(doc.errors), pointer)
    assert.equal(await count(), before)
  })
}

test('bad params and query are 400; unknown routes are 404 problem+json', async () => {
  const r1 = await t.request({ method: 'PUT', url: '/api/v1/notes/notes/abc', session: staff, payload: { body: 'x' } })
  assert.equal(r1.statusCode, 400)
  assert.match(JSON.stringify(r1.json().errors), /\/params\/id/)
  const r2 = await t.request({ method: 'GET', url: '/api/v1/admin/tenants?limit=100000', session: (await t.signIn({ operator: true })).cookie })
  assert.equal(r2.statusCode, 400)
  const r3 = await t.request({ method: 'GET', url: '/api/v1/nope' })
  assert.equal(r3.statusCode, 404)
  assert.match(r3.headers['content-type'] as string, /problem\+json/)
})

test('wrong password is 401 and login is rate limited', async () => {
  const { email } = await t.signIn({ tenantId: tenant.id })
  const bad = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'wrong' } })
  assert.equal(bad.statusCode, 401)
  let limited = 0
  for (let i = 0; i < 12; i++) {
    const r = await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'wrong' }, remoteAddress: '10.9.9.9' })
    if (r.statusCode === 429) limited++
  }
  assert.ok(limited > 0, 'login attempts beyond the limit get 429')
})

test('sign-out revokes the session', async () => {
  const { cookie } = await t.signIn({ tenantId: tenant.id, role: 'admin' })
  assert.equal((await t.request({ method: 'GET', url: '/api/v1/auth/me', session: cookie })).statusCode, 200)
  assert.equal((await t.request({ method: 'POST', url: '/api/v1/auth/logout', session: cookie })).statusCode, 204)
  assert.equal((await t.request({ method: 'GET', url: '/api/v1/auth/me', session: cookie })).statusCode, 401)
})

test('API tokens are stored hashed and act with their role', async () => {
  const owner = (await t.signIn({ tenantId: tenant.id, role: 'owner' })).cookie
  const res = await t.request({ method: 'POST', url: '/api/v1/auth/tokens', session: owner, payload: { name: 'integration', role: 'manager' } })
  assert.equal(res.statusCode, 201)
  const { token } = res.json()
  const stored = await t.adminQuery('SELECT token_hash FROM tessera.api_tokens')
  assert.ok(stored.rows.every((r) => r.token_hash !== token && r.token_hash.length === 64))
  const list = await t.request({ method: 'GET', url: '/api/v1/notes/notes', headers: { authorization: `Bearer ${token}` } })
  assert.equal(list.statusCode, 200)
})

test('health, readiness, metrics and OpenAPI', async () => {
  assert.equal((await t.request({ method: 'GET', url: '/healthz' })).statusCode, 200)
  assert.deepEqual((await t.request({ method: 'GET', url: '/readyz' })).json(), { status: 'ready' })
  // /metrics is not public without a token or its own port (metrics-access.test.ts)
  assert.equal((await t.request({ method: 'GET', url: '/metrics' })).statusCode, 404)
  const doc = (await t.request({ method: 'GET', url: '/api/v1/openapi.json' })).json()
  assert.equal(doc.openapi, '3.1.0')
  assert.ok(doc.paths['/api/v1/notes/notes'].post.requestBody)
  assert.equal((await t.request({ method: 'GET', url: '/docs/' })).statusCode, 200)
})

test('a response sent with reply.send() waits for the commit', async () => {
  const res = await t.request({ method: 'POST', url: '/api/v1/notes/notes', session: staff, payload: { body: 'visible at once' } })
  assert.equal(res.statusCode, 201)
  const list = await t.request({ method: 'GET', url: '/api/v1/notes/notes', session: staff })
  assert.ok(list.json().some((n: { body: string }) => n.body === 'visible at once'))
})

test('a user of several tenants switches between them; the role follows the tenant', async () => {
  const other = await t.createTenant()
  const { cookie, userId } = await t.signIn({ tenantId: tenant.id, role: 'admin' })
  await t.kernel.services.users.grant(userId, other.id, 'member')
  const me = (await t.request({ method: 'GET', url: '/api/v1/auth/me', session: cookie })).json()
  assert.equal(me.tenants.length, 2)
  assert.equal(me.tenantId, tenant.id)
  assert.equal((await t.request({ method: 'POST', url: '/api/v1/notes/notes', session: cookie, payload: { body: 'as admin' } })).statusCode, 201)
  const sw = await t.request({ method: 'POST', url: '/api/v1/auth/switch-tenant', session: cookie, payload: { tenantId: other.id } })
  assert.equal(sw.statusCode, 200)
  assert.equal(sw.json().tenantId, other.id)
  // the other tenant has not enabled notes: 404; once enabled, the member role may read but not write
  assert.equal((await t.request({ method: 'GET', url: '/api/v1/notes/notes', session: cookie })).statusCode, 404)
  await t.enable(other.id, 'notes', { title: 'other' })
  assert.equal((await t.request({ method: 'GET', url: '/api/v1/notes/notes', session: cookie })).json().length, 0)
  assert.equal((await t.request({ method: 'POST', url: '/api/v1/notes/notes', session: cookie, payload: { body: 'as member' } })).statusCode, 403)
  const stranger = await t.createTenant()
  assert.equal((await t.request({ method: 'POST', url: '/api/v1/auth/switch-tenant', session: cookie, payload: { tenantId: stranger.id } })).statusCode, 403)
})

test('a text value PostgreSQL cannot store (U+0000) is a 400, not a 500', async () => {
  const res = await t.request({ method: 'POST', url: '/api/v1/notes/notes', session: staff, payload: { body: 'nul \u0000 byte' } })
  assert.equal(res.statusCode, 400, res.body)
  assert.match(res.json().detail, /U\+0000/)
})
