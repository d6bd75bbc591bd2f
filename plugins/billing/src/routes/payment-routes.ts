/**
 * Card payments (staff and members) and the Stripe webhook.
 *
 * The webhook `POST /webhooks/stripe/:tenantId` is public: it lives in its own encapsulated context whose JSON parser
 * keeps the raw bytes, enters the tenant named in the URL and, before anything reads the body, verifies the
 * `Stripe-Signature` against the tenant's webhook secret (`verifiedWebhookEvent`: a timestamp more than the tolerance
 * in the future or the past, or a bad signature → 400, nothing recorded). Each event id
 * is recorded once (a redelivery answers 200 `duplicate: true` and changes nothing). Handlers are written so that order
 * does not matter: a success records the payment keyed by the PaymentIntent id (once, whoever reports it first);
 * a failure never un-pays an invoice or counts an attempt (our own charge attempts handle declines from the API answer).
 */
import type { FastifyInstance } from 'fastify'
import { problem } from '@tessera/sdk'
import type { PluginContext } from '@tessera/sdk'
import { stripeFor, stripeSettings } from '../stripe/stripe-client.ts'
import type { Stripe } from '../stripe/stripe-client.ts'
import { verifiedWebhookEvent, WebhookVerificationError } from '../stripe/webhook-event.ts'
import { chargeInvoice, createSetupIntent, saveDefaultPaymentMethod, ensureCustomer, refundPayment } from '../domain/card-payments.ts'
import { getInvoice, recordPayment, listInvoices } from '../domain/invoicing.ts'
import { walletOf } from '../domain/wallet.ts'
import { plansService } from '../services/plans-service.ts'
import { directoryOf } from '../domain/peer-services.ts'
import { invoice, invoicePage, idParams, payerParams, uuid, plan, wallet, money } from '../contract/route-schemas.ts'
import type { PayerType } from '../domain/payer.ts'

const outcome = {
  type: 'object',
  properties: {
    outcome: { type: 'string' }, paymentIntentId: { type: 'string' }, declineCode: { type: 'string' }, attempt: { type: 'integer' },
    nextAttemptAt: { type: ['string', 'null'] }, invoice,
  },
} as const
const setupIntent = { type: 'object', properties: { id: { type: 'string' }, clientSecret: { type: 'string' }, customerId: { type: 'string' } } } as const
const payBody = { type: 'object', additionalProperties: false, properties: { paymentMethodId: { type: 'string', maxLength: 255, pattern: '^pm_[A-Za-z0-9_]+$' } } } as const

/** The person linked to the caller's login, or 403. */
async function self(ctx: PluginContext): Promise<{ payerType: PayerType; payerId: string }> {
  const p = await directoryOf(ctx).personByUserId(ctx.actor().id)
  if (!p) throw problem.forbidden('Your login is not linked to a member record here.')
  return { payerType: 'person', payerId: p.id }
}

/** Applies one verified Stripe event. */
async function applyEvent(ctx: PluginContext, event: Stripe.Event): Promise<void> {
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const pi = event.data.object
      const invoiceId = pi.metadata?.invoiceId
      if (!invoiceId || pi.metadata?.tenantId !== ctx.tenant().id) return
      if (!(await getInvoice(ctx, invoiceId))) return
      await recordPayment(ctx, invoiceId, { method: 'card', amount: pi.amount_received || pi.amount, paymentIntentId: pi.id })
      return
    }
    case 'setup_intent.succeeded': {
      const si = event.data.object
      const customer = typeof si.customer === 'string' ? si.customer : si.customer?.id
      const pm = typeof si.payment_method === 'string' ? si.payment_method : si.payment_method?.id
      if (customer && pm) await saveDefaultPaymentMethod(ctx, customer, pm)
      return
    }
    default:
      // payment_intent.payment_failed and the rest: recorded, no state change (see the module header)
  }
}

/** Registers payment routes and the webhook. */
export function paymentRoutes(app: FastifyInstance, ctx: PluginContext): void {
  app.post('/payers/:payerType/:payerId/setup-intents', {
    config: { permission: 'billing.manage' },
    schema: { params: payerParams, body: { type: 'object', additionalProperties: false, properties: {} }, response: { 201: setupIntent } },
  }, async (req, reply) => {
    reply.code(201)
    return createSetupIntent(ctx, req.params as { payerType: PayerType; payerId: string })
  })

  app.post('/payers/:payerType/:payerId/payment-method', {
    config: { permission: 'billing.manage' },
    schema: {
      params: payerParams,
      body: { type: 'object', additionalProperties: false, required: ['paymentMethodId'], properties: { paymentMethodId: { type: 'string', maxLength: 255, pattern: '^pm_[A-Za-z0-9_]+$' } } },
      response: { 200: { type: 'object', properties: { customerId: { type: 'string' }, paymentMethodId: { type: 'string' } } } },
    },
  }, async (req) => {
    const customerId = await ensureCustomer(ctx, req.params as { payerType: PayerType; payerId: string })
    const { paymentMethodId } = req.body as { paymentMethodId: string }
    await saveDefaultPaymentMethod(ctx, customerId, paymentMethodId)
    return { customerId, paymentMethodId }
  })

  app.post('/invoices/:id/charge', {
    config: { permission: 'billing.manage', idempotency: true },
    schema: { params: idParams, body: payBody, response: { 200: outcome } },
  }, async (req) => chargeInvoice(ctx, (req.params as { id: string }).id, { ...(req.body as { paymentMethodId?: string }), requestKey: String(req.headers['idempotency-key']) }))

  app.get('/invoices/:id/payments', {
    config: { permission: 'billing.read' },
    schema: {
      params: idParams,
      response: { 200: { type: 'array', items: { type: 'object', properties: { id: uuid, method: { type: 'string' }, amount: { type: 'integer' }, refundedAmount: { type: 'integer' }, paymentIntentId: { type: ['string', 'null'] }, reference: { type: ['string', 'null'] }, createdAt: { type: 'string' } } } } },
    },
  }, async (req) => (await ctx.db.many<Record<string, any>>(
    `SELECT id, method, amount::float8, refunded_amount::float8, payment_intent_id, reference, created_at FROM billing.payments WHERE invoice_id = $1 ORDER BY created_at`,
    [(req.params as { id: string }).id])).map((p) => ({ id: p.id, method: p.method, amount: p.amount, refundedAmount: p.refunded_amount, paymentIntentId: p.payment_intent_id, reference: p.reference, createdAt: p.created_at.toISOString() })))

  app.post('/payments/:id/refund', {
    config: { permission: 'billing.manage', idempotency: true },
    schema: {
      params: idParams,
      body: { type: 'object', additionalProperties: false, required: ['amount', 'reason'], properties: { amount: { ...money, minimum: 1 }, reason: { type: 'string', minLength: 1, maxLength: 200 } } },
      response: { 201: invoice },
    },
  }, async (req, reply) => {
    const b = req.body as { amount: number; reason: string }
    reply.code(201)
    return refundPayment(ctx, (req.params as { id: string }).id, b.amount, b.reason)
  })

  // --- the member's own billing ---
  app.get('/me/invoices', { config: { permission: 'billing.self' }, schema: { response: { 200: invoicePage } } },
    async () => listInvoices(ctx, { ...(await self(ctx)), limit: 200 }))

  app.get('/me/invoices/:id', { config: { permission: 'billing.self' }, schema: { params: idParams, response: { 200: invoice } } }, async (req) => {
    const me = await self(ctx)
    const inv = await getInvoice(ctx, (req.params as { id: string }).id, true)
    if (!inv || inv.payerId !== me.payerId || inv.status === 'draft') throw problem.notFound('No such invoice.')
    return inv
  })

  app.post('/me/invoices/:id/pay', {
    config: { permission: 'billing.self', idempotency: true },
    schema: { params: idParams, body: payBody, response: { 200: outcome } },
  }, async (req) => {
    const me = await self(ctx)
    const inv = await getInvoice(ctx, (req.params as { id: string }).id)
    if (!inv || inv.payerId !== me.payerId || inv.status === 'draft') throw problem.notFound('No such invoice.')
    return chargeInvoice(ctx, inv.id, { ...(req.body as { paymentMethodId?: string }), requestKey: String(req.headers['idempotency-key']) })
  })

  app.post('/me/setup-intents', { config: { permission: 'billing.self' }, schema: { body: { type: 'object', additionalProperties: false, properties: {} }, response: { 201: setupIntent } } },
    async (_req, reply) => { reply.code(201); return createSetupIntent(ctx, await self(ctx)) })

  app.get('/me/plan', {
    config: { permission: 'billing.self' },
    schema: { response: { 200: { type: 'object', properties: { plans: { type: 'array', items: plan }, features: { type: 'object', additionalProperties: true }, credits: wallet } } } },
  }, async () => {
    const me = await self(ctx)
    const plans = plansService(ctx)
    return { plans: await plans.activePlans(me.payerType, me.payerId), features: await plans.features(me.payerType, me.payerId), credits: await walletOf(ctx, me) }
  })

  // --- the Stripe webhook, with a raw-body parser of its own ---
  app.register(async (hook) => {
    hook.removeAllContentTypeParsers()
    hook.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1_048_576 }, (_req, body, done) => done(null, body))
    hook.post('/webhooks/stripe/:tenantId', {
      config: { public: true },
      schema: {
        params: { type: 'object', additionalProperties: false, required: ['tenantId'], properties: { tenantId: uuid } },
        response: { 200: { type: 'object', properties: { received: { type: 'boolean' }, duplicate: { type: 'boolean' } } } },
      },
    }, async (req) => {
      const { tenantId } = req.params as { tenantId: string }
      const raw = req.body
      const signature = req.headers['stripe-signature']
      if (!Buffer.isBuffer(raw) || typeof signature !== 'string') throw problem.badRequest('A signed Stripe event is required.')
      return ctx.withTenant(tenantId, async () => {
        let event: Stripe.Event
        try {
          event = verifiedWebhookEvent(stripeFor(ctx), raw, signature, stripeSettings(ctx).webhookSecret)
        } catch (err) {
          if (!(err instanceof WebhookVerificationError)) throw err
          throw problem.badRequest(`The Stripe signature does not verify (${err.message}).`)
        }
        const fresh = await ctx.db.one('INSERT INTO billing.webhook_events (event_id, type) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id', [event.id, event.type])
        if (!fresh) return { received: true, duplicate: true }
        await applyEvent(ctx, event)
        await ctx.audit.record({ action: 'stripe.webhook', target: `stripe-event:${event.id}`, data: { type: event.type } })
        return { received: true, duplicate: false }
      })
    })
  })
}
