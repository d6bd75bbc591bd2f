/**
 * Revenue by plan/product/month against hand-computed invoices (written straight into the tables with fixed issue
 * dates): issued and paid count, drafts and voided do not, credit notes subtract, membership lines group by plan
 * name, POS lines by product, bookings together; the location filter, tenant isolation, the bounded range, CSV.
 * And `GET /charges/open`: a payer's charges not yet invoiced, with their total.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { boot, world } from './helpers.ts'
import type { TestKernel, World } from './helpers.ts'

let t: TestKernel
let w: World
let other: World
const LOCATION = '11111111-1111-4111-8111-111111111111'

async function invoice(x: World, payer: string, status: string, issuedAt: string | null, lines: { net: number; source: string; description?: string; locationId?: string }[], kind = 'invoice') {
  const { rows } = await t.adminQuery(
    `INSERT INTO billing.invoices (tenant_id, kind, payer_type, payer_id, status, currency, issued_at) VALUES ($1, $2, 'person', $3, $4, 'EUR', $5) RETURNING id`,
    [x.tenantId, kind, payer, status, issuedAt],
  )
  for (const [i, l] of lines.entries()) {
    await t.adminQuery(
      `INSERT INTO billing.invoice_lines (tenant_id, invoice_id, position, description, quantity, unit_amount, tax_rate_bp, net, tax, gross, source, location_id)
       VALUES ($1, $2, $3, $4, 1, $5, 0, $5, 0, $5, $6, $7)`,
      [x.tenantId, rows[0].id, i + 1, l.description ?? 'line', l.net, l.source, l.locationId ?? null],
    )
  }
}

before(async () => {
  t = await boot()
  w = await world(t, { currency: 'EUR' })
  other = await world(t, { currency: 'EUR' })
  const ada = await w.person('Ada')
  const hot = await w.plan({ name: 'Hot desk', monthlyPrice: 20000 })
  const fixed = await w.plan({ name: 'Fixed desk', monthlyPrice: 35000 })
  const membership = async (planId: string) => (await w.ok('POST', '/billing/memberships', { payerType: 'person', payerId: ada, planId, startsOn: '2025-01-01' })).id as string
  const [mHot, mFixed] = [await membership(hot.id), await membership(fixed.id)]
  // January: hot desk 200.00 + coffee 3.50 + 2 bookings 15.00 (paid) ; fixed desk 350.00 at LOCATION (issued)
  await invoice(w, ada, 'paid', '2025-01-05T10:00:00Z', [
    { net: 20000, source: `membership:${mHot}:2025-01` }, { net: 350, source: 'pos:s1:1', description: 'Coffee (front desk)' },
    { net: 1000, source: 'booking:b1' }, { net: 500, source: 'booking:b2' },
  ])
  await invoice(w, ada, 'issued', '2025-01-31T23:59:00Z', [{ net: 35000, source: `membership:${mFixed}:2025-01`, locationId: LOCATION }])
  // February: coffee 7.00, a refund of one coffee −3.50 (credit note), a manual charge 12.00 at LOCATION
  await invoice(w, ada, 'issued', '2025-02-01T00:00:00Z', [{ net: 700, source: 'pos:s2:1', description: 'Coffee (front desk)' }, { net: 1200, source: 'manual:late-key', description: 'Late key', locationId: LOCATION }])
  await invoice(w, ada, 'issued', '2025-02-10T09:00:00Z', [{ net: 350, source: 'pos:s2:1', description: 'Coffee (front desk)' }], 'credit_note')
  // not counted: a draft, a voided invoice, one issued in March (outside the range), another tenant's
  await invoice(w, ada, 'draft', null, [{ net: 99999, source: 'manual:draft' }])
  await invoice(w, ada, 'void', '2025-01-10T00:00:00Z', [{ net: 88888, source: 'manual:void' }])
  await invoice(w, ada, 'issued', '2025-03-01T00:00:00Z', [{ net: 77777, source: 'manual:march' }])
  await invoice(other, await other.person('Bob'), 'issued', '2025-01-15T00:00:00Z', [{ net: 55555, source: 'manual:other' }])
})
after(() => t?.close())

const RANGE = 'from=2025-01-01&to=2025-02-28'

test('revenue by month and plan/product matches the hand-computed sums', async () => {
  const res = await w.call('GET', `/billing/reports/revenue?${RANGE}`)
  assert.equal(res.statusCode, 200, res.body)
  assert.deepEqual(res.json(), {
    from: '2025-01-01', to: '2025-02-28', currency: 'EUR',
    rows: [
      { month: '2025-01', kind: 'booking', item: 'Bookings', net: 1500 },
      { month: '2025-01', kind: 'plan', item: 'Fixed desk', net: 35000 },
      { month: '2025-01', kind: 'plan', item: 'Hot desk', net: 20000 },
      { month: '2025-01', kind: 'product', item: 'Coffee', net: 350 },
      { month: '2025-02', kind: 'other', item: 'Other charges', net: 1200 },
      { month: '2025-02', kind: 'product', item: 'Coffee', net: 350 },
    ],
  })
  const atLocation = await w.call('GET', `/billing/reports/revenue?${RANGE}&locationId=${LOCATION}`)
  assert.deepEqual(atLocation.json().rows, [
    { month: '2025-01', kind: 'plan', item: 'Fixed desk', net: 35000 },
    { month: '2025-02', kind: 'other', item: 'Other charges', net: 1200 },
  ])
  const theirs = await other.call('GET', `/billing/reports/revenue?${RANGE}`)
  assert.deepEqual(theirs.json().rows, [{ month: '2025-01', kind: 'other', item: 'Other charges', net: 55555 }], 'each tenant its own')
})

test('revenue as CSV, the bounded range and the permission', async () => {
  const csv = await w.call('GET', `/billing/reports/revenue?from=2025-02-01&to=2025-02-28&format=csv`)
  assert.equal(csv.statusCode, 200, csv.body)
  assert.match(String(csv.headers['content-type']), /^text\/csv/)
  assert.equal(csv.body, 'month,kind,item,net_minor_units,currency\r\n2025-02,other,Other charges,1200,EUR\r\n2025-02,product,Coffee,350,EUR\r\n')
  assert.equal((await w.call('GET', '/billing/reports/revenue?from=2024-01-01&to=2025-02-28')).statusCode, 422)
  assert.equal((await w.call('GET', '/billing/reports/revenue?from=2025-01-01')).statusCode, 400)
  const m = await t.signIn({ tenantId: w.tenantId, role: 'member' })
  assert.equal((await w.call('GET', `/billing/reports/revenue?${RANGE}`, undefined, m.cookie)).statusCode, 403)
})

test('open charges: what a payer owes that is not invoiced yet, with the total', async () => {
  const bea = await w.person('Bea')
  await w.ok('POST', '/billing/charges', { payerType: 'person', payerId: bea, description: 'Coffee (front desk)', quantity: 2, unitAmount: 350, source: 'c1' })
  await w.ok('POST', '/billing/charges', { payerType: 'person', payerId: bea, description: 'Locker', unitAmount: 1000, source: 'c2' })
  const res = await w.call('GET', `/billing/charges/open?payerType=person&payerId=${bea}`)
  assert.equal(res.statusCode, 200, res.body)
  const body = res.json()
  assert.equal(body.total, 1700)
  assert.deepEqual(body.items.map((c: { description: string; amount: number }) => [c.description, c.amount]).sort(), [['Coffee (front desk)', 700], ['Locker', 1000]])
  const theirs = await other.call('GET', `/billing/charges/open?payerType=person&payerId=${bea}`)
  assert.deepEqual(theirs.json().items, [], "another tenant does not see them")
})
