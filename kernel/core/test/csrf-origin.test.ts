/**
 * CSRF: a cookie-authenticated mutation is accepted only from an allowed origin. `Origin` decides when present (a
 * same-site sibling such as `https://evil.<host>` is not the public origin); without it, `Sec-Fetch-Site` must be
 * `same-origin`; with neither the client is not a browser and holds its cookie deliberately. Bearer-token requests are
 * exempt (a page cannot attach an Authorization header cross-origin). Refusals are 403 problem+json and write nothing.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'
import notes from './fixtures/notes-plugin.ts'

let t: TestKernel
let strict: TestKernel
let tenant: { id: string }
let staff: string
const OWN = 'http://localhost' // inject() sends Host: localhost:80
const APP = 'https://app.example.test'

before(async () => {
  t = await createTestKernel({ plugins: [notes], workers: false })
  tenant = await t.createTenant()
  await t.enable(tenant.id, 'notes', { title: 'x' })
  staff = (await t.signIn({ tenantId: tenant.id, role: 'owner' })).cookie
  strict = await createTestKernel({ plugins: [notes], workers: false, databaseUrl: t.databaseUrl, config: { http: { publicOrigins: [APP] } } })
})
after(async () => {
  await strict.close()
  await t.close()
})

const count = async () => Number((await t.adminQuery('SELECT count(*) FROM notes.notes')).rows[0].count)
const post = (k: TestKernel, headers: Record<string, string>, session: string | undefined = staff) =>
  k.request({ method: 'POST', url: '/api/v1/notes/notes', session, headers, payload: { body: 'csrf probe' } })

test('a cookie mutation from a foreign or same-site sibling Origin is refused with 403 and writes nothing', async () => {
  const before = await count()
  for (const origin of ['https://evil.example', 'http://evil.localhost', 'http://localhost:8080', 'https://localhost', 'null']) {
    const res = await post(t, { origin })
    assert.equal(res.statusCode, 403, origin)
    assert.match(res.headers['content-type'] as string, /application\/problem\+json/)
    assert.match(res.json().detail, /not an allowed origin/)
  }
  for (const method of ['PUT', 'DELETE', 'PATCH'] as const) {
    assert.equal((await t.request({ method, url: '/api/v1/notes/notes/1', session: staff, headers: { origin: 'https://evil.example' }, payload: { body: 'x' } })).statusCode, 403)
  }
  assert.equal(await count(), before)
})

test('without Origin, Sec-Fetch-Site must be same-origin; with neither header (not a browser) the mutation proceeds', async () => {
  const before = await count()
  assert.equal((await post(t, { 'sec-fetch-site': 'same-site' })).statusCode, 403)
  assert.equal((await post(t, { 'sec-fetch-site': 'cross-site' })).statusCode, 403)
  assert.equal(await count(), before)
  assert.equal((await post(t, { 'sec-fetch-site': 'same-origin' })).statusCode, 201)
  assert.equal((await post(t, { origin: OWN, 'sec-fetch-site': 'same-origin' })).statusCode, 201)
  assert.equal((await post(t, {})).statusCode, 201)
  assert.equal(await count(), before + 3)
})

test('reads are not checked; sign-in from a foreign origin is refused (login CSRF); bearer tokens are exempt', async () => {
  assert.equal((await t.request({ method: 'GET', url: '/api/v1/notes/notes', session: staff, headers: { origin: 'https://evil.example' } })).statusCode, 200)
  const login = await t.request({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: 'https://evil.example' }, payload: { email: 'nobody@example.test', password: 'password123' } })
  assert.equal(login.statusCode, 403)
  const created = await t.request({ method: 'POST', url: '/api/v1/auth/tokens', session: staff, payload: { name: 'integration', role: 'manager' } })
  assert.equal(created.statusCode, 201)
  const { token } = created.json()
  const res = await post(t, { origin: 'https://evil.example', authorization: `Bearer ${token}` }, undefined)
  assert.equal(res.statusCode, 201)
})

test('with http.publicOrigins configured, the listed origin may mutate and the request host alone is not enough', async () => {
  assert.equal((await post(strict, { origin: APP })).statusCode, 201)
  assert.equal((await post(strict, { origin: APP.toUpperCase() })).statusCode, 201, 'origins compare case-insensitively')
  assert.equal((await post(strict, { origin: OWN })).statusCode, 403)
  assert.equal((await post(strict, { origin: 'https://sibling.example.test' })).statusCode, 403)
})
