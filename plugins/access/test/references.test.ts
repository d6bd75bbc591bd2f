/**
 * References access stores are checked like foreign keys through `members.directory` (tenant-scoped): an access group
 * member of kind `organisation` or `person` that is another tenant's or does not exist is a 422 naming the field, on
 * create and on adding a member, and nothing is written.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { boot, world } from './helpers.ts'
import type { World } from './helpers.ts'

let t: Awaited<ReturnType<typeof boot>>
let w: World
let other: World
before(async () => {
  t = await boot({ workers: false })
  w = await world(t)
  other = await world(t)
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
