/**
 * Acceptance (Stripe through the real SDK against the local fake): a card saved with a SetupIntent (confirmed as
 * Stripe.js would, reported by a signed webhook); an issued invoice charged off-session with an idempotency key from
 * our ids; the same `payment_intent.succeeded` delivered 10 times records one payment; a bad signature gets 400 and
 * changes nothing; `payment_failed` after `succeeded` does not un-pay; refunds; a member pays now.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import Stripe from 'stripe'
import { boot, world } from './helpers.ts'
import type { TestKernel, World } from './helpers.ts'
import { startStripeFake } from './stripe-fake/stripe-fake.ts'
import type { StripeFake } from './stripe-fake/stripe-fake.ts'

let t: TestKernel
let fake: StripeFake
let stripe: Stripe
const WHSEC = 'whsec_test_secret'
before(async () => {
  t = await boot()
  fake = await startStripeFake()
  stripe = new Stripe('sk_test_client', { host: fake.host, port: fake.port, protocol: 'http', maxNetworkRetries: 0 })
})
after(async () => { await t.close(); await fake.close() })

const cfg = () => ({ currency: 'EUR', stripe: { secretKey: 'sk_test_tenant', webhookSecret: WHSEC, apiHost: fake.host, apiPort: fake.port, apiProtocol: 'http' } })

function deliver(w: World, event: object, secret = WHSEC) {
  const payload = JSON.stringify(event)
  const header = stripe.webhooks.generateTestHeaderString({ payload, secret })
  return t.request({ method: 'POST', url: `/api/v1/billing/webhooks/stripe/${w.tenantId}`, payload, headers: { 'content-type': 'application/json', 'stripe-signature': header } })
}

/** A payer with an issued invoice of `amount`. */
async function issued(w: World, amount: number) {
  const person = await w.person()
  await w.ok('POST', '/billing/charges', { payerType: 'person', payerId: person, description: 'Desk', unitAmount: amount, source: `desk-${person}` })
  const draft = await w.ok('POST', '/billing/invoices', { payerType: 'person', payerId: person })
  return { person, invoice: await w.ok('POST', `/billing/invoices/${draft.id}/issue`, {}) }
}

/** Saves a card the way the browser does: SetupIntent from us, confirmed with Stripe, reported by webhook. */
async function saveCard(w: World, person: string, pm: string) {
  const si = await w.ok('POST', `/billing/payers/person/${person}/setup-intents`, {})
  assert.match(si.clientSecret, /^seti_.*_secret_/)
  await stripe.setupIntents.confirm(si.id, { payment_method: pm })
  const event = fake.events.filter((e) => e.type === 'setup_intent.succeeded' && e.data.object.id === si.id).at(-1)!
  assert.equal((await deliver(w, event)).statusCode, 200)
}

test('off-session charge; the succeeded webhook ×10 records one payment; failed after succeeded does not un-pay', async () => {
  const w = await world(t, cfg())
  const { person, invoice } = await issued(w, 12345)
  await saveCard(w, person, 'pm_card_visa')
  const r = await w.call('POST', `/billing/invoices/${invoice.id}/charge`, {}, undefined, { 'idempotency-key': `charge-${invoice.id}` })
  assert.equal(r.statusCode, 200, r.body)
  assert.equal(r.json().outcome, 'succeeded')
  assert.equal(r.json().invoice.status, 'paid')
  const pi = fake.paymentIntents.get(r.json().paymentIntentId)!
  assert.equal(pi.amount, 12345)
  assert.equal(pi.off_session, true)
  assert.equal(pi.metadata.invoiceId, invoice.id)
  assert.ok(fake.requests.some((q) => q.path === '/v1/payment_intents' && q.idempotencyKey === `invoice-${invoice.id}-attempt-1`))
  // the same request again (same Idempotency-Key) replays, no second charge
  const replay = await w.call('POST', `/billing/invoices/${invoice.id}/charge`, {}, undefined, { 'idempotency-key': `charge-${invoice.id}` })
  assert.equal(replay.json().paymentIntentId, r.json().paymentIntentId)
  assert.equal([...fake.paymentIntents.values()].filter((p) => p.metadata.invoiceId === invoice.id).length, 1)

  const succeeded = fake.events.find((e) => e.type === 'payment_intent.succeeded' && e.data.object.id === pi.id)!
  const deliveries = await Promise.all(Array.from({ length: 10 }, () => deliver(w, succeeded)))
  for (const d of deliveries) assert.equal(d.statusCode, 200, d.body)
  assert.equal(deliveries.filter((d) => d.json().duplicate === false).length, 1)
  const payments = await w.ok('GET', `/billing/invoices/${invoice.id}/payments`)
  assert.equal(payments.length, 1)
  assert.equal(payments[0].amount, 12345)
  assert.equal((await w.ok('GET', `/billing/invoices/${invoice.id}`)).amountPaid, 12345)

  // a late payment_failed for the same intent (out of order) changes nothing
  const failed = fake.event('payment_intent.payment_failed', { ...pi, status: 'requires_payment_method', last_payment_error: { code: 'card_declined' } })
  assert.equal((await deliver(w, failed)).statusCode, 200)
  const after = await w.ok('GET', `/billing/invoices/${invoice.id}`)
  assert.equal(after.status, 'paid')
  assert.equal(after.amountPaid, 12345)

  // refund part of it: money back through Stripe and a credit note
  const cn = await w.call('POST', `/billing/payments/${payments[0].id}/refund`, { amount: 2345, reason: 'goodwill' }, undefined, { 'idempotency-key': 'refund-1' })
  assert.equal(cn.statusCode, 201, cn.body)
  assert.equal(cn.json().kind, 'credit_note')
  assert.equal(cn.json().total, 2345)
  assert.deepEqual([...fake.refunds.values()].filter((x) => x.payment_intent === pi.id).map((x) => x.amount), [2345])
})

test('a bad signature gets 400 and changes nothing; succeeded arriving before our own answer is recorded once', async () => {
  const w = await world(t, cfg())
  const { invoice } = await issued(w, 5000)
  const pi = await stripe.paymentIntents.create({ amount: 5000, currency: 'eur', payment_method: 'pm_card_visa', confirm: true, metadata: { tenantId: w.tenantId, invoiceId: invoice.id } })
  const event = fake.events.find((e) => e.type === 'payment_intent.succeeded' && e.data.object.id === pi.id)!
  const forged = await deliver(w, event, 'whsec_wrong')
  assert.equal(forged.statusCode, 400)
  assert.match(forged.headers['content-type'] as string, /problem\+json/)
  const tampered = await t.request({
    method: 'POST', url: `/api/v1/billing/webhooks/stripe/${w.tenantId}`,
    payload: JSON.stringify({ ...event, data: { object: { ...event.data.object, amount: 1 } } }),
    headers: { 'content-type': 'application/json', 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload: JSON.stringify(event), secret: WHSEC }) },
  })
  assert.equal(tampered.statusCode, 400)
  const unsigned = await t.request({ method: 'POST', url: `/api/v1/billing/webhooks/stripe/${w.tenantId}`, payload: JSON.stringify(event), headers: { 'content-type': 'application/json' } })
  assert.equal(unsigned.statusCode, 400)
  const rows = await t.adminQuery('SELECT count(*)::int AS n FROM billing.webhook_events WHERE tenant_id = $1', [w.tenantId])
  assert.equal(rows.rows[0].n, 0, 'no event recorded')
  assert.equal((await w.ok('GET', `/billing/invoices/${invoice.id}`)).status, 'issued')
  // failed first, then succeeded (out of order): paid
  const failedFirst = fake.event('payment_intent.payment_failed', { ...event.data.object, status: 'requires_payment_method' })
  assert.equal((await deliver(w, failedFirst)).statusCode, 200)
  assert.equal((await deliver(w, event)).statusCode, 200)
  assert.equal((await w.ok('GET', `/billing/invoices/${invoice.id}`)).status, 'paid')
  // another tenant's URL with this tenant's event: that tenant's secret differs → 400
  const other = await world(t, { ...cfg(), stripe: { ...cfg().stripe, webhookSecret: 'whsec_other' } })
  assert.equal((await deliver(other, event)).statusCode, 400)
})

test('a member pays an issued invoice now with a card; a declined card is a declined outcome, not an error', async () => {
  const w = await world(t, cfg())
  const member = await t.signIn({ tenantId: w.tenantId, role: 'member' })
  const person = (await w.ok('POST', '/members/people', { name: 'Mia', email: member.email })).id
  await w.ok('POST', `/members/people/${person}/invite`, {})
  await w.ok('POST', '/billing/charges', { payerType: 'person', payerId: person, description: 'Meeting room', unitAmount: 4200, source: 'mr-1' })
  const draft = await w.ok('POST', '/billing/invoices', { payerType: 'person', payerId: person })
  await w.ok('POST', `/billing/invoices/${draft.id}/issue`, {})
  const mine = await w.ok('GET', '/billing/me/invoices', undefined, member.cookie)
  assert.deepEqual(mine.items.map((i: any) => i.id), [draft.id])
  const declined = await w.call('POST', `/billing/me/invoices/${draft.id}/pay`, { paymentMethodId: 'pm_card_chargeDeclined' }, member.cookie, { 'idempotency-key': 'pay-1' })
  assert.equal(declined.statusCode, 200, declined.body)
  assert.equal(declined.json().outcome, 'declined')
  assert.equal(declined.json().declineCode, 'generic_decline')
  assert.equal(declined.json().nextAttemptAt, null, 'a member trying a card does not start dunning')
  assert.equal((await w.ok('GET', `/billing/invoices/${draft.id}`)).paymentAttempts, 0)
  const jobs = await t.adminQuery(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'billing.retry-payment' AND data->>'invoiceId' = $1`, [draft.id])
  assert.equal(jobs.rows[0].n, 0)
  const pm = await stripe.paymentMethods.create({ type: 'card', card: { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' } } as never)
  const paid = await w.call('POST', `/billing/me/invoices/${draft.id}/pay`, { paymentMethodId: pm.id }, member.cookie, { 'idempotency-key': 'pay-2' })
  assert.equal(paid.json().outcome, 'succeeded', paid.body)
  assert.equal((await w.ok('GET', `/billing/invoices/${draft.id}`)).status, 'paid')
  // another member cannot see or pay it
  const stranger = await t.signIn({ tenantId: w.tenantId, role: 'member' })
  await w.ok('POST', `/members/people/${(await w.ok('POST', '/members/people', { name: 'S', email: stranger.email })).id}/invite`, {})
  assert.equal((await w.call('GET', `/billing/me/invoices/${draft.id}`, undefined, stranger.cookie)).statusCode, 404)
})
