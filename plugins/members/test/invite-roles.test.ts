/**
 * Invitations and the role rule (issue 9, item 1) on a real kernel and PostgreSQL: a manager cannot demote or remove
 * owners and admins through people and invitations; inviting never lowers a role; re-linking a person never removes
 * another user's membership; a user of another tenant is invited (pending until they accept), not enrolled, and their
 * user id does not reach this tenant before they accept; audit rows carry the role before and after.
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

async function tenant() {
  const tenant = await t.createTenant()
  await t.enable(tenant.id, 'members')
  const call = (session: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.request({ method, url: `/api/v1/members${url}`, session, ...(payload !== undefined ? { payload: payload as object } : {}) })
  return { tenant, call }
}

const roleOf = async (tenantId: string, userId: string) =>
  (await t.adminQuery('SELECT role FROM tessera.tenant_users WHERE tenant_id = $1 AND user_id = $2', [tenantId, userId])).rows[0]?.role ?? null

test('a manager inviting an admin\'s or owner\'s e-mail leaves their role as it was, and cannot remove their login', async () => {
  const { tenant: a, call } = await tenant()
  const admin = await t.signIn({ tenantId: a.id, role: 'admin' })
  const owner = await t.signIn({ tenantId: a.id, role: 'owner' })
  const manager = (await t.signIn({ tenantId: a.id, role: 'manager' })).cookie
  for (const victim of [admin, owner]) {
    const person = (await call(manager, 'POST', '/people', { name: 'Same mail', email: victim.email })).json()
    const invited = await call(manager, 'POST', `/people/${person.id}/invite`, {})
    assert.equal(invited.statusCode, 200, invited.body)
    assert.equal(await roleOf(a.id, victim.userId), victim === admin ? 'admin' : 'owner', 'inviting never lowers a role')
    const removed = await call(manager, 'DELETE', `/people/${person.id}/login`)
    assert.equal(removed.statusCode, 403, removed.body)
    assert.equal(removed.headers['content-type'], 'application/problem+json; charset=utf-8')
    assert.equal(await roleOf(a.id, victim.userId), victim === admin ? 'admin' : 'owner', 'a role above the caller\'s cannot be removed')
  }
  const audit = await t.adminQuery(
    `SELECT data FROM tessera.audit_log WHERE tenant_id = $1 AND action = 'identity.invite' AND target = $2`, [a.id, `user:${admin.userId}`])
  assert.deepEqual(audit.rows.map((r) => [r.data.roleBefore, r.data.roleAfter]), [['admin', 'admin']])
  // an admin cannot remove an owner either, not even by anonymising the owner's person
  const adminCookie = admin.cookie
  const ownerPerson = (await call(adminCookie, 'GET', `/people?q=${encodeURIComponent(owner.email)}`)).json().items[0]
  assert.equal((await call(adminCookie, 'POST', `/people/${ownerPerson.id}/anonymise`, { confirm: true })).statusCode, 403)
  assert.equal(await roleOf(a.id, owner.userId), 'owner')
  assert.equal((await call(adminCookie, 'GET', `/people/${ownerPerson.id}`)).json().anonymised, false, 'nothing written')
})

test('changing a linked person\'s e-mail and inviting again never unlinks or removes the previous user', async () => {
  const { tenant: a, call } = await tenant()
  const manager = (await t.signIn({ tenantId: a.id, role: 'manager' })).cookie
  const member = await t.signIn({ tenantId: a.id, role: 'member' })
  const person = (await call(manager, 'POST', '/people', { name: 'Linked', email: member.email })).json()
  assert.equal((await call(manager, 'POST', `/people/${person.id}/invite`, {})).json().userId, member.userId)
  assert.equal((await call(manager, 'PATCH', `/people/${person.id}`, { email: 'someone.else@example.test' })).statusCode, 200)
  const again = await call(manager, 'POST', `/people/${person.id}/invite`, {})
  assert.equal(again.statusCode, 409, again.body)
  assert.equal(await roleOf(a.id, member.userId), 'member', 'the previously linked user keeps their membership')
  assert.equal((await call(manager, 'GET', `/people/${person.id}`)).json().userId, member.userId)
  const fresh = await t.adminQuery(`SELECT 1 FROM tessera.users WHERE lower(email) = 'someone.else@example.test'`)
  assert.equal(fresh.rowCount, 0, 'the refused invitation left nothing behind')
  // removing the login explicitly, then inviting, links the new e-mail
  const removed = await call(manager, 'DELETE', `/people/${person.id}/login`)
  assert.equal(removed.statusCode, 200, removed.body)
  assert.equal(await roleOf(a.id, member.userId), null)
  const revokeAudit = await t.adminQuery(`SELECT data FROM tessera.audit_log WHERE tenant_id = $1 AND action = 'identity.revoke'`, [a.id])
  assert.deepEqual(revokeAudit.rows[0].data, { roleBefore: 'member', roleAfter: null })
  const linked = await call(manager, 'POST', `/people/${person.id}/invite`, {})
  assert.equal(linked.json().login, 'active')
})

test('a user of another tenant is invited (pending, no user id revealed), not enrolled, and joins on accepting', async () => {
  const { tenant: a, call } = await tenant()
  const { tenant: b } = await tenant()
  const staff = (await t.signIn({ tenantId: a.id, role: 'manager' })).cookie
  const outsider = await t.signIn({ tenantId: b.id, role: 'admin' })
  const hashBefore = (await t.adminQuery('SELECT password_hash FROM tessera.users WHERE id = $1', [outsider.userId])).rows[0].password_hash

  const person = (await call(staff, 'POST', '/people', { name: 'Outsider', email: outsider.email })).json()
  const invited = await call(staff, 'POST', `/people/${person.id}/invite`, {})
  assert.equal(invited.statusCode, 200, invited.body)
  assert.equal(invited.json().login, 'invited')
  assert.equal(invited.json().userId, null)
  assert.ok(!invited.body.includes(outsider.userId), 'the global user id does not leave the tenant')
  assert.equal(await roleOf(a.id, outsider.userId), null, 'not enrolled without consent')
  const audit = await t.adminQuery('SELECT target, data::text AS data FROM tessera.audit_log WHERE tenant_id = $1', [a.id])
  assert.ok(audit.rows.every((r) => !`${r.target} ${r.data}`.includes(outsider.userId)), 'nor through the tenant audit log')
  assert.equal((await call(staff, 'GET', `/people/${person.id}`)).json().userId, null)

  const open = await t.request({ method: 'GET', url: '/api/v1/auth/invitations', session: outsider.cookie })
  assert.equal(open.statusCode, 200, open.body)
  const mine = open.json().items
  assert.equal(mine.length, 1)
  assert.equal(mine[0].tenant.id, a.id)
  assert.equal(mine[0].role, 'member')
  const stranger = await t.signIn({ tenantId: b.id, role: 'member' })
  assert.equal((await t.request({ method: 'POST', url: `/api/v1/auth/invitations/${mine[0].id}/accept`, session: stranger.cookie, payload: {} })).statusCode, 404,
    'only the invited user accepts')

  const accepted = await t.request({ method: 'POST', url: `/api/v1/auth/invitations/${mine[0].id}/accept`, session: outsider.cookie, payload: {} })
  assert.equal(accepted.statusCode, 200, accepted.body)
  assert.ok(accepted.json().tenants.some((x: { id: string }) => x.id === a.id))
  assert.equal(await roleOf(a.id, outsider.userId), 'member')
  assert.equal(await roleOf(b.id, outsider.userId), 'admin', 'their other tenant is untouched')
  const linked = (await call(staff, 'GET', `/people/${person.id}`)).json()
  assert.equal(linked.login, 'active')
  assert.equal(linked.userId, outsider.userId)
  const acceptAudit = await t.adminQuery(`SELECT data FROM tessera.audit_log WHERE tenant_id = $1 AND action = 'invitation.accept'`, [a.id])
  assert.deepEqual(acceptAudit.rows[0].data, { roleBefore: null, roleAfter: 'member' })
  const hashAfter = (await t.adminQuery('SELECT password_hash FROM tessera.users WHERE id = $1', [outsider.userId])).rows[0].password_hash
  assert.equal(hashAfter, hashBefore, 'another tenant never touches the account')
  assert.equal((await t.request({ method: 'POST', url: `/api/v1/auth/invitations/${mine[0].id}/accept`, session: outsider.cookie, payload: {} })).statusCode, 404,
    'an invitation is accepted once')
})

test('a declined invitation cannot be accepted and enrols nobody', async () => {
  const { tenant: a, call } = await tenant()
  const { tenant: b } = await tenant()
  const manager = (await t.signIn({ tenantId: a.id, role: 'manager' })).cookie
  const outsider = await t.signIn({ tenantId: b.id, role: 'member' })
  const person = (await call(manager, 'POST', '/people', { name: 'Decliner', email: outsider.email })).json()
  await call(manager, 'POST', `/people/${person.id}/invite`, {})
  const [inv] = (await t.request({ method: 'GET', url: '/api/v1/auth/invitations', session: outsider.cookie })).json().items
  assert.equal((await t.request({ method: 'POST', url: `/api/v1/auth/invitations/${inv.id}/decline`, session: outsider.cookie, payload: {} })).statusCode, 204)
  assert.equal((await t.request({ method: 'POST', url: `/api/v1/auth/invitations/${inv.id}/accept`, session: outsider.cookie, payload: {} })).statusCode, 404)
  assert.equal(await roleOf(a.id, outsider.userId), null)
  assert.equal((await call(manager, 'GET', `/people/${person.id}`)).json().login, 'invited', 'staff can invite again')
})
