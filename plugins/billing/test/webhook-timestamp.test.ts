/**
 * The Stripe webhook refuses a delivery whose signed timestamp is more than the tolerance (300 s) away from our clock
 * in either direction: a post-dated signature is not a way to keep a captured delivery replayable. A small skew inside
 * the tolerance is accepted. A refusal is 400 problem+json and records nothing.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import Stripe from 'stripe'
import { boot, world } from './helpers.ts'
import type { TestKernel, World } from './helpers.ts'

let t: TestKernel
const stripe = new Stripe('sk_test_client')
const WHSEC = 'whsec_timestamp_secret'
before(async () => { t = await boot() })
after(() => t.close())

const cfg = { currency: 'EUR', stripe: { secretKey: 'sk_test_tenant', webhookSecret: WHSEC } }

/** Delivers a signed event whose signature carries `timestamp` (seconds). */
function deliver(w: World, timestamp: number) {
  const id = `evt_${randomBytes(8).toString('hex')}`
  const payload = JSON.stringify({ id, object: 'event', type: 'customer.created', data: { object: { id: 'cus_x', object: 'customer' } } })
  const header = stripe.webhooks.generateTestHeaderString({ payload, secret: WHSEC, timestamp })
  return t.request({ method: 'POST', url: `/api/v1/billing/webhooks/stripe/${w.tenantId}`, payload, headers: { 'content-type': 'application/json', 'stripe-signature': header } })
}

const recorded = async (w: World) =>
  (await t.adminQuery('SELECT count(*)::int AS n FROM billing.webhook_events WHERE tenant_id = $1', [w.tenantId])).rows[0].n as number

test('a webhook signed more than the tolerance in the future is refused with 400 and records nothing', async () => {
  const w = await world(t, cfg)
  const now = Math.floor(Date.now() / 1000)
  for (const ahead of [301 + 5, 3600, 365 * 86400]) {
    const res = await deliver(w, now + ahead)
    assert.equal(res.statusCode, 400, `${ahead} s ahead`)
    assert.match(res.headers['content-type'] as string, /application\/problem\+json/)
    assert.match(res.json().detail, /future/)
  }
  assert.equal(await recorded(w), 0)
})

test('a webhook signed more than the tolerance in the past is still refused; a skew inside the tolerance is accepted', async () => {
  const w = await world(t, cfg)
  const now = Math.floor(Date.now() / 1000)
  assert.equal((await deliver(w, now - 3600)).statusCode, 400)
  assert.equal(await recorded(w), 0)
  assert.equal((await deliver(w, now + 60)).statusCode, 200)
  assert.equal((await deliver(w, now - 60)).statusCode, 200)
  assert.equal(await recorded(w), 2)
})
