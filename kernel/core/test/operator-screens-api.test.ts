/**
 * The APIs behind the operator and admin screens (issue 14 item 8), on a real kernel and PostgreSQL:
 * - users and roles of a tenant: list with pending invitations, invite, change a role, remove — the role rule is the
 *   server's (an admin cannot touch an admin or owner, nobody their own membership, a tenant keeps an owner), each
 *   refusal a 403/409 in words, each change audited with the roles before and after; managers may list, not change;
 * - the audit log filtered by actor, plugin, action, target and time, with a total, tenant-scoped for a tenant admin
 *   and platform-wide (optionally one tenant) for an operator;
 * - health: the readiness checks, the backlog and dead letters of each queue (a job that failed its retries shows as a
 *   dead letter of its queue), and the plugins' states with their tenant counts.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { definePlugin } from '@tessera/sdk'
import { createTestKernel, waitFor } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'
import notes from './fixtures/notes-plugin.ts'

const boom = definePlugin({
  id: 'boom', version: '1.0.0', kernel: '^1.0.0', name: 'Boom',
  jobs: { explode: { retryLimit: 0, async handler() { throw new Error('always fails') } } },
})

let t: TestKernel
let tenantId: string
let owner: { cookie: string; userId: string; email: string }
let admin: { cookie: string; userId: string; email: string }

before(async () => {
  t = await createTestKernel({ plugins: [notes, boom], workers: true })
  tenantId = (await t.createTenant()).id
  await t.enable(tenantId, 'notes', { title: 'N' })
  await t.enable(tenantId, 'boom')
  owner = await t.signIn({ tenantId, role: 'owner' })
  admin = await t.signIn({ tenantId, role: 'admin' })
})
after(() => t?.close())

const call = (session: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.request({ method, url, session, ...(payload ? { payload } : {}) })

test('an admin invites, changes roles below their own and removes; the server refuses the rest in words', async () => {
  const invited = await call(admin.cookie, 'POST', '/api/v1/tenant/users', { email: `new-${Date.now()}@example.test`, name: 'Nia New', role: 'manager' })
  assert.equal(invited.statusCode, 201, invited.body)
  assert.equal(invited.json().status, 'member')
  const niaId = invited.json().userId as string

  const list = await call(admin.cookie, 'GET', '/api/v1/tenant/users?q=Nia')
  assert.equal(list.statusCode, 200, list.body)
  assert.deepEqual(list.json().items.map((u: { name: string; role: string; hasPassword: boolean }) => [u.name, u.role, u.hasPassword]), [['Nia New', 'manager', false]])

  const promoted = await call(admin.cookie, 'PATCH', `/api/v1/tenant/users/${niaId}`, { role: 'finance' })
  assert.equal(promoted.statusCode, 200, promoted.body)
  assert.deepEqual(promoted.json(), { userId: niaId, roleBefore: 'manager', role: 'finance' })

  const raise = await call(admin.cookie, 'PATCH', `/api/v1/tenant/users/${niaId}`, { role: 'admin' })
  assert.equal(raise.statusCode, 403)
  assert.match(raise.json().detail, /Your role \(admin\) may not change a finance into a admin/)
  const other = await t.signIn({ tenantId, role: 'admin' })
  assert.equal((await call(admin.cookie, 'DELETE', `/api/v1/tenant/users/${other.userId}`)).statusCode, 403, 'an admin cannot remove an admin')
  const self = await call(owner.cookie, 'PATCH', `/api/v1/tenant/users/${owner.userId}`, { role: 'admin' })
  assert.equal(self.statusCode, 409)
  assert.match(self.json().detail, /cannot change your own role/)

  const manager = await t.signIn({ tenantId, role: 'manager' })
  assert.equal((await call(manager.cookie, 'GET', '/api/v1/tenant/users')).statusCode, 200, 'managers see the users')
  const refused = await call(manager.cookie, 'DELETE', `/api/v1/tenant/users/${niaId}`)
  assert.equal(refused.statusCode, 403)
  assert.match(refused.json().detail, /Only owners and admins manage the users/)

  assert.equal((await call(admin.cookie, 'DELETE', `/api/v1/tenant/users/${niaId}`)).statusCode, 204)
  assert.equal((await call(admin.cookie, 'GET', '/api/v1/tenant/users?q=Nia')).json().total, 0)

  const audit = await call(admin.cookie, 'GET', `/api/v1/tenant/audit?target=user:${niaId}`)
  assert.deepEqual(audit.json().items.map((e: { action: string; data: { roleBefore: string | null; roleAfter: string | null } }) => [e.action, e.data.roleBefore, e.data.roleAfter]), [
    ['tenant.user.remove', 'finance', null],
    ['tenant.user.role', 'manager', 'finance'],
    ['identity.invite', null, 'manager'],
  ])
})

test('an existing user of the platform gets a pending invitation that can be withdrawn', async () => {
  const elsewhere = await t.signIn({ tenantId: (await t.createTenant()).id, role: 'member' })
  const res = await call(admin.cookie, 'POST', '/api/v1/tenant/users', { email: elsewhere.email, name: 'Someone', role: 'support' })
  assert.equal(res.statusCode, 201, res.body)
  assert.equal(res.json().status, 'pending')
  const pending = (await call(admin.cookie, 'GET', '/api/v1/tenant/users')).json().invitations as { id: string; email: string; role: string }[]
  const mine = pending.find((i) => i.email === elsewhere.email)
  assert.equal(mine?.role, 'support')
  assert.equal((await call(admin.cookie, 'DELETE', `/api/v1/tenant/invitations/${mine!.id}`)).statusCode, 204)
  const after = (await call(admin.cookie, 'GET', '/api/v1/tenant/users')).json().invitations as { email: string }[]
  assert.ok(!after.some((i) => i.email === elsewhere.email))
})

test('the tenant always keeps an owner, even for an operator (who is otherwise exempt from the role rule)', async () => {
  const lone = (await t.createTenant()).id
  const onlyOwner = await t.signIn({ tenantId: lone, role: 'owner' })
  const operator = await t.signIn({ operator: true, tenantId: lone, role: 'admin' })
  const removed = await call(operator.cookie, 'DELETE', `/api/v1/tenant/users/${onlyOwner.userId}`)
  assert.equal(removed.statusCode, 409)
  assert.match(removed.json().detail, /keeps at least one owner/)
  assert.equal((await call(operator.cookie, 'PATCH', `/api/v1/tenant/users/${onlyOwner.userId}`, { role: 'member' })).statusCode, 409)
  const second = await t.signIn({ tenantId: lone, role: 'owner' })
  assert.equal((await call(operator.cookie, 'DELETE', `/api/v1/tenant/users/${onlyOwner.userId}`)).statusCode, 204, 'one of two owners may go')
  assert.equal((await call(second.cookie, 'GET', '/api/v1/tenant/users')).json().total, 2)
})

test('the audit log filters by actor, plugin, action, target and time, with a total; the operator sees every tenant', async () => {
  const start = new Date().toISOString()
  for (const body of ['one', 'two', 'three']) assert.equal((await call(admin.cookie, 'POST', '/api/v1/notes/notes', { body })).statusCode, 201)
  const q = async (session: string, url: string) => {
    const res = await call(session, 'GET', url)
    assert.equal(res.statusCode, 200, res.body)
    return res.json() as { items: { action: string; plugin: string; actorLabel: string; tenantId?: string }[]; total: number }
  }
  const notesByAdmin = await q(admin.cookie, `/api/v1/tenant/audit?plugin=notes&actor=${encodeURIComponent(admin.email)}&from=${encodeURIComponent(start)}&limit=2`)
  assert.equal(notesByAdmin.total, 3)
  assert.equal(notesByAdmin.items.length, 2, 'a page of 2')
  assert.ok(notesByAdmin.items.every((e) => e.plugin === 'notes' && e.actorLabel === admin.email))
  assert.equal((await q(admin.cookie, `/api/v1/tenant/audit?plugin=notes&to=${encodeURIComponent(start)}`)).total, 0, 'nothing before the start')
  assert.equal((await q(admin.cookie, `/api/v1/tenant/audit?action=identity.&plugin=tessera`)).items.every((e) => e.action.startsWith('identity.')), true)
  assert.equal((await call(admin.cookie, 'GET', '/api/v1/tenant/audit?from=yesterday')).statusCode, 400)

  const other = await t.createTenant()
  const otherAdmin = await t.signIn({ tenantId: other.id, role: 'admin' })
  assert.equal((await q(otherAdmin.cookie, '/api/v1/tenant/audit?plugin=notes')).total, 0, "another tenant's admin sees none of these")
  assert.equal((await call(otherAdmin.cookie, 'GET', '/api/v1/admin/audit')).statusCode, 403)

  const operator = await t.signIn({ operator: true })
  const platform = await q(operator.cookie, `/api/v1/admin/audit?tenantId=${tenantId}&plugin=notes&from=${encodeURIComponent(start)}`)
  assert.equal(platform.total, 3)
  assert.ok(platform.items.every((e) => e.tenantId === tenantId))
})

test('health: readiness checks, each queue with its dead letters, and plugin states with tenant counts', async () => {
  const operator = await t.signIn({ operator: true })
  assert.equal((await call(owner.cookie, 'GET', '/api/v1/admin/health')).statusCode, 403, 'operators only')
  await t.sendJob('boom.explode', { tenantId })
  const health = await waitFor(async () => {
    const h = (await call(operator.cookie, 'GET', '/api/v1/admin/health')).json()
    return h.queues.find((q: { name: string; dead: number }) => q.name === 'boom.explode' && q.dead >= 1) ? h : undefined
  }, { timeoutMs: 20_000, message: 'the failed job shows as a dead letter' })
  assert.equal(health.status, 'ready')
  assert.deepEqual(Object.keys(health.checks).sort(), ['database', 'listener', 'runtimeDatabase'])
  assert.equal(health.jobs, 'running')
  const queue = health.queues.find((q: { name: string }) => q.name === 'boom.explode')
  assert.equal(queue.plugin, 'boom')
  assert.ok(!health.queues.some((q: { name: string }) => q.name.endsWith('.dead')), 'dead-letter queues are folded into their queue')
  const plugin = health.plugins.find((p: { id: string }) => p.id === 'notes')
  assert.equal(plugin.name, 'Notes')
  assert.equal(plugin.state, 'installed')
  assert.ok(plugin.tenants.enabled >= 1)
})
