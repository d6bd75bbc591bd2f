/**
 * Members plugin on a real kernel and PostgreSQL: people and organisations CRUD with search and pagination, status
 * changes, invitation and self-service, GDPR export and anonymisation, permissions and tenant isolation.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createTestKernel } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import members from '../src/index.ts'

let t: TestKernel

before(async () => {
  t = await createTestKernel({ plugins: [members], workers: false })
})
after(() => t.close())

async function tenantWithStaff() {
  const tenant = await t.createTenant()
  await t.enable(tenant.id, 'members')
  const admin = (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, session = admin) =>
    t.request({ method, url: `/api/v1/members${url}`, session, ...(payload !== undefined ? { payload: payload as object } : {}) })
  return { tenant, admin, call }
}

test('people: create, search with pagination and total, update, status change', async () => {
  const { call } = await tenantWithStaff()
  const org = await call('POST', '/organisations', { name: 'Acme Ltd', email: 'office@acme.test' })
  assert.equal(org.statusCode, 201, org.body)
  for (let i = 0; i < 12; i++) {
    const res = await call('POST', '/people', { name: `Person ${String(i).padStart(2, '0')}`, email: `p${i}@example.test`, organisationId: i < 5 ? org.json().id : null })
    assert.equal(res.statusCode, 201, res.body)
  }
  const page = (await call('GET', '/people?limit=5&offset=10')).json()
  assert.equal(page.total, 12)
  assert.deepEqual(page.items.map((p: { name: string }) => p.name), ['Person 10', 'Person 11'])
  const byOrg = (await call('GET', `/people?organisationId=${org.json().id}`)).json()
  assert.equal(byOrg.total, 5)
  assert.equal(byOrg.items[0].organisationName, 'Acme Ltd')
  const q = (await call('GET', '/people?q=p7@')).json()
  assert.deepEqual(q.items.map((p: { name: string }) => p.name), ['Person 07'])
  assert.equal((await call('GET', '/people?q=acme')).json().total, 5, 'search matches the organisation name')

  const id = q.items[0].id
  const upd = await call('PATCH', `/people/${id}`, { phone: '+44 20 7946 0000', notes: 'likes window seats' })
  assert.equal(upd.statusCode, 200, upd.body)
  assert.equal(upd.json().phone, '+44 20 7946 0000')
  const st = await call('POST', `/people/${id}/status`, { status: 'suspended', reason: 'unpaid' })
  assert.equal(st.json().status, 'suspended')
  assert.equal((await call('GET', '/people?status=suspended')).json().total, 1)
  assert.equal((await call('POST', '/people', { name: 'Dup', email: 'P7@example.test' })).statusCode, 409, 'e-mail unique per tenant')
  assert.equal((await call('PATCH', `/people/${id}`, { nickname: 'x' })).statusCode, 400, 'unknown fields refused')
  assert.equal((await call('POST', `/people/${id}/status`, { status: 'gone' })).statusCode, 400)
  assert.equal((await call('DELETE', `/organisations/${org.json().id}`)).statusCode, 409, 'organisation with people is kept')
})

test('organisations: crud with pagination', async () => {
  const { call } = await tenantWithStaff()
  const ids: string[] = []
  for (const name of ['Beta', 'Alpha', 'Gamma']) ids.push((await call('POST', '/organisations', { name })).json().id)
  const list = (await call('GET', '/organisations?limit=2')).json()
  assert.equal(list.total, 3)
  assert.deepEqual(list.items.map((o: { name: string }) => o.name), ['Alpha', 'Beta'])
  assert.equal((await call('PATCH', `/organisations/${ids[0]}`, { name: 'Beta Co' })).json().name, 'Beta Co')
  assert.equal((await call('DELETE', `/organisations/${ids[2]}`)).statusCode, 204)
  assert.equal((await call('GET', `/organisations/${ids[2]}`)).statusCode, 404)
  assert.equal((await call('POST', '/organisations', { name: 'alpha' })).statusCode, 409)
})

test('invite links a login; the member reads only their own record', async () => {
  const { tenant, call } = await tenantWithStaff()
  const member = await t.signIn({ tenantId: tenant.id, role: 'member' })
  const person = (await call('POST', '/people', { name: 'Mia Member', email: member.email })).json()
  const invited = await call('POST', `/people/${person.id}/invite`, {})
  assert.equal(invited.statusCode, 200, invited.body)
  assert.equal(invited.json().userId, member.userId)
  const me = await call('GET', '/me', undefined, member.cookie)
  assert.equal(me.statusCode, 200, me.body)
  assert.equal(me.json().id, person.id)
  assert.equal((await call('GET', '/people', undefined, member.cookie)).statusCode, 403)
  assert.equal((await call('GET', `/people/${person.id}`, undefined, member.cookie)).statusCode, 403)
  const fresh = (await call('POST', '/people', { name: 'New Person', email: 'new.person@example.test' })).json()
  const inv2 = await call('POST', `/people/${fresh.id}/invite`, {})
  assert.equal(inv2.statusCode, 200)
  const role = await t.adminQuery('SELECT role FROM tessera.tenant_users WHERE tenant_id = $1 AND user_id = $2', [tenant.id, inv2.json().userId])
  assert.equal(role.rows[0].role, 'member')
  const noMail = (await call('POST', '/people', { name: 'No Mail' })).json()
  assert.equal((await call('POST', `/people/${noMail.id}/invite`, {})).statusCode, 422)
})

test('GDPR: export holds everything; anonymisation is irreversible, keeps the id, revokes access and is audited', async () => {
  const { tenant, call } = await tenantWithStaff()
  const manager = (await t.signIn({ tenantId: tenant.id, role: 'manager' })).cookie
  const member = await t.signIn({ tenantId: tenant.id, role: 'member' })
  const org = (await call('POST', '/organisations', { name: 'Initech' })).json()
  const person = (await call('POST', '/people', { name: 'Gina GDPR', email: member.email, phone: '0123', notes: 'secret', organisationId: org.id })).json()
  await call('POST', `/people/${person.id}/invite`, {})
  assert.equal((await call('GET', `/people/${person.id}/export`, undefined, manager)).statusCode, 403, 'managers lack members.gdpr')
  const exp = await call('GET', `/people/${person.id}/export`)
  assert.equal(exp.statusCode, 200)
  assert.equal(exp.json().person.email, member.email)
  assert.equal(exp.json().person.notes, 'secret')
  assert.equal(exp.json().organisation.name, 'Initech')

  assert.equal((await call('POST', `/people/${person.id}/anonymise`, {})).statusCode, 400, 'needs confirm: true')
  const anon = await call('POST', `/people/${person.id}/anonymise`, { confirm: true, reason: 'request 42' })
  assert.equal(anon.statusCode, 200, anon.body)
  assert.equal(anon.json().id, person.id)
  assert.equal(anon.json().anonymised, true)
  assert.equal(anon.json().email, null)
  assert.equal(anon.json().status, 'left')
  const raw = await t.adminQuery('SELECT name, email, phone, notes, user_id FROM members.people WHERE id = $1', [person.id])
  assert.deepEqual(raw.rows[0], { name: 'Anonymised person', email: null, phone: null, notes: null, user_id: null })
  assert.equal((await call('PATCH', `/people/${person.id}`, { name: 'Back' })).statusCode, 409, 'irreversible')
  const access = await t.adminQuery('SELECT 1 FROM tessera.tenant_users WHERE tenant_id = $1 AND user_id = $2', [tenant.id, member.userId])
  assert.equal(access.rowCount, 0, 'login removed from the tenant')
  const audit = await t.adminQuery(`SELECT action FROM tessera.audit_log WHERE tenant_id = $1 AND plugin = 'members' AND target = $2`, [tenant.id, `person:${person.id}`])
  assert.ok(audit.rows.some((r) => r.action === 'person.anonymise'))
})

test('tenants are isolated', async () => {
  const a = await tenantWithStaff()
  const b = await tenantWithStaff()
  const p = (await a.call('POST', '/people', { name: 'Only in A', email: 'same@example.test' })).json()
  assert.equal((await b.call('GET', `/people/${p.id}`)).statusCode, 404)
  assert.equal((await b.call('GET', '/people')).json().total, 0)
  assert.equal((await b.call('POST', '/people', { name: 'Same mail in B', email: 'same@example.test' })).statusCode, 201)
  const orgA = (await a.call('POST', '/organisations', { name: 'A org' })).json()
  const cross = await b.call('POST', '/people', { name: 'Sneaky', organisationId: orgA.id })
  assert.equal(cross.statusCode, 409, 'cannot point at another tenant\'s organisation')
})
