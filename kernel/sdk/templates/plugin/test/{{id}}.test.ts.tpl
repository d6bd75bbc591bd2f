/**
 * {{title}}'s own tests, as its author runs them (`npm test`, i.e. `node --test`): a real kernel from
 * `@tessera/sdk/testing` on a real PostgreSQL (a fresh database per file, dropped at the end — the server is
 * `DATABASE_URL`, else the harness's default test server), the plugin loaded from its source. One kernel for the
 * file; each test makes its own tenant with the plugin enabled and signs in only the roles it needs (`t.createWorld()`
 * would sign in one user of every role), so no test depends on another's data.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createTestKernel } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import type { TenantRole } from '@tessera/sdk'
import plugin from '../src/index.ts'

let t: TestKernel

/** A new tenant with the plugin enabled (with `config`) and a session cookie for each of `roles`. */
async function tenantWith<const R extends TenantRole>(roles: R[], config: Record<string, unknown> = {}) {
  const tenant = await t.createTenant()
  await t.enable(tenant.id, '{{id}}', config)
  const cookies = {} as Record<R, string>
  for (const role of roles) cookies[role] = (await t.signIn({ tenantId: tenant.id, role })).cookie
  return { tenantId: tenant.id, cookies }
}

before(async () => {
  t = await createTestKernel({ plugins: [plugin] })
})
after(async () => {
  await t?.close()
})

const notes = '/api/v1/{{id}}/notes'

test('a manager writes notes and pages through them, newest first; each note is announced once committed', async () => {
  const w = await tenantWith(['manager', 'support'])
  const ids: string[] = []
  for (const title of ['First', 'Second', 'Third']) {
    const res = await t.request({ method: 'POST', url: notes, session: w.cookies.manager, payload: { title, body: `${title} body` } })
    assert.equal(res.statusCode, 201, res.body)
    ids.push(res.json().id)
  }
  const event = await t.events.next('{{id}}.note.created', { where: (e) => e.tenantId === w.tenantId && e.payload.id === ids[2] })
  assert.deepEqual(event.payload, { id: ids[2], title: 'Third' })

  const first = await t.request({ method: 'GET', url: `${notes}?limit=2`, session: w.cookies.support })
  assert.equal(first.statusCode, 200, first.body)
  assert.deepEqual(first.json().items.map((n: { title: string }) => n.title), ['Third', 'Second'])
  assert.deepEqual([first.json().total, first.json().limit, first.json().offset], [3, 2, 0])
  const second = await t.request({ method: 'GET', url: `${notes}?limit=2&offset=2`, session: w.cookies.support })
  assert.deepEqual(second.json().items.map((n: { title: string }) => n.title), ['First'])

  const status = await t.request({ method: 'GET', url: '/api/v1/{{id}}/status', session: w.cookies.manager })
  assert.deepEqual(status.json(), { message: '{{title}} is ready', notes: 3 })
})

test('bad input is a 400 problem naming the field; an unknown note is a 404; a member may not write or read', async () => {
  const w = await tenantWith(['manager', 'member'])
  const tooLong = await t.request({ method: 'POST', url: notes, session: w.cookies.manager, payload: { title: 'x'.repeat(201) } })
  assert.equal(tooLong.statusCode, 400)
  assert.match(tooLong.headers['content-type'] as string, /application\/problem\+json/)
  assert.ok(tooLong.json().errors.some((e: { pointer: string }) => e.pointer.endsWith('/title')), tooLong.body)
  const blank = await t.request({ method: 'POST', url: notes, session: w.cookies.manager, payload: { title: '   ' } })
  assert.equal(blank.statusCode, 400, blank.body)
  const unknown = await t.request({ method: 'GET', url: `${notes}/00000000-0000-4000-8000-000000000000`, session: w.cookies.manager })
  assert.equal(unknown.statusCode, 404, unknown.body)
  assert.equal((await t.request({ method: 'POST', url: notes, session: w.cookies.member, payload: { title: 'Mine' } })).statusCode, 403)
  assert.equal((await t.request({ method: 'GET', url: notes, session: w.cookies.member })).statusCode, 403)
})

test("another tenant sees none of a tenant's notes and can neither read nor delete one", async () => {
  const a = await tenantWith(['manager'])
  const b = await tenantWith(['manager'])
  const created = await t.request({ method: 'POST', url: notes, session: a.cookies.manager, payload: { title: 'Only for A' } })
  assert.equal(created.statusCode, 201, created.body)
  const id = created.json().id as string

  assert.deepEqual((await t.request({ method: 'GET', url: notes, session: b.cookies.manager })).json().items, [])
  assert.equal((await t.request({ method: 'GET', url: `${notes}/${id}`, session: b.cookies.manager })).statusCode, 404)
  assert.equal((await t.request({ method: 'DELETE', url: `${notes}/${id}`, session: b.cookies.manager })).statusCode, 404)
  assert.equal((await t.request({ method: 'GET', url: `${notes}/${id}`, session: a.cookies.manager })).json().title, 'Only for A', 'still there for A')
})

test('the tenant config caps the notes a tenant keeps (409 once reached); a tenant without the plugin gets 404', async () => {
  const w = await tenantWith(['manager'], { maxNotes: 1 })
  assert.equal((await t.request({ method: 'POST', url: notes, session: w.cookies.manager, payload: { title: 'One' } })).statusCode, 201)
  const full = await t.request({ method: 'POST', url: notes, session: w.cookies.manager, payload: { title: 'Two' } })
  assert.equal(full.statusCode, 409, full.body)
  assert.match(full.json().detail, /maxNotes/)

  const other = await t.createTenant()
  const { cookie } = await t.signIn({ tenantId: other.id, role: 'manager' })
  assert.equal((await t.request({ method: 'GET', url: notes, session: cookie })).statusCode, 404)
})
