/**
 * A person's notes: writers add and delete (audited against `person:<id>`, so the profile's activity shows them),
 * readers list newest first with paging, blank or unbounded notes are refused, another tenant sees none; members'
 * profile sections (notes for members.read, activity for audit readers) are in the UI manifest.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createTestKernel } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import members from '../src/index.ts'

let t: TestKernel
before(async () => { t = await createTestKernel({ plugins: [members], workers: false }) })
after(() => t?.close())

test('notes: add, list newest first with paging, delete, audited, tenant-scoped', async () => {
  const [a, b] = [await t.createTenant(), await t.createTenant()]
  for (const x of [a, b]) await t.enable(x.id, 'members')
  const admin = await t.signIn({ tenantId: a.id, role: 'admin' })
  const support = await t.signIn({ tenantId: a.id, role: 'support' })
  const otherAdmin = await t.signIn({ tenantId: b.id, role: 'admin' })
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, session: string, payload?: object) => t.request({ method, url: `/api/v1/members${url}`, session, ...(payload ? { payload } : {}) })
  const person = (await call('POST', '/people', admin.cookie, { name: 'Ada' })).json().id as string
  for (const body of ['first', 'second', 'third']) assert.equal((await call('POST', `/people/${person}/notes`, admin.cookie, { body })).statusCode, 201)
  const page = (await call('GET', `/people/${person}/notes?limit=2`, support.cookie)).json()
  assert.equal(page.total, 3)
  assert.deepEqual(page.items.map((n: { body: string }) => n.body), ['third', 'second'])
  assert.equal((await call('GET', `/people/${person}/notes?limit=2&offset=2`, support.cookie)).json().items[0].body, 'first')
  assert.equal((await call('POST', `/people/${person}/notes`, support.cookie, { body: 'no' })).statusCode, 403, 'support reads, does not write')
  assert.equal((await call('POST', `/people/${person}/notes`, admin.cookie, { body: '   ' })).statusCode, 422)
  assert.equal((await call('POST', `/people/${person}/notes`, admin.cookie, { body: 'x'.repeat(4001) })).statusCode, 400)
  assert.equal((await call('GET', `/people/${person}/notes`, otherAdmin.cookie)).statusCode, 404, "another tenant's person does not exist there")
  const first = page.items[0].id
  assert.equal((await call('DELETE', `/people/${person}/notes/${first}`, admin.cookie)).statusCode, 204)
  assert.equal((await call('DELETE', `/people/${person}/notes/${first}`, admin.cookie)).statusCode, 404)
  assert.equal((await call('GET', `/people/${person}/notes`, admin.cookie)).json().total, 2)
  const audit = await t.request({ method: 'GET', url: `/api/v1/tenant/audit?target=person:${person}`, session: admin.cookie })
  const actions = (audit.json().items as { action: string }[]).map((e) => e.action)
  assert.equal(actions.filter((x) => x.endsWith('person.note.add')).length, 3, JSON.stringify(actions))
  assert.equal(actions.filter((x) => x.endsWith('person.note.delete')).length, 1)

  const manifest = async (cookie: string) => (await t.request({ method: 'GET', url: '/api/v1/ui/manifest', session: cookie })).json().plugins.find((p: { id: string }) => p.id === 'members').profileSections.map((s: { id: string }) => s.id)
  assert.deepEqual(await manifest(admin.cookie), ['notes', 'activity'])
  assert.deepEqual(await manifest(support.cookie), ['notes'], 'activity only for audit readers')
})
