/**
 * References access stores are checked like foreign keys through `members.directory` and — billing being an optional
 * dependency — `billing.plans` (both tenant-scoped): an access group member of kind `organisation`, `person` or `plan`
 * that is another tenant's or does not exist is a 422 naming the field, on create and on adding a member, and nothing
 * is written; without billing installed no plan member is accepted.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import billing from '@tessera/plugin-billing'
import { boot, world } from './helpers.ts'
import type { World } from './helpers.ts'

let t: Awaited<ReturnType<typeof boot>>
let w: World
let other: World
before(async () => {
  t = await boot({ workers: false, extra: [billing] })
  w = await world(t)
  other = await world(t)
  for (const x of [w, other]) await t.enable(x.tenantId, 'billing', {})
})
after(() => t?.close())

const pointers = (body: string) => (JSON.parse(body).errors ?? []).map((e: { pointer: string }) => e.pointer)

test('a group member organisation or person of another tenant, or a random id, is a 422 naming the field', async () => {
  const foreignOrg = (await other.ok(other.call('POST', '/members/organisations', { name: 'Elsewhere' }))).id
  const foreignPerson = (await other.ok(other.call('POST', '/members/people', { name: 'Stranger' }))).id
  const cases = [{ kind: 'organisation', id: foreignOrg }, { kind: 'organisation', id: randomUUID() }, { kind: 'person', id: foreignPerson }, { kind: 'person', id: randomUUID() }]
  for (const m of cases) {
    const res = await w.call('POST', '/access/groups', { name: `G ${m.kind}`, members: [{ kind: 'person', id: (await w.ok(w.call('POST', '/members/people', { name: 'Ok' }))).id }, m] })
    assert.equal(res.statusCode, 422, res.body)
    assert.deepEqual(pointers(res.body), ['/body/members/1/id'])
  }
  assert.equal((await t.adminQuery('SELECT count(*)::int AS n FROM access.groups WHERE tenant_id = $1', [w.tenantId])).rows[0].n, 0, 'no group written')

  const group = await w.ok(w.call('POST', '/access/groups', { name: 'Team' }))
  for (const m of cases) {
    const res = await w.call('POST', `/access/groups/${group.id}/members`, m)
    assert.equal(res.statusCode, 422, res.body)
    assert.deepEqual(pointers(res.body), ['/body/id'])
  }
  const org = (await w.ok(w.call('POST', '/members/organisations', { name: 'Here' }))).id
  const added = await w.ok(w.call('POST', `/access/groups/${group.id}/members`, { kind: 'organisation', id: org }))
  assert.deepEqual(added.members, [{ kind: 'organisation', id: org }])
})

let plans = 0
const newPlan = (x: World) => x.ok(x.call('POST', '/billing/plans', { code: `ref-plan-${++plans}`, name: `Plan ${plans}`, monthlyPrice: 10000 }))

test('a group member plan of another tenant, or a random id, is a 422 naming the field; a plan of the tenant is stored', async () => {
  const foreignPlan = (await newPlan(other)).id
  for (const id of [foreignPlan, randomUUID()]) {
    const created = await w.call('POST', '/access/groups', { name: 'By plan', members: [{ kind: 'plan', id }] })
    assert.equal(created.statusCode, 422, created.body)
    assert.match(created.headers['content-type'] as string, /application\/problem\+json/)
    assert.deepEqual(pointers(created.body), ['/body/members/0/id'])
  }
  assert.equal((await t.adminQuery('SELECT count(*)::int AS n FROM access.groups WHERE tenant_id = $1 AND name = $2', [w.tenantId, 'By plan'])).rows[0].n, 0, 'no group written')

  const group = await w.ok(w.call('POST', '/access/groups', { name: 'Plan team' }))
  for (const id of [foreignPlan, randomUUID()]) {
    const res = await w.call('POST', `/access/groups/${group.id}/members`, { kind: 'plan', id })
    assert.equal(res.statusCode, 422, res.body)
    assert.deepEqual(pointers(res.body), ['/body/id'])
  }
  const own = (await newPlan(w)).id
  const added = await w.ok(w.call('POST', `/access/groups/${group.id}/members`, { kind: 'plan', id: own }))
  assert.deepEqual(added.members, [{ kind: 'plan', id: own }])
  const created = await w.ok(w.call('POST', '/access/groups', { name: 'Plan team 2', members: [{ kind: 'plan', id: own }] }))
  assert.deepEqual(created.members, [{ kind: 'plan', id: own }])
})

test('without billing installed access runs, and a group member plan is a 422 naming the field', async () => {
  const bare = await boot({ workers: false })
  try {
    const x = await world(bare)
    const res = await x.call('POST', '/access/groups', { name: 'By plan', members: [{ kind: 'plan', id: randomUUID() }] })
    assert.equal(res.statusCode, 422, res.body)
    assert.deepEqual(pointers(res.body), ['/body/members/0/id'])
    assert.equal((await bare.adminQuery('SELECT count(*)::int AS n FROM access.groups WHERE tenant_id = $1', [x.tenantId])).rows[0].n, 0, 'no group written')
  } finally {
    await bare.close()
  }
})
