/**
 * A local, stateful fake of the Stripe API subset billing and POS use, for the real `stripe` SDK pointed at it with
 * `host`/`port`/`protocol`. Form-encoded bodies are parsed with `qs` (as Stripe does: `metadata[invoiceId]=…`).
 *
 * - `POST /v1/customers`, `GET /v1/customers/:id`
 * - `POST /v1/payment_methods` (`type=card`, `card[number]`), `GET /v1/payment_methods/:id`
 * - `POST /v1/setup_intents` (optionally `confirm=true` with `payment_method`), `POST /v1/setup_intents/:id/confirm`
 * - `POST /v1/payment_intents` (`confirm`, `off_session`), `POST /v1/payment_intents/:id/confirm`, `GET /v1/payment_intents/:id`
 * - `POST /v1/refunds` (`payment_intent`, optional `amount`; never more than what was captured)
 *
 * - `GET /v1/balance` (the settings screen's connection test)
 * - `GET /v3/`: the Stripe.js stand-in (`stripe-js-standin.ts`); the browser calls `POST /v1/payment_methods` and
 *   `POST /v1/payment_intents/:id/confirm` (with its `client_secret`) with the publishable key (`key=pk_…` in the
 *   body, as Stripe.js does), cross-origin (CORS answered)
 * - `deliverWebhooks({ url, secret })`: from then on every event is also POSTed to `url`, signed as Stripe signs it
 *
 * Test cards: `pm_card_visa` (and any `card[number]` but the declining ones) succeed; `pm_card_chargeDeclined` and the
 * card number `4000000000000002` decline with a 402 `card_error` (`card_declined`/`generic_decline`), which the SDK
 * raises as `StripeCardError`. `Idempotency-Key` is honoured: the same key (per API key) returns the first response
 * unchanged; the same key with different parameters is a 400 `idempotency_error`, as on Stripe. Every state change
 * appends a Stripe-shaped event to `events` (not delivered: tests sign and post them, in any order, as often as they like).
 */
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import qs from 'qs'
import Stripe from 'stripe'
import { STRIPE_JS_STANDIN } from './stripe-js-standin.ts'

type Obj = Record<string, any>

/** A running fake. */
export interface StripeFake {
  host: string
  port: number
  customers: Map<string, Obj>
  paymentMethods: Map<string, Obj>
  setupIntents: Map<string, Obj>
  paymentIntents: Map<string, Obj>
  refunds: Map<string, Obj>
  /** Events in creation order. */
  events: Obj[]
  /** Every request received: method, path, idempotency key. */
  requests: { method: string; path: string; idempotencyKey?: string }[]
  /** Makes a Stripe event of `type` for `object` (also appended to `events`, and delivered once deliveries are on). */
  event(type: string, object: Obj): Obj
  /** Delivers every later event to `url`, signed with `secret` (`Stripe-Signature`), as Stripe's webhooks do. */
  deliverWebhooks(target: { url: string; secret: string }): void
  /** Deliveries made: event id, type and the HTTP status of the answer. */
  deliveries: { eventId: string; type: string; status: number }[]
  /** The Stripe.js stand-in's URL (`http://127.0.0.1:<port>/v3/`). */
  stripeJsUrl: string
  close(): Promise<void>
}

const DECLINING_PMS = new Set(['pm_card_chargeDeclined', 'pm_card_visa_chargeDeclined'])
const DECLINING_NUMBERS = new Set(['4000000000000002'])
/** What Stripe.js may call with a publishable key. */
const PUBLISHABLE_ROUTES = [/^\/v1\/payment_methods$/, /^\/v1\/payment_intents\/[^/]+\/confirm$/]

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`
const now = () => Math.floor(Date.now() / 1000)

/** Starts the fake on a free port of 127.0.0.1. */
export async function startStripeFake(): Promise<StripeFake> {
  const customers = new Map<string, Obj>()
  const paymentMethods = new Map<string, Obj>()
  const setupIntents = new Map<string, Obj>()
  const paymentIntents = new Map<string, Obj>()
  const refunds = new Map<string, Obj>()
  const events: Obj[] = []
  const requests: StripeFake['requests'] = []
  const idem = new Map<string, { params: string; status: number; body: Obj }>()

  let webhookTarget: { url: string; secret: string } | undefined
  const deliveries: StripeFake['deliveries'] = []
  const signer = new Stripe('sk_test_fake_signer')
  const deliver = (e: Obj) => {
    const target = webhookTarget
    if (!target) return
    setTimeout(() => {
      const payload = JSON.stringify(e)
      const header = signer.webhooks.generateTestHeaderString({ payload, secret: target.secret })
      fetch(target.url, { method: 'POST', body: payload, headers: { 'content-type': 'application/json', 'stripe-signature': header } })
        .then((r) => { deliveries.push({ eventId: e.id, type: e.type, status: r.status }) }, () => { deliveries.push({ eventId: e.id, type: e.type, status: 0 }) })
    }, 0)
  }
  const event = (type: string, object: Obj): Obj => {
    const e = { id: id('evt'), object: 'event', api_version: '2025-01-01', created: now(), type, livemode: false, data: { object: structuredClone(object) }, pending_webhooks: 1, request: { id: null, idempotency_key: null } }
    events.push(e)
    deliver(e)
    return e
  }
  const fail = (status: number, type: string, message: string, extra: Obj = {}) => ({ status, body: { error: { type, message, ...extra } } })
  const pmDeclines = (pmId: string | undefined) => {
    if (!pmId) return false
    if (DECLINING_PMS.has(pmId)) return true
    const pm = paymentMethods.get(pmId)
    return !!pm && DECLINING_NUMBERS.has(pm.card?._number)
  }
  const knownPm = (pmId: string) => pmId.startsWith('pm_card_') || paymentMethods.has(pmId)
  const publicPm = (pm: Obj) => { const { _number, ...card } = pm.card ?? {}; return { ...pm, card } }

  /** Tries to confirm a payment intent: succeeded, or a 402 card_error with the intent attached. */
  const confirmPi = (pi: Obj): { status: number; body: Obj } => {
    if (!pi.payment_method) {
      pi.status = 'requires_payment_method'
      return { status: 200, body: pi }
    }
    if (pmDeclines(pi.payment_method)) {
      pi.status = 'requires_payment_method'
      pi.last_payment_error = { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.', payment_method: { id: pi.payment_method } }
      event('payment_intent.payment_failed', pi)
      return fail(402, 'card_error', 'Your card was declined.', { code: 'card_declined', decline_code: 'generic_decline', payment_intent: structuredClone(pi), charge: id('ch') })
    }
    pi.status = 'succeeded'
    pi.amount_received = pi.amount
    pi.last_payment_error = null
    pi.latest_charge = id('ch')
    event('payment_intent.succeeded', pi)
    return { status: 200, body: pi }
  }

  const routes: [string, RegExp, (m: RegExpMatchArray, p: Obj) => { status: number; body: Obj }][] = [
    ['POST', /^\/v1\/customers$/, (_m, p) => {
      const c = { id: id('cus'), object: 'customer', created: now(), email: p.email ?? null, name: p.name ?? null, metadata: p.metadata ?? {}, invoice_settings: { default_payment_method: null } }
      customers.set(c.id, c)
      return { status: 200, body: c }
    }],
    ['GET', /^\/v1\/customers\/([^/]+)$/, (m) => customers.has(m[1]) ? { status: 200, body: customers.get(m[1])! } : fail(404, 'invalid_request_error', `No such customer: '${m[1]}'`, { code: 'resource_missing' })],
    ['POST', /^\/v1\/payment_methods$/, (_m, p) => {
      const number = String(p.card?.number ?? '4242424242424242')
      const pm = { id: id('pm'), object: 'payment_method', type: p.type ?? 'card', customer: null, card: { brand: 'visa', last4: number.slice(-4), exp_month: Number(p.card?.exp_month ?? 12), exp_year: Number(p.card?.exp_year ?? 2034), _number: number } }
      paymentMethods.set(pm.id, pm)
      return { status: 200, body: publicPm(pm) }
    }],
    ['GET', /^\/v1\/payment_methods\/([^/]+)$/, (m) => paymentMethods.has(m[1]) ? { status: 200, body: publicPm(paymentMethods.get(m[1])!) } : fail(404, 'invalid_request_error', 'No such payment_method', { code: 'resource_missing' })],
    ['POST', /^\/v1\/setup_intents$/, (_m, p) => {
      if (p.customer && !customers.has(p.customer)) return fail(400, 'invalid_request_error', `No such customer: '${p.customer}'`, { param: 'customer' })
      const si: Obj = { id: id('seti'), object: 'setup_intent', customer: p.customer ?? null, usage: p.usage ?? 'off_session', payment_method: p.payment_method ?? null, status: 'requires_payment_method', metadata: p.metadata ?? {}, created: now() }
      si.client_secret = `${si.id}_secret_${randomBytes(8).toString('hex')}`
      setupIntents.set(si.id, si)
      if (p.confirm === 'true' && si.payment_method) return confirmSi(si)
      return { status: 200, body: si }
    }],
    ['POST', /^\/v1\/setup_intents\/([^/]+)\/confirm$/, (m, p) => {
      const si = setupIntents.get(m[1])
      if (!si) return fail(404, 'invalid_request_error', 'No such setup_intent', { code: 'resource_missing' })
      if (p.payment_method) si.payment_method = p.payment_method
      return confirmSi(si)
    }],
    ['POST', /^\/v1\/payment_intents$/, (_m, p) => {
      const amount = Number(p.amount)
      if (!Number.isInteger(amount) || amount < 1) return fail(400, 'invalid_request_error', 'Invalid integer: amount', { param: 'amount' })
      if (p.customer && !customers.has(p.customer)) return fail(400, 'invalid_request_error', `No such customer: '${p.customer}'`, { param: 'customer' })
      if (p.payment_method && !knownPm(p.payment_method)) return fail(400, 'invalid_request_error', `No such PaymentMethod: '${p.payment_method}'`, { param: 'payment_method' })
      const pi: Obj = {
        id: id('pi'), object: 'payment_intent', amount, amount_received: 0, currency: String(p.currency ?? 'eur').toLowerCase(), customer: p.customer ?? null,
        payment_method: p.payment_method ?? null, status: 'requires_payment_method', off_session: p.off_session === 'true', metadata: p.metadata ?? {},
        description: p.description ?? null, created: now(), last_payment_error: null,
      }
      pi.client_secret = `${pi.id}_secret_${randomBytes(8).toString('hex')}`
      paymentIntents.set(pi.id, pi)
      if (p.confirm === 'true') return confirmPi(pi)
      if (pi.payment_method) pi.status = 'requires_confirmation'
      return { status: 200, body: pi }
    }],
    ['GET', /^\/v1\/balance$/, () => ({ status: 200, body: { object: 'balance', livemode: false, available: [{ amount: 0, currency: 'eur' }], pending: [] } })],
    ['POST', /^\/v1\/payment_intents\/([^/]+)\/confirm$/, (m, p) => {
      const pi = paymentIntents.get(m[1])
      if (!pi) return fail(404, 'invalid_request_error', 'No such payment_intent', { code: 'resource_missing' })
      if (p.key !== undefined && p.client_secret !== pi.client_secret) return fail(400, 'invalid_request_error', 'The client_secret provided does not match the client_secret associated with the PaymentIntent.', { param: 'client_secret' })
      if (pi.status === 'succeeded') return fail(400, 'invalid_request_error', 'This PaymentIntent has already succeeded.', { code: 'payment_intent_unexpected_state' })
      if (p.payment_method) pi.payment_method = p.payment_method
      return confirmPi(pi)
    }],
    ['GET', /^\/v1\/payment_intents\/([^/]+)$/, (m) => paymentIntents.has(m[1]) ? { status: 200, body: paymentIntents.get(m[1])! } : fail(404, 'invalid_request_error', 'No such payment_intent', { code: 'resource_missing' })],
    ['POST', /^\/v1\/refunds$/, (_m, p) => {
      const pi = paymentIntents.get(p.payment_intent)
      if (!pi || pi.status !== 'succeeded') return fail(400, 'invalid_request_error', 'This PaymentIntent has no successful charge to refund.', { param: 'payment_intent' })
      const done = [...refunds.values()].filter((r) => r.payment_intent === pi.id).reduce((s, r) => s + r.amount, 0)
      const amount = p.amount === undefined ? pi.amount_received - done : Number(p.amount)
      if (amount < 1 || done + amount > pi.amount_received) return fail(400, 'invalid_request_error', `Refund amount (${amount}) is greater than unrefunded amount on charge (${pi.amount_received - done})`, { code: 'charge_already_refunded' })
      const r = { id: id('re'), object: 'refund', amount, currency: pi.currency, payment_intent: pi.id, status: 'succeeded', metadata: p.metadata ?? {}, created: now() }
      refunds.set(r.id, r)
      event('refund.created', r)
      return { status: 200, body: r }
    }],
  ]

  function confirmSi(si: Obj): { status: number; body: Obj } {
    if (!si.payment_method || !knownPm(si.payment_method)) return fail(400, 'invalid_request_error', 'A payment method is required.', { param: 'payment_method' })
    if (pmDeclines(si.payment_method)) {
      si.status = 'requires_payment_method'
      return fail(402, 'card_error', 'Your card was declined.', { code: 'card_declined', decline_code: 'generic_decline', setup_intent: structuredClone(si) })
    }
    si.status = 'succeeded'
    const pm = paymentMethods.get(si.payment_method)
    if (pm) pm.customer = si.customer
    event('setup_intent.succeeded', si)
    return { status: 200, body: si }
  }

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const key = req.headers['idempotency-key'] as string | undefined
    requests.push({ method: req.method ?? 'GET', path: url.pathname, idempotencyKey: key })
    const send = (status: number, body: Obj) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req'), 'access-control-allow-origin': '*', ...(key ? { 'idempotency-key': key } : {}) })
      res.end(JSON.stringify(body))
    }
    if (req.method === 'GET' && url.pathname === '/v3/') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'access-control-allow-origin': '*', 'cross-origin-resource-policy': 'cross-origin' })
      return res.end(STRIPE_JS_STANDIN)
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type', 'access-control-allow-methods': 'POST, GET' })
      return res.end()
    }
    const params = qs.parse(url.search.slice(1) + (raw ? `&${raw}` : '')) as Obj
    const auth = req.headers.authorization ?? ''
    const publishable = typeof params.key === 'string' && /^pk_(test|live)_\w+/.test(params.key) && req.method === 'POST' && PUBLISHABLE_ROUTES.some((re) => re.test(url.pathname))
    if (!publishable && !/^Bearer sk_(test|live)_\w+/.test(auth)) return send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } })
    const route = routes.find(([m, re]) => m === req.method && re.test(url.pathname))
    if (!route) return send(404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${url.pathname})` } })
    if (req.method === 'POST' && key) {
      const cacheKey = `${auth}\u0000${key}`
      const fingerprint = `${req.method} ${url.pathname} ${raw}`
      const seen = idem.get(cacheKey)
      if (seen) {
        if (seen.params !== fingerprint) return send(400, { error: { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.' } })
        res.setHeader('idempotent-replayed', 'true')
        return send(seen.status, seen.body)
      }
      const out = route[2](url.pathname.match(route[1])!, params)
      const snapshot = structuredClone(out.body)
      idem.set(cacheKey, { params: fingerprint, status: out.status, body: snapshot })
      return send(out.status, snapshot)
    }
    const out = route[2](url.pathname.match(route[1])!, params)
    send(out.status, structuredClone(out.body))
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      try {
        handle(req, res, Buffer.concat(chunks).toString('utf8'))
      } catch (err) {
        res.writeHead(500, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ error: { type: 'api_error', message: (err as Error).message } }))
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    host: '127.0.0.1', port, customers, paymentMethods, setupIntents, paymentIntents, refunds, events, requests, event, deliveries,
    deliverWebhooks: (target) => { webhookTarget = target },
    stripeJsUrl: `http://127.0.0.1:${port}/v3/`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }),
  }
}
