/**
 * References billing stores are checked like foreign keys through `members.directory` (tenant-scoped): a charge, a
 * wallet adjustment or a membership for another tenant's or a non-existent person or organisation is a 422 naming the
 * field, and nothing is written.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { boot, world } from './helpers.ts'
import type { TestKernel, World } from './helpers.ts'

let t: TestKernel
let w: World
let other: World
before(async () => {
  t = await boot()
  w = await world(t)
  other = await world(t)
})
after(() => t.close())

const pointers = (body: string) => (JSON.parse(body).errors ?? []).map((e: { pointer: string }) => e.pointer)

test('a charge for another tenant\'s person, a random person or a random organisation is a 422 naming /body/payerId', async () => {
  const foreign = await other.person()
  const foreignOrg = (await other.ok('POST', '/members/organisations', { name: 'Elsewhere Ltd' })).id
  for (const [payerType, payerId] of [['person', foreign], ['person', randomUUID()], ['organisation', randomUUID()], ['organisation', foreignOrg]]) {
    const res = await w.call('POST', '/billing/charges', { payerType, payerId, description: 'x', unitAmount: 100, source: `ref-${payerId}` })
    assert.equal(res.statusCode, 422, res.body)
    assert.deepEqual(pointers(res.body), ['/body/payerId'])
  }
  const written = await t.adminQuery(`SELECT count(*)::int AS n FROM billing.charges WHERE source LIKE 'manual:ref-%'`)
  assert.equal(written.rows[0].n, 0)
  const org = (await w.ok('POST', '/members/organisations', { name: 'Here Ltd' })).id
  assert.equal((await w.call('POST', '/billing/charges', { payerType: 'organisation', payerId: org, description: 'x', unitAmount: 100, source: 'ref-ok' })).statusCode, 200)
})

test('a wallet adjustment for a random or foreign person is a 422 naming /params/payerId, and no wallet is created', async () => {
  for (const payerId of [randomUUID(), await other.person()]) {
    const res = await w.call('POST', `/billing/wallets/person/${payerId}/adjustments`, { delta: 10, reason: 'gift', key: `k-${payerId}` })
    assert.equal(res.statusCode, 422, res.body)
    assert.deepEqual(pointers(res.body), ['/params/payerId'])
    assert.equal((await t.adminQuery('SELECT count(*)::int AS n FROM billing.wallets WHERE payer_id = $1', [payerId])).rows[0].n, 0)
  }
})

test('a membership for another tenant\'s organisation is a 422 naming /body/payerId', async () => {
  const plan = await w.plan({ monthlyPrice: 1000 })
  const foreignOrg = (await other.ok('POST', '/members/organisations', { name: 'Not yours' })).id
  const res = await w.call('POST', '/billing/memberships', { payerType: 'organisation', payerId: foreignOrg, planId: plan.id, startsOn: '2026-01-01' })
  assert.equal(res.statusCode, 422, res.body)
  assert.deepEqual(pointers(res.body), ['/body/payerId'])
})
