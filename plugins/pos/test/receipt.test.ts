/**
 * POS receipts through the access plugin's printing contract: with `printReceipts` on and a `receipts` printer at the
 * front desk's location, a cash sale queues one print job (`pos:receipt:<sale>`) whose text holds the lines, the total
 * and the payment; the same sale never queues a second receipt. A tenant without the setting, or without a receipts
 * printer, sells as before and prints nothing. (Delivery to a real site agent is access's own test.)
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createTestKernel, waitFor } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import bookings from '@tessera/plugin-bookings'
import billing from '@tessera/plugin-billing'
import access from '@tessera/plugin-access'
import type { PrintJob } from '@tessera/plugin-access/contract'
import pos from '../src/index.ts'

let t: TestKernel
before(async () => {
  t = await createTestKernel({ plugins: [members, spaces, bookings, billing, access, pos] as never, workers: true })
})
after(async () => { await t?.close() })

const ALL_DAY = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ from: '00:00', to: '24:00' }]]))

async function shop(options: { printReceipts: boolean; printer: boolean }) {
  const tenant = await t.createTenant()
  for (const p of ['members', 'spaces', 'bookings']) await t.enable(tenant.id, p)
  await t.enable(tenant.id, 'billing', { currency: 'EUR' })
  await t.enable(tenant.id, 'access')
  const staff = (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie
  const ok = async (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) => {
    const r = await t.request({ method, url: `/api/v1${url}`, session: staff, headers, ...(payload !== undefined ? { payload: payload as object } : {}) })
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`)
    return r.json()
  }
  const location = await ok('POST', '/spaces/locations', { name: 'Front desk', timezone: 'Europe/Amsterdam', openingHours: ALL_DAY })
  if (options.printer) {
    const agent = await ok('POST', '/access/agents', { name: 'Desk agent' })
    await ok('POST', '/access/printers', { name: 'Receipts', agentId: agent.id, deviceId: 'receipts', driver: 'printer-simulator', locationId: location.id, purposes: ['receipts'] })
  }
  await t.enable(tenant.id, 'pos', { printReceipts: options.printReceipts, receiptLocationId: location.id, timezone: 'Europe/Amsterdam' })
  const coffee = await ok('POST', '/pos/products', { sku: `COF-${tenant.slug}`, name: 'Flat white', category: 'drinks', price: 350, taxRateBp: 900, stock: 100 })
  const sell = (key: string) => ok('POST', '/pos/sales', { method: 'cash', cashTendered: 1000, lines: [{ productId: coffee.id, quantity: 2 }] }, { 'idempotency-key': key })
  const jobs = async () => (await ok('GET', '/access/print-jobs')).items as PrintJob[]
  return { tenantId: tenant.id, sell, jobs }
}

test('a sale prints one receipt on the location\'s receipts printer, holding its lines, total and payment', async () => {
  const s = await shop({ printReceipts: true, printer: true })
  const sale = await s.sell('receipt-sale-1')
  const job = await waitFor(async () => (await s.jobs()).find((j) => j.requestId === `pos:receipt:${sale.id}`), { timeoutMs: 15_000, message: 'receipt queued' })
  assert.equal(job.source, 'pos')
  assert.equal(job.purpose, 'receipts')
  assert.equal(job.contentType, 'text/plain')
  assert.equal(job.state, 'queued', 'no agent connected in this test: it waits for one')
  const doc = (await t.adminQuery('SELECT convert_from(document, \'UTF8\') AS text FROM access.print_jobs WHERE id = $1', [job.id])).rows[0].text as string
  assert.match(doc, /^RECEIPT/)
  assert.match(doc, /Flat white +7\.00/)
  assert.match(doc, /2 x 3\.50 {2}\(tax 9%\)/)
  assert.match(doc, /Total EUR +7\.00/)
  assert.match(doc, /Paid +Cash/)
  assert.ok(doc.includes(`Sale ${sale.id.slice(0, 8)}`))
  await s.sell('receipt-sale-1') // the same request replayed: no second sale, no second receipt
  const second = await s.sell('receipt-sale-2')
  await waitFor(async () => ((await s.jobs()).some((j) => j.requestId === `pos:receipt:${second.id}`) ? true : undefined), { timeoutMs: 15_000, message: 'second receipt' })
  assert.equal((await s.jobs()).length, 2, 'one receipt per sale')
})

test('without printReceipts, or without a receipts printer, a sale prints nothing', async () => {
  for (const options of [{ printReceipts: false, printer: true }, { printReceipts: true, printer: false }]) {
    const s = await shop(options)
    const sale = await s.sell(`quiet-${options.printReceipts}`)
    // the sale's own event reached POS's subscriber (the receipt decision ran) before we look for a job
    await waitFor(async () => ((await t.adminQuery(
      `SELECT 1 FROM pgboss.job WHERE name = 'pos.on.pos.sale.completed' AND state = 'completed' AND data->'event'->'payload'->>'id' = $1`, [sale.id])).rowCount ? true : undefined),
    { timeoutMs: 15_000, message: 'receipt subscriber ran' })
    assert.deepEqual(await s.jobs(), [])
  }
})
