/**
 * The Stripe settings API: keys set by staff are stored sealed (the raw row holds neither secret), never returned
 * (only "set" and the last four), online payment follows the keys and the switches, the connection test reaches Stripe
 * through the SDK (the fake), bad keys are a 400 naming the field, members cannot read or change the settings; and a
 * card payment started for the browser is a PaymentIntent the browser may confirm with the publishable key, recorded
 * by the fake's signed webhook; the member's PDF is inline and framable by the app only.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createTestKernel } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import billing from '../src/index.ts'
import { startStripeFake } from './stripe-fake/stripe-fake.ts'
import type { StripeFake } from './stripe-fake/stripe-fake.ts'
import { member, waitFor, world } from './helpers.ts'
import type { World } from './helpers.ts'

const SK = 'sk_test_settingsSecret9876'
const WHSEC = 'whsec_settingsHook4321'
let t: TestKernel
let fake: StripeFake

/** PUT of the settings (the world's helpers know GET/POST/PATCH/DELETE). */
const put = (w: World, payload: object, session = w.staff) => t.request({ method: 'PUT', url: '/api/v1/billing/stripe-settings', session, payload })
const putOk = async (w: World, payload: object) => {
  const r = await put(w, payload)
  assert.equal(r.statusCode, 200, r.body)
  return r.json()
}

before(async () => {
  fake = await startStripeFake()
  t = await createTestKernel({ plugins: [members, spaces, billing] as never, workers: false, config: { secrets: { billing_key: 'test-billing-key-0123456789' } } as never })
})
after(async () => { await t?.close(); await fake?.close() })

test('keys are sealed at rest, never returned, and switch online payment on', async () => {
  const w = await world(t, { stripe: { apiHost: fake.host, apiPort: fake.port, apiProtocol: 'http' } })
  const m = await member(t, w, 'Ada')
  const options = async () => (await w.ok('GET', '/billing/payment-options', undefined, m.session)) as { onlinePayments: boolean; publishableKey: string | null }
  assert.equal((await options()).onlinePayments, false, 'no keys: no online payment')
  const refused = await w.call('POST', '/billing/stripe-settings/test', {})
  assert.equal(refused.statusCode, 409)

  const bad = await put(w, { secretKey: 'not-a-key' })
  assert.equal(bad.statusCode, 400, bad.body)
  assert.match(bad.body, /secretKey/)
  assert.equal((await put(w, { secretKey: SK }, m.session)).statusCode, 403, 'members cannot set keys')
  assert.equal((await w.call('GET', '/billing/stripe-settings', undefined, m.session)).statusCode, 403)

  const saved = await put(w, { publishableKey: 'pk_test_settings', secretKey: SK, webhookSecret: WHSEC })
  assert.equal(saved.statusCode, 200, saved.body)
  assert.ok(!saved.body.includes(SK) && !saved.body.includes(WHSEC), 'the answer carries no secret')
  const view = saved.json()
  assert.deepEqual(view.secretKey, { set: true, last4: '9876', source: 'settings' })
  assert.deepEqual(view.webhookSecret, { set: true, last4: '4321', source: 'settings' })
  assert.equal(view.onlinePaymentsActive, true)
  const read = await w.call('GET', '/billing/stripe-settings')
  assert.ok(!read.body.includes(SK) && !read.body.includes(WHSEC))

  const raw = (await t.adminQuery('SELECT * FROM billing.stripe_accounts WHERE tenant_id = $1', [w.tenantId])).rows[0]
  assert.ok(raw, 'a row for the tenant')
  const rawText = JSON.stringify(raw)
  assert.ok(!rawText.includes(SK) && !rawText.includes(WHSEC), 'neither secret in plain text at rest')
  assert.match(raw.secret_key_box, /^v1:/)

  const conn = await w.ok('POST', '/billing/stripe-settings/test', {})
  assert.equal(conn.ok, true, conn.message)
  assert.ok(fake.requests.some((r) => r.method === 'GET' && r.path === '/v1/balance'))
  assert.deepEqual(await options(), { onlinePayments: true, publishableKey: 'pk_test_settings', stripeJsUrl: 'https://js.stripe.com/v3/' })

  await putOk(w, { onlinePayments: false })
  assert.equal((await options()).onlinePayments, false, 'switched off')
  await putOk(w, { onlinePayments: true, publishableKey: null })
  assert.equal((await options()).onlinePayments, false, 'no publishable key: off')
  await putOk(w, { publishableKey: 'pk_test_settings' })
  assert.equal((await options()).onlinePayments, true)
})

test('a card payment started for Elements is confirmed with the publishable key and recorded by the signed webhook; the PDF is inline', async () => {
  const w = await world(t, { stripe: { apiHost: fake.host, apiPort: fake.port, apiProtocol: 'http' } })
  await putOk(w, { publishableKey: 'pk_test_flow', secretKey: 'sk_test_flow', webhookSecret: 'whsec_flow' })
  const m = await member(t, w, 'Bea')
  await w.ok('POST', '/billing/charges', { payerType: 'person', payerId: m.person, description: 'Day pass', unitAmount: 2500, source: `manual:${crypto.randomUUID()}` })
  const inv = await w.ok('POST', '/billing/invoices', { payerType: 'person', payerId: m.person })
  await w.ok('POST', `/billing/invoices/${inv.id}/issue`, {})
  fake.deliverWebhooks({ url: `${await t.listen()}/api/v1/billing/webhooks/stripe/${w.tenantId}`, secret: 'whsec_flow' })

  const start = await w.call('POST', `/billing/me/invoices/${inv.id}/card-payment`, {}, m.session, { 'idempotency-key': crypto.randomUUID() })
  assert.equal(start.statusCode, 201, start.body)
  const s = start.json()
  assert.equal(s.amount, 2500)
  assert.equal(s.publishableKey, 'pk_test_flow')
  // what Stripe.js does in the browser: a PaymentMethod from the card, then confirm with the client secret
  const form = (o: Record<string, string>) => new URLSearchParams(o).toString()
  const post = (path: string, body: Record<string, string>) => fetch(`http://${fake.host}:${fake.port}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form(body) }).then(async (r) => ({ status: r.status, json: await r.json() as any }))
  const pm = await post('/v1/payment_methods', { key: 'pk_test_flow', type: 'card', 'card[number]': '4242424242424242' })
  assert.equal(pm.status, 200)
  const wrong = await post(`/v1/payment_intents/${s.paymentIntentId}/confirm`, { key: 'pk_test_flow', client_secret: 'nope', payment_method: pm.json.id })
  assert.equal(wrong.status, 400, 'the client secret is checked')
  const ok = await post(`/v1/payment_intents/${s.paymentIntentId}/confirm`, { key: 'pk_test_flow', client_secret: s.clientSecret, payment_method: pm.json.id })
  assert.equal(ok.json.status, 'succeeded')
  const paid = await waitFor(async () => { const i = await w.ok('GET', `/billing/me/invoices/${inv.id}`, undefined, m.session); return i.status === 'paid' && i })
  assert.equal(paid.amountDue, 0)

  const pdf = await w.call('GET', `/billing/me/invoices/${inv.id}/pdf`, undefined, m.session)
  assert.equal(pdf.statusCode, 200)
  assert.equal(pdf.headers['content-type'], 'application/pdf')
  assert.match(String(pdf.headers['content-disposition']), /^inline; filename="INV-\d{6}\.pdf"$/)
  assert.equal(pdf.headers['x-frame-options'], 'SAMEORIGIN')
  assert.match(String(pdf.headers['content-security-policy']), /frame-ancestors 'self'/)
  const other = await member(t, w, 'Cy')
  assert.equal((await w.call('GET', `/billing/me/invoices/${inv.id}/pdf`, undefined, other.session)).statusCode, 404, "another member's invoice")
})
