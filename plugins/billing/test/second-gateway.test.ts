/**
 * A second payment gateway, registered by another plugin on billing's `payment-gateway` extension point without any
 * change to billing: a tenant that names it in billing's config (`paymentGateway: 'fakepay'`) takes payments through
 * it end to end — saved card, off-session charge with billing's idempotency key, invoice paid, `billing.invoice.paid`
 * delivered to a subscriber — and its webhooks (`/webhooks/fakepay/<tenant>`) are verified by that gateway before the
 * body is read.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { boot, world } from './helpers.ts'
import type { TestKernel, World } from './helpers.ts'
import fakepay, { fakeLedger, signFakepay } from './fake-gateway/fake-gateway-plugin.ts'

let t: TestKernel
before(async () => { t = await boot({ workers: true, extra: [fakepay] }) })
after(async () => { await t?.close() })

async function waitFor<T>(fn: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 50))
  }
}

async function issuedInvoice(w: World, payerId: string, amount: number, source: string): Promise<{ id: string; total: number }> {
  await w.ok('POST', '/billing/charges', { payerType: 'person', payerId, description: 'Desk', unitAmount: amount, source })
  const draft = await w.ok('POST', '/billing/invoices', { payerType: 'person', payerId })
  return w.ok('POST', `/billing/invoices/${draft.id}/issue`, {})
}

const heard = async (invoiceId: string) =>
  (await t.adminQuery('SELECT total::int AS total FROM fakepay.paid_heard WHERE invoice_id = $1', [invoiceId])).rows[0] as { total: number } | undefined

test('a gateway plugin takes an invoice payment end to end: saved card, off-session charge, invoice paid, billing.invoice.paid delivered', async () => {
  const w = await world(t, { currency: 'EUR', paymentGateway: 'fakepay' }, { extraPlugins: ['fakepay'] })
  const payer = await w.person('Ada Gateway')
  const inv = await issuedInvoice(w, payer, 2500, 'gw-1')
  const saved = await w.ok('POST', `/billing/payers/person/${payer}/payment-method`, { paymentMethodId: 'fp_card_ok' })
  assert.match(saved.customerId, /^fpcus_/)

  const res = await w.call('POST', `/billing/invoices/${inv.id}/charge`, {}, w.staff, { 'idempotency-key': 'gw-charge-1' })
  assert.equal(res.statusCode, 200, res.body)
  const out = res.json()
  assert.equal(out.outcome, 'succeeded')
  assert.equal(out.invoice.status, 'paid')
  const charge = fakeLedger.charges.get(`invoice-${inv.id}-attempt-1`)
  assert.ok(charge, 'charged through the fake gateway with billing\'s idempotency key')
  assert.deepEqual([charge.amount, charge.currency, charge.customerId, charge.offSession, charge.metadata.invoiceId], [2500, 'EUR', saved.customerId, true, inv.id])
  assert.equal(out.paymentIntentId, charge.paymentId)
  const payments = await w.ok('GET', `/billing/invoices/${inv.id}/payments`)
  assert.deepEqual(payments.map((p: { amount: number; paymentIntentId: string }) => [p.amount, p.paymentIntentId]), [[2500, charge.paymentId]])
  assert.deepEqual(await waitFor(() => heard(inv.id)), { total: 2500 })
})

test('a gateway plugin\'s webhook is verified by that gateway before the body is read; a payment it reports pays the invoice once', async () => {
  const w = await world(t, { currency: 'EUR', paymentGateway: 'fakepay' }, { extraPlugins: ['fakepay'] })
  const payer = await w.person('Bo Webhook')
  const inv = await issuedInvoice(w, payer, 4000, 'gw-2')
  const body = JSON.stringify({ id: `evt_${inv.id}`, type: 'payment.succeeded', paymentId: `fppay_hook_${inv.id}`, amount: 4000, metadata: { tenantId: w.tenantId, invoiceId: inv.id } })
  const deliver = (payload: string, signature: string) => t.request({
    method: 'POST', url: `/api/v1/billing/webhooks/fakepay/${w.tenantId}`, payload, headers: { 'content-type': 'application/json', 'x-fakepay-signature': signature },
  })

  const forged = await deliver(body, signFakepay(body, 'not-the-secret'))
  assert.equal(forged.statusCode, 400)
  assert.match(forged.headers['content-type'] as string, /problem\+json/)
  const unparsable = await deliver('{not json', signFakepay('{other', 'fakepay-test-secret'))
  assert.equal(unparsable.statusCode, 400, 'a bad signature is refused before the body is parsed')
  const recorded = async () => (await t.adminQuery(`SELECT count(*)::int AS n FROM billing.webhook_events WHERE tenant_id = $1 AND gateway = 'fakepay'`, [w.tenantId])).rows[0].n as number
  assert.equal(await recorded(), 0)

  const first = await deliver(body, signFakepay(body, 'fakepay-test-secret'))
  assert.equal(first.statusCode, 200, first.body)
  assert.deepEqual(first.json(), { received: true, duplicate: false })
  const again = await deliver(body, signFakepay(body, 'fakepay-test-secret'))
  assert.deepEqual(again.json(), { received: true, duplicate: true })
  assert.equal(await recorded(), 1)
  assert.equal((await w.ok('GET', `/billing/invoices/${inv.id}`)).status, 'paid')
  assert.deepEqual(await waitFor(() => heard(inv.id)), { total: 4000 })

  const unknown = await t.request({ method: 'POST', url: `/api/v1/billing/webhooks/nopay/${w.tenantId}`, payload: body, headers: { 'content-type': 'application/json' } })
  assert.equal(unknown.statusCode, 404)
})

test('a tenant whose configured gateway is not installed gets a 409 naming the setting, nothing charged', async () => {
  const w = await world(t, { currency: 'EUR', paymentGateway: 'absentpay' })
  const payer = await w.person('Cy Missing')
  const inv = await issuedInvoice(w, payer, 1000, 'gw-3')
  const res = await w.call('POST', `/billing/invoices/${inv.id}/charge`, {}, w.staff, { 'idempotency-key': 'gw-charge-3' })
  assert.equal(res.statusCode, 409)
  assert.match(res.json().detail, /absentpay.*paymentGateway/)
  assert.equal((await w.ok('GET', `/billing/invoices/${inv.id}`)).status, 'issued')
})
