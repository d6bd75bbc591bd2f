/**
 * Acceptance: a POS sale charged to a member's account appears on their next invoice; stock goes down and a refund
 * brings it back (and credits the account); card sales through the real Stripe SDK against billing's fake (a decline
 * rolls the sale back, stock included); cash with change; no overselling under concurrency; the daily CSV.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createTestKernel } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import billing from '@tessera/plugin-billing'
import pos from '../src/index.ts'
import { perTenant } from '../ui/per-tenant.ts'
import { definePlugin, on } from '@tessera/sdk'
import type { PayloadOf } from '@tessera/sdk'
import { saleCompleted, saleRefunded } from '../src/contract/index.ts'
import { startStripeFake } from '@tessera/plugin-billing/testing'
import type { StripeFake } from '@tessera/plugin-billing/testing'

/** A subscriber plugin, as Wi-Fi will be: it hears sales through POS's event contract only. */
const heard: { completed: PayloadOf<typeof saleCompleted>[]; refunded: PayloadOf<typeof saleRefunded>[] } = { completed: [], refunded: [] }
const listener = definePlugin({
  id: 'pos-listener', version: '1.0.0', kernel: '^1.0.0', dependsOn: { pos: '^1.0.0' },
  subscribes: [
    on(saleCompleted, async (e) => { heard.completed.push(e.payload) }),
    on(saleRefunded, async (e) => { heard.refunded.push(e.payload) }),
  ],
})

async function until<T>(find: () => T | undefined, what: string): Promise<T> {
  const end = Date.now() + 15_000
  for (;;) {
    const found = find()
    if (found !== undefined) return found
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

let t: TestKernel
let fake: StripeFake
before(async () => {
  fake = await startStripeFake()
  t = await createTestKernel({ plugins: [members, spaces, billing, pos, listener] as never, config: { database: { poolSize: 12 } } as never })
})
after(async () => { await t?.close(); await fake?.close() })

let n = 0
async function world() {
  const tenant = await t.createTenant()
  for (const p of ['members', 'spaces']) await t.enable(tenant.id, p)
  await t.enable(tenant.id, 'billing', { currency: 'EUR', stripe: { secretKey: 'sk_test_pos', webhookSecret: 'whsec_pos', apiHost: fake.host, apiPort: fake.port, apiProtocol: 'http' } })
  await t.enable(tenant.id, 'pos', { pricesIncludeTax: true })
  const staff = (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.request({ method, url: `/api/v1${url}`, session: staff, headers, ...(payload !== undefined ? { payload: payload as object } : {}) })
  const ok = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers?: Record<string, string>) => {
    const r = await call(method, url, payload, headers)
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`)
    return r.json()
  }
  const coffee = await ok('POST', '/pos/products', { sku: `COF-${++n}`, name: 'Coffee, large', category: 'drinks', price: 350, taxRateBp: 2000, stock: 10 })
  const snack = await ok('POST', '/pos/products', { sku: `SNK-${++n}`, name: 'Granola bar', category: 'food', price: 199, taxRateBp: 700, stock: 5 })
  return { tenantId: tenant.id, call, ok, coffee, snack }
}

test('a sale on account lands on the next invoice; stock goes down; a refund brings it back and credits the account', async () => {
  const w = await world()
  const person = (await w.ok('POST', '/members/people', { name: 'Ana' })).id
  const sale = await w.call('POST', '/pos/sales', {
    method: 'account', payerType: 'person', payerId: person,
    lines: [{ productId: w.coffee.id, quantity: 3 }, { productId: w.snack.id, quantity: 2 }],
  }, { 'idempotency-key': 'sale-1' })
  assert.equal(sale.statusCode, 201, sale.body)
  const s = sale.json()
  // tax-inclusive shelf prices: 3 × 3.50 = 10.50 (net round(1050/1.2) = 875); 2 × 1.99 = 3.98 (net round(398/1.07) = 372)
  assert.deepEqual([s.total, s.net, s.tax], [1448, 875 + 372, 175 + 26])
  // a retried request with the same Idempotency-Key replays, it does not sell twice
  const replay = await w.call('POST', '/pos/sales', {
    method: 'account', payerType: 'person', payerId: person,
    lines: [{ productId: w.coffee.id, quantity: 3 }, { productId: w.snack.id, quantity: 2 }],
  }, { 'idempotency-key': 'sale-1' })
  assert.equal(replay.json().id, s.id)
  assert.equal((await w.ok('GET', `/pos/products/${w.coffee.id}`)).stock, 7)
  assert.equal((await w.ok('GET', `/pos/products/${w.snack.id}`)).stock, 3)

  // refund one coffee: stock back, a negative line for the account
  const refund = await w.ok('POST', `/pos/sales/${s.id}/refunds`, { lines: [{ position: 1, quantity: 1 }], reason: 'spilled' }, { 'idempotency-key': 'refund-1' })
  assert.equal(refund.amount, 350)
  assert.equal(refund.sale.status, 'partially_refunded')
  assert.equal((await w.ok('GET', `/pos/products/${w.coffee.id}`)).stock, 8)

  const period = new Date().toISOString().slice(0, 7)
  const run = await w.ok('POST', '/billing/invoice-runs', { period })
  assert.equal(run.invoices.length, 1)
  const inv = await w.ok('GET', `/billing/invoices/${run.invoices[0]}`)
  assert.equal(inv.payerId, person)
  assert.deepEqual(inv.lines.map((l: any) => [l.description, l.quantity, l.gross]), [
    ['Coffee, large (front desk)', 3, 1050],
    ['Granola bar (front desk)', 2, 398],
    ['Refund: Coffee, large (front desk)', -1, -350],
  ])
  assert.equal(inv.total, 1098)
  assert.equal(inv.tax, 175 + 26 - 58)

  // refund the rest: everything back in stock, sale refunded
  const rest = await w.ok('POST', `/pos/sales/${s.id}/refunds`, {}, { 'idempotency-key': 'refund-2' })
  assert.equal(rest.amount, 1448 - 350)
  assert.equal(rest.sale.status, 'refunded')
  assert.equal((await w.ok('GET', `/pos/products/${w.coffee.id}`)).stock, 10)
  assert.equal((await w.ok('GET', `/pos/products/${w.snack.id}`)).stock, 5)
  assert.equal((await w.call('POST', `/pos/sales/${s.id}/refunds`, {}, { 'idempotency-key': 'refund-3' })).statusCode, 409)
})

test('card sale through Stripe; a declined card rolls the sale back; cash gives change; refund by card', async () => {
  const w = await world()
  const declined = await w.call('POST', '/pos/sales', { method: 'card', paymentMethodId: 'pm_card_chargeDeclined', lines: [{ productId: w.coffee.id, quantity: 2 }] }, { 'idempotency-key': 'card-1' })
  assert.equal(declined.statusCode, 402, declined.body)
  assert.equal(declined.json().declineCode, 'generic_decline')
  assert.equal((await w.ok('GET', `/pos/products/${w.coffee.id}`)).stock, 10, 'stock untouched after a decline')

  const card = await w.ok('POST', '/pos/sales', { method: 'card', paymentMethodId: 'pm_card_visa', lines: [{ productId: w.coffee.id, quantity: 2 }] }, { 'idempotency-key': 'card-2' })
  const pi = fake.paymentIntents.get(card.paymentIntentId)!
  assert.equal(pi.amount, 700)
  assert.equal(pi.status, 'succeeded')
  assert.equal(pi.metadata.posSaleId, card.id)
  assert.ok(fake.requests.some((r) => r.idempotencyKey === `pos-sale-${card.id}`))
  const refund = await w.ok('POST', `/pos/sales/${card.id}/refunds`, { lines: [{ position: 1, quantity: 1 }] }, { 'idempotency-key': 'r-1' })
  assert.deepEqual([...fake.refunds.values()].filter((r) => r.payment_intent === pi.id).map((r) => r.amount), [350])
  assert.equal(refund.amount, 350)

  const cash = await w.ok('POST', '/pos/sales', { method: 'cash', cashTendered: 1000, lines: [{ productId: w.snack.id, quantity: 1 }] }, { 'idempotency-key': 'cash-1' })
  assert.equal(cash.change, 801)
  assert.equal((await w.call('POST', '/pos/sales', { method: 'cash', cashTendered: 100, lines: [{ productId: w.snack.id, quantity: 1 }] }, { 'idempotency-key': 'cash-2' })).statusCode, 422)

  const csv = await w.call('GET', `/pos/reports/daily.csv?date=${new Date().toISOString().slice(0, 10)}`)
  assert.equal(csv.statusCode, 200)
  assert.match(csv.headers['content-type'] as string, /text\/csv/)
  const rows = csv.body.trim().split('\r\n').map((r) => r.split(','))
  assert.deepEqual(rows[0].slice(0, 4), ['type', 'time', 'sale_id', 'method'])
  assert.equal(rows.filter((r) => r[0] === 'sale').length, 2)
  assert.ok(rows.some((r) => r[0] === 'sale' && r[5] === '"Coffee' ), 'a product name with a comma is quoted')
  assert.deepEqual(rows.filter((r) => r[0] === 'total').map((r) => [r[3], r.at(-1)]), [['account', '0'], ['card', '350'], ['cash', '199']])
})

test('concurrent sales never oversell', async () => {
  const w = await world()
  const results = await Promise.all(Array.from({ length: 8 }, (_, i) =>
    w.call('POST', '/pos/sales', { method: 'cash', cashTendered: 1000, lines: [{ productId: w.snack.id, quantity: 1 }] }, { 'idempotency-key': `c-${i}` })))
  assert.equal(results.filter((r) => r.statusCode === 201).length, 5)
  assert.ok(results.filter((r) => r.statusCode !== 201).every((r) => r.statusCode === 409))
  assert.equal((await w.ok('GET', `/pos/products/${w.snack.id}`)).stock, 0)
})

test('the POS screens load the billing currency per tenant: after a tenant switch they show the new tenant\'s currency, not the first one\'s', async () => {
  const a = await world() // billing in EUR
  const b = await t.createTenant()
  for (const p of ['members', 'spaces']) await t.enable(b.id, p)
  await t.enable(b.id, 'billing', { currency: 'GBP', stripe: { secretKey: 'sk_test_pos_b', webhookSecret: 'whsec_pos_b', apiHost: fake.host, apiPort: fake.port, apiProtocol: 'http' } })
  await t.enable(b.id, 'pos', {})
  const sessions = { [a.tenantId]: (await t.signIn({ tenantId: a.tenantId, role: 'admin' })).cookie, [b.id]: (await t.signIn({ tenantId: b.id, role: 'admin' })).cookie }
  // the page's one cache, loading with whichever tenant the browser is signed in to (as `api()` does with the cookie)
  let current = a.tenantId
  let loads = 0
  let failNext = false
  const currencyOf = perTenant(async () => {
    loads++
    if (failNext) { failNext = false; throw new Error('network down') }
    const r = await t.request({ method: 'GET', url: '/api/v1/billing/settings', session: sessions[current] })
    assert.equal(r.statusCode, 200, r.body)
    return (r.json() as { currency: string }).currency
  })
  assert.equal(await currencyOf(a.tenantId), 'EUR')
  assert.equal(await currencyOf(a.tenantId), 'EUR')
  assert.equal(loads, 1, 'once per tenant')
  current = b.id // tenant switch: the page (and the module) stay loaded
  failNext = true
  await assert.rejects(currencyOf(b.id), /network down/)
  assert.equal(await currencyOf(b.id), 'GBP', 'a failed load is retried, and answers for the new tenant')
  current = a.tenantId
  assert.equal(await currencyOf(a.tenantId), 'EUR')
  assert.equal(loads, 3)
})

test('pos.sale.completed tells subscribers which products and quantities were sold, to whom; pos.sale.refunded which were taken back', async () => {
  const w = await world()
  await t.enable(w.tenantId, 'pos-listener')
  const person = (await w.ok('POST', '/members/people', { name: 'Day-pass buyer' })).id
  const sale = await w.ok('POST', '/pos/sales', {
    method: 'account', payerType: 'person', payerId: person, lines: [{ productId: w.coffee.id, quantity: 2 }, { productId: w.snack.id, quantity: 1 }],
  }, { 'idempotency-key': `listen-${w.tenantId}` })
  const completed = await until(() => heard.completed.find((p) => p.id === sale.id), 'pos.sale.completed')
  assert.deepEqual(
    { method: completed.method, currency: completed.currency, total: completed.total, payerType: completed.payerType, payerId: completed.payerId },
    { method: 'account', currency: 'EUR', total: sale.total, payerType: 'person', payerId: person })
  assert.deepEqual(completed.lines.map((l) => [l.productId, l.sku, l.category, l.quantity]), [
    [w.coffee.id, w.coffee.sku, 'drinks', 2], [w.snack.id, w.snack.sku, 'food', 1],
  ])
  await w.ok('POST', `/pos/sales/${sale.id}/refunds`, { lines: [{ position: 1, quantity: 1 }] }, { 'idempotency-key': `listen-refund-${w.tenantId}` })
  const refunded = await until(() => heard.refunded.find((p) => p.id === sale.id), 'pos.sale.refunded')
  assert.deepEqual(refunded.lines.map((l) => [l.productId, l.quantity, l.gross]), [[w.coffee.id, 1, 350]])
  assert.equal(refunded.amount, 350)
})
