/**
 * INV-9 in billing: every amount, quantity and text of a request is bounded so that any accepted combination fits the
 * stored types (see `contract/money.ts`): oversized charges, quantities and texts are 400s, the largest accepted line
 * invoices exactly, open charges that together exceed an invoice's bound are a 422 for that payer, and periods beyond
 * the bounded years are refused.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { boot, world } from './helpers.ts'
import type { TestKernel, World } from './helpers.ts'

let t: TestKernel
let w: World
before(async () => {
  t = await boot()
  w = await world(t)
})
after(() => t.close())

let n = 0
const charge = (payerId: string, extra: Record<string, unknown>) =>
  w.call('POST', '/billing/charges', { payerType: 'person', payerId, description: 'Thing', unitAmount: 100, source: `b-${++n}`, ...extra })
const pointers = (body: string) => (JSON.parse(body).errors ?? []).map((e: { pointer: string }) => e.pointer)

test('a charge of quantity 2,000,000,000 × 10^12 is refused, and so are quantities of 2^31, 2^53+1 and 2^63', async () => {
  const p = await w.person()
  const huge = await charge(p, { quantity: 2_000_000_000, unitAmount: 1e12 })
  assert.equal(huge.statusCode, 400, huge.body)
  assert.deepEqual(pointers(huge.body).sort(), ['/body/quantity', '/body/unitAmount'])
  for (const quantity of ['2147483648', '9007199254740993', '9223372036854775808', '1e400']) {
    const res = await w.call('POST', '/billing/charges', `{"payerType":"person","payerId":"${p}","description":"x","unitAmount":1,"source":"q-${quantity}","quantity":${quantity}}` as never,
      undefined, { 'content-type': 'application/json' })
    assert.equal(res.statusCode, 400, `${quantity}: ${res.body}`)
    assert.match(String(res.headers['content-type']), /problem\+json/)
  }
  // credit-note lines are bounded the same way
  const inv = await invoiceFor(await w.person(), 1000)
  for (const quantity of [2 ** 31, 2 ** 53 + 1, 2 ** 63]) {
    const res = await w.call('POST', `/billing/invoices/${inv.id}/credit-notes`, { lines: [{ description: 'x', quantity, unitAmount: 1 }] }, undefined, { 'idempotency-key': `cn-${quantity}` })
    assert.equal(res.statusCode, 400, res.body)
    assert.deepEqual(pointers(res.body), ['/body/lines/0/quantity'])
  }
  // and after all of that, invoicing and runs of the tenant still work
  assert.equal((await w.call('POST', '/billing/invoice-runs', { period: '2026-04' })).statusCode, 200)
})

async function invoiceFor(payerId: string, unitAmount: number, quantity = 1) {
  assert.equal((await charge(payerId, { unitAmount, quantity })).statusCode, 200)
  const inv = await w.ok('POST', '/billing/invoices', { payerType: 'person', payerId })
  return w.ok('POST', `/billing/invoices/${inv.id}/issue`, {})
}

test('the largest accepted line (10^5 × 10^9 at 100 % tax) invoices exactly', async () => {
  const p = await w.person()
  assert.equal((await charge(p, { quantity: 100_000, unitAmount: 1_000_000_000, taxRateBp: 10_000 })).statusCode, 200)
  const inv = await w.ok('POST', '/billing/invoices', { payerType: 'person', payerId: p })
  assert.equal(inv.total, 2e14)
  assert.equal((await charge(p, { quantity: 100_001, unitAmount: 1 })).statusCode, 400)
  assert.equal((await charge(p, { unitAmount: 1_000_000_001 })).statusCode, 400)
})

test('open charges that together exceed what one invoice may total are a 422 for that payer, and nothing is written', async () => {
  const p = await w.person()
  for (let i = 0; i < 46; i++) assert.equal((await charge(p, { quantity: 100_000, unitAmount: 1_000_000_000, taxRateBp: 10_000 })).statusCode, 200)
  const res = await w.call('POST', '/billing/invoices', { payerType: 'person', payerId: p })
  assert.equal(res.statusCode, 422, res.body)
  assert.match(JSON.parse(res.body).detail, /more than an invoice may total/)
  const written = await t.adminQuery('SELECT count(*)::int AS n FROM billing.invoices WHERE tenant_id = $1 AND payer_id = $2', [w.tenantId, p])
  assert.equal(written.rows[0].n, 0)
})

test('a charge description, a wallet reason and a credit-note line description of 1 MB are 400s', async () => {
  const p = await w.person()
  const mb = 'x'.repeat(1024 * 1024)
  const big = { 'content-type': 'application/json' }
  const c = await charge(p, { description: mb })
  assert.ok([400, 413].includes(c.statusCode), c.body)
  const long = 'x'.repeat(501)
  assert.deepEqual(pointers((await charge(p, { description: long })).body), ['/body/description'])
  const adj = await w.call('POST', `/billing/wallets/person/${p}/adjustments`, { delta: 1, reason: long, key: 'k1' }, undefined, big)
  assert.deepEqual(pointers(adj.body), ['/body/reason'])
  const inv = await invoiceFor(p, 1000)
  const cn = await w.call('POST', `/billing/invoices/${inv.id}/credit-notes`, { lines: [{ description: long, unitAmount: 1 }] }, undefined, { 'idempotency-key': 'cn-long' })
  assert.deepEqual(pointers(cn.body), ['/body/lines/0/description'])
})

test('periods beyond the bounded years (9999-12) are a 400 on invoice runs and invoice lists', async () => {
  for (const period of ['9999-12', '0000-01', '1899-12']) {
    const res = await w.call('POST', '/billing/invoice-runs', { period })
    assert.equal(res.statusCode, 400, res.body)
    assert.deepEqual(pointers(res.body), ['/body/period'])
  }
  assert.equal((await w.call('GET', '/billing/invoices?period=9999-12')).statusCode, 400)
  assert.equal((await w.call('POST', '/billing/invoice-runs', { period: '2999-12' })).statusCode, 200)
})

test('a wallet balance that would leave the integer range is a 422, not a 500', async () => {
  const p = await w.person()
  await t.adminQuery('INSERT INTO billing.wallets (tenant_id, payer_type, payer_id, balance) VALUES ($1, $2, $3, $4)', [w.tenantId, 'person', p, 2_147_000_000])
  const res = await w.call('POST', `/billing/wallets/person/${p}/adjustments`, { delta: 1_000_000, reason: 'too much', key: 'k-over' })
  assert.equal(res.statusCode, 422, res.body)
  assert.deepEqual(pointers(res.body), ['/body/delta'])
})
