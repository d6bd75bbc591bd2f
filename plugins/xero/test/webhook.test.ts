/**
 * Inbound webhooks: `x-xero-signature` (HMAC-SHA256, base64, over the raw body) is checked before anything reads the
 * body — a forged signature is refused with 401 and nothing is queued; Xero's intent-to-receive gets 200 for a
 * correctly signed empty payload and 401 otherwise; a payment entered in Xero is recorded once and never written back.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startXeroFake, invoiceEvent } from '@tessera/plugin-xero/testing'
import type { XeroFake } from '@tessera/plugin-xero/testing'
import { APP, billedPeople, boot, connect, docCounts, waitFor, world } from './helpers.ts'
import type { TestKernel } from './helpers.ts'

let fake: XeroFake
let t: TestKernel
let base: string

before(async () => {
  fake = await startXeroFake()
  t = await boot(fake)
  base = await t.listen()
})
after(async () => {
  await t?.close()
  await fake?.close()
})

test('a forged webhook is refused with 401 and nothing is queued', async () => {
  const w = await world(t)
  const org = fake.addOrganisation(`Forged Ltd ${Date.now()}`)
  await connect(w, fake)
  const res = await fake.deliverWebhook(`${base}/api/v1/xero/webhooks/${w.tenantId}`, [invoiceEvent(org, '00000000-0000-4000-8000-000000000001')], APP.webhookKey, { forge: true })
  assert.equal(res.status, 401)
  assert.match(res.headers.get('content-type') ?? '', /problem\+json/)
  const missing = await fetch(`${base}/api/v1/xero/webhooks/${w.tenantId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"events":[]}' })
  assert.equal(missing.status, 401)
  const events = (await t.adminQuery('SELECT count(*)::int AS n FROM xero.webhook_events WHERE tenant_id = $1', [w.tenantId])).rows[0].n
  assert.equal(events, 0)
})

test('intent to receive: a correctly signed empty payload gets 200, a badly signed one 401', async () => {
  const w = await world(t)
  const url = `${base}/api/v1/xero/webhooks/${w.tenantId}`
  assert.equal((await fake.deliverWebhook(url, [], APP.webhookKey)).status, 200)
  assert.equal((await fake.deliverWebhook(url, [], APP.webhookKey, { forge: true })).status, 401)
})

test('a payment entered in Xero arrives by webhook, is recorded once, marks the Tessera invoice paid and is not echoed back to Xero', async () => {
  const w = await world(t)
  const org = fake.addOrganisation(`Paid In Xero Ltd ${Date.now()}`)
  await connect(w, fake)
  const c = await w.ok('GET', '/xero/connection')
  if (c.state === 'choose_organisation') await w.ok('POST', '/xero/connection/organisation', { tenantId: org.tenantId })
  await billedPeople(w, 1, ['2026-01'], { prefix: 'PaysInXero' })
  await waitFor(async () => org.invoices.length === 1 && (await docCounts(t)).pending === 0, 20_000, 'invoice synced')
  const xeroInvoice = org.invoices[0]
  fake.recordPaymentInXero(org, xeroInvoice.InvoiceNumber!, xeroInvoice.Total)
  const url = `${base}/api/v1/xero/webhooks/${w.tenantId}`
  const event = invoiceEvent(org, xeroInvoice.InvoiceID!)
  assert.equal((await fake.deliverWebhook(url, [event], APP.webhookKey)).status, 200)
  assert.equal((await fake.deliverWebhook(url, [event], APP.webhookKey)).status, 200, 'a redelivery is accepted')
  await waitFor(async () => (await t.adminQuery('SELECT count(*)::int AS n FROM xero.xero_payments WHERE tenant_id = $1', [w.tenantId])).rows[0].n === 1, 20_000, 'payment recorded')
  const tesseraId = (await t.adminQuery("SELECT tessera_id FROM xero.documents WHERE tenant_id = $1 AND kind = 'invoice'", [w.tenantId])).rows[0].tessera_id
  await waitFor(async () => (await w.ok('GET', `/billing/invoices/${tesseraId}`)).status === 'paid', 20_000, 'invoice paid in Tessera')
  const paid = await w.ok('GET', `/billing/invoices/${tesseraId}`)
  assert.equal(paid.amountDue, 0)
  assert.equal(paid.amountPaid, paid.total)
  const payments = (await t.adminQuery('SELECT reference, amount::float8 AS amount FROM billing.payments WHERE tenant_id = $1 AND invoice_id = $2', [w.tenantId, tesseraId])).rows
  assert.deepEqual(payments, [{ reference: `xero:${org.payments[0].PaymentID}`, amount: paid.total }], 'recorded once in billing, by its Xero reference')
  // the billing.invoice.paid event reaches Xero's subscriber, which must not queue the payment back to Xero
  await waitFor(async () => (await t.adminQuery("SELECT count(*)::int AS n FROM tessera.job_receipts WHERE tenant_id = $1 AND queue LIKE 'xero%' AND queue LIKE '%invoice.paid%'", [w.tenantId])).rows[0].n === 1, 20_000, "Xero's subscriber handled billing.invoice.paid")
  const queued = (await t.adminQuery("SELECT count(*)::int AS n FROM xero.documents WHERE tenant_id = $1 AND kind = 'payment'", [w.tenantId])).rows[0].n
  assert.equal(queued, 0, 'the payment from Xero is not queued for Xero')
  const rec = (await w.ok('GET', '/xero/reconciliation')).rows[0]
  assert.equal(rec.xero.status, 'PAID')
  assert.equal(rec.tessera.status, 'paid')
  assert.deepEqual(rec.differences, [], 'paid in Xero and in Tessera: no difference')
  const paymentWrites = fake.state.calls.filter((x) => x.tenantId === org.tenantId && x.path === '/Payments' && x.method !== 'GET')
  assert.equal(paymentWrites.length, 0, 'nothing written back to Xero')
  assert.equal(org.payments.length, 1)
})
