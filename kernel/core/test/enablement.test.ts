/**
 * Per-tenant enablement over the operator API: config validated with every bad field named, dependency checks in
 * both directions, the 404 gate, and propagation to a second kernel instance on the same database without restart.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'
import notes from './fixtures/notes-plugin.ts'
import journal from './fixtures/journal-plugin.ts'

let t: TestKernel
let op: string

before(async () => {
  t = await createTestKernel({ plugins: [notes, journal], workers: false })
  op = (await t.signIn({ operator: true })).cookie
})
after(() => t.close())

const put = (tenantId: string, plugin: string, config: unknown) =>
  t.request({ method: 'PUT', url: `/api/v1/admin/tenants/${tenantId}/plugins/${plugin}`, session: op, payload: { config } })

test('invalid config is a 400 problem naming each bad field', async () => {
  const tenant = await t.createTenant()
  const res = await put(tenant.id, 'notes', { maxNotes: 0, colour: 'green', extra: true })
  assert.equal(res.statusCode, 400)
  assert.match(res.headers['content-type'] as string, /application\/problem\+json/)
  const pointers = (res.json().errors as { pointer: string }[]).map((e) => e.pointer).sort()
  assert.deepEqual(pointers, ['/config/colour', '/config/extra', '/config/maxNotes', '/config/title'])
  const rows = await t.adminQuery('SELECT * FROM tessera.tenant_plugins WHERE tenant_id = $1', [tenant.id])
  assert.equal(rows.rowCount, 0, 'nothing written')
})

test('dependencies are checked both ways', async () => {
  const tenant = await t.createTenant()
  const early = await put(tenant.id, 'journal', {})
  assert.equal(early.statusCode, 409)
  assert.match(early.json().detail, /needs Notes enabled first/, 'plugins are named by their names, not ids')
  assert.equal((await put(tenant.id, 'notes', { title: 'N' })).statusCode, 200)
  const ok = await put(tenant.id, 'journal', {})
  assert.equal(ok.statusCode, 200, ok.body)
  assert.equal(ok.json().state, 'enabled')
  const refuse = await t.request({ method: 'DELETE', url: `/api/v1/admin/tenants/${tenant.id}/plugins/notes`, session: op })
  assert.equal(refuse.statusCode, 409)
  assert.match(refuse.json().detail, /cannot be disabled while journal depends on it/)
  assert.equal((await t.request({ method: 'DELETE', url: `/api/v1/admin/tenants/${tenant.id}/plugins/journal`, session: op })).statusCode, 200)
  const off = await t.request({ method: 'DELETE', url: `/api/v1/admin/tenants/${tenant.id}/plugins/notes`, session: op })
  assert.equal(off.statusCode, 200)
  assert.equal(off.json().state, 'disabled')
})

test('the gate answers 404 for a tenant that has not enabled the plugin, and data is kept on disable', async () => {
  const tenant = await t.createTenant()
  const staff = (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie
  const before = await t.request({ method: 'GET', url: '/api/v1/notes/notes', session: staff })
  assert.equal(before.statusCode, 404)
  assert.match(before.json().detail, /not enabled/)
  await put(tenant.id, 'notes', { title: 'N' })
  assert.equal((await t.request({ method: 'POST', url: '/api/v1/notes/notes', session: staff, payload: { body: 'kept' } })).statusCode, 201)
  await t.request({ method: 'DELETE', url: `/api/v1/admin/tenants/${tenant.id}/plugins/notes`, session: op })
  assert.equal((await t.request({ method: 'GET', url: '/api/v1/notes/notes', session: staff })).statusCode, 404)
  await put(tenant.id, 'notes', { title: 'N' })
  const after = await t.request({ method: 'GET', url: '/api/v1/notes/notes', session: staff })
  assert.deepEqual(after.json().map((n: { body: string }) => n.body), ['kept'])
  // the UI manifest follows enablement and permissions
  const manifest = (await t.request({ method: 'GET', url: '/api/v1/ui/manifest', session: staff })).json()
  assert.deepEqual(manifest.plugins.map((p: { id: string }) => p.id), ['notes'])
  assert.equal(manifest.plugins[0].module, '/ui/plugins/notes/1.0.0/index.js')
  const finance = (await t.signIn({ tenantId: tenant.id, role: 'finance' })).cookie
  assert.deepEqual((await t.request({ method: 'GET', url: '/api/v1/ui/manifest', session: finance })).json().plugins, [])
  assert.equal((await t.request({ method: 'GET', url: '/api/v1/notes/notes', session: finance })).statusCode, 403)
  // validated config with defaults reaches the plugin
  assert.deepEqual((await t.request({ method: 'GET', url: '/api/v1/notes/config', session: staff })).json(), { title: 'N', maxNotes: 100 })
})

test('staff and members cannot use the operator API', async () => {
  const tenant = await t.createTenant()
  const owner = (await t.signIn({ tenantId: tenant.id, role: 'owner' })).cookie
  assert.equal((await t.request({ method: 'GET', url: '/api/v1/admin/tenants', session: owner })).statusCode, 403)
  assert.equal((await t.request({ method: 'GET', url: '/api/v1/admin/tenants' })).statusCode, 401)
})

test('a toggle on one instance reaches a second instance within 1 s, without restart', async () => {
  const second = await createTestKernel({ plugins: [notes, journal], workers: false, databaseUrl: t.databaseUrl })
  try {
    const tenant = await t.createTenant()
    const staff = (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie
    assert.equal((await second.request({ method: 'GET', url: '/api/v1/notes/notes', session: staff })).statusCode, 404)
    assert.equal((await put(tenant.id, 'notes', { title: 'N' })).statusCode, 200)
    const started = Date.now()
    let status = 0
    while (Date.now() - started < 1000) {
      status = (await second.request({ method: 'GET', url: '/api/v1/notes/notes', session: staff })).statusCode
      if (status === 200) break
      await new Promise((r) => setTimeout(r, 20))
    }
    assert.equal(status, 200, 'second instance serves within 1 s')
    await t.request({ method: 'DELETE', url: `/api/v1/admin/tenants/${tenant.id}/plugins/notes`, session: op })
    const offAt = Date.now()
    while (Date.now() - offAt < 1000) {
      status = (await second.request({ method: 'GET', url: '/api/v1/notes/notes', session: staff })).statusCode
      if (status === 404) break
      await new Promise((r) => setTimeout(r, 20))
    }
    assert.equal(status, 404, 'disable propagates within 1 s')
  } finally {
    await second.kernel.close()
  }
})
