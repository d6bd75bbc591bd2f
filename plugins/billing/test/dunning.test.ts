/**
 * Acceptance: dunning. A declined off-session charge notifies the payer (`billing.payment.failed`) and is retried by
 * the `retry-payment` job on the configured schedule (real pg-boss workers; 1 s delays here); after the last attempt
 * the payer's memberships are suspended and `billing.membership.suspended` reaches subscribers (a probe plugin stands
 * in for the access plugin). A payment in between stops the retries.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { definePlugin } from '@tessera/sdk'
import { boot, world } from './helpers.ts'
import type { TestKernel } from './helpers.ts'
import { startStripeFake } from './stripe-fake/stripe-fake.ts'
import type { StripeFake } from './stripe-fake/stripe-fake.ts'

const probe = definePlugin({
  id: 'probe', version: '1.0.0', kernel: '^1.0.0',
  migrations: [{ name: '001_probe', up: 'CREATE TABLE seen (id serial PRIMARY KEY, tenant_id uuid NOT NULL, name text NOT NULL, payload jsonb NOT NULL)' }],
  subscribes: Object.fromEntries(['billing.payment.failed', 'billing.membership.suspended'].map((name) => [name, async (e, ctx) => {
    await ctx.db.query('INSERT INTO probe.seen (name, payload) VALUES ($1, $2)', [e.name, JSON.stringify(e.payload)])
  }])),
})

let t: TestKernel
let fake: StripeFake
before(async () => {
  fake = await startStripeFake()
  t = await boot({ workers: true, extra: [probe] })
})
after(async () => { await t.close(); await fake.close() })

async function waitFor<T>(fn: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    const v = await fn()
    if (v !== undefined) return v
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error('timed out')
}

const cfg = () => ({
  currency: 'EUR', dunning: { retryDelaysSeconds: [1, 1] },
  stripe: { secretKey: 'sk_test_tenant', webhookSecret: 'whsec_x', apiHost: fake.host, apiPort: fake.port, apiProtocol: 'http' },
})

test('declined → retried twice on schedule → membership suspended with an event', async () => {
  const w = await world(t, cfg(), { extraPlugins: ['probe'] })
  const plan = await w.plan({ monthlyPrice: 25000, features: { accessGroups: ['front-door'] } })
  const person = await w.person()
  const m = await w.ok('POST', '/billing/memberships', { payerType: 'person', payerId: person, planId: plan.id, startsOn: new Date().toISOString().slice(0, 10) })
  const run = await w.ok('POST', '/billing/invoice-runs', { period: new Date().toISOString().slice(0, 7) })
  const invoiceId = run.invoices[0]
  await w.ok('POST', `/billing/payers/person/${person}/payment-method`, { paymentMethodId: 'pm_card_chargeDeclined' })
  const first = await w.call('POST', `/billing/invoices/${invoiceId}/charge`, {}, undefined, { 'idempotency-key': 'c1' })
  assert.equal(first.json().outcome, 'declined', first.body)
  assert.equal(first.json().attempt, 1)
  assert.ok(first.json().nextAttemptAt)

  const suspended = await waitFor(async () => {
    const r = await t.adminQuery(`SELECT payload FROM probe.seen WHERE tenant_id = $1 AND name = 'billing.membership.suspended'`, [w.tenantId])
    return r.rowCount ? r.rows : undefined
  })
  assert.equal(suspended.length, 1)
  assert.deepEqual(suspended[0].payload, { id: m.id, payerType: 'person', payerId: person, invoiceId, reason: 'payment_failed' })
  const failures = await t.adminQuery(`SELECT payload FROM probe.seen WHERE tenant_id = $1 AND name = 'billing.payment.failed' ORDER BY (payload->>'attempt')::int`, [w.tenantId])
  assert.deepEqual(failures.rows.map((r) => [r.payload.attempt, r.payload.nextAttemptAt === null]), [[1, false], [2, false], [3, true]])
  const attempts = [...fake.paymentIntents.values()].filter((p) => p.metadata.invoiceId === invoiceId)
  assert.equal(attempts.length, 3, 'three attempts, each its own idempotency key')
  assert.equal((await w.ok('GET', `/billing/memberships/${m.id}`)).status, 'suspended')
  const inv = await w.ok('GET', `/billing/invoices/${invoiceId}`)
  assert.equal(inv.status, 'issued')
  assert.equal(inv.paymentAttempts, 3)
  // the payer's only membership is suspended (the plans service reports active memberships only)
  assert.deepEqual((await w.ok('GET', `/billing/memberships?payerId=${person}`)).map((x: any) => x.status), ['suspended'])
  // staff lift the suspension after settling with the member
  assert.equal((await w.ok('POST', `/billing/memberships/${m.id}/reactivate`, {})).status, 'active')
})

test('a payment before the retry stops dunning', async () => {
  const w = await world(t, { ...cfg(), dunning: { retryDelaysSeconds: [2] } }, { extraPlugins: ['probe'] })
  const plan = await w.plan({ monthlyPrice: 1000 })
  const person = await w.person()
  const m = await w.ok('POST', '/billing/memberships', { payerType: 'person', payerId: person, planId: plan.id, startsOn: new Date().toISOString().slice(0, 10) })
  const run = await w.ok('POST', '/billing/invoice-runs', { period: new Date().toISOString().slice(0, 7) })
  const invoiceId = run.invoices[0]
  await w.ok('POST', `/billing/payers/person/${person}/payment-method`, { paymentMethodId: 'pm_card_chargeDeclined' })
  assert.equal((await w.call('POST', `/billing/invoices/${invoiceId}/charge`, {}, undefined, { 'idempotency-key': 'c1' })).json().outcome, 'declined')
  const due = (await w.ok('GET', `/billing/invoices/${invoiceId}`)).amountDue
  await w.ok('POST', `/billing/invoices/${invoiceId}/payments`, { amount: due, reference: 'bank transfer 1' })
  await new Promise((r) => setTimeout(r, 4000))
  assert.equal([...fake.paymentIntents.values()].filter((p) => p.metadata.invoiceId === invoiceId).length, 1, 'no retry after payment')
  assert.equal((await w.ok('GET', `/billing/memberships/${m.id}`)).status, 'active')
})
