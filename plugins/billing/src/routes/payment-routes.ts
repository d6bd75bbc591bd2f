/**
 * Card payments (staff and members) and the payment gateways' webhooks.
 *
 * The webhook `POST /webhooks/:gateway/:tenantId` (Stripe: `/webhooks/stripe/<tenant>`) is public: it lives in its own
 * encapsulated context whose parser keeps the raw bytes, enters the tenant named in the URL and hands bytes and
 * headers to the gateway registered with that id, which verifies the signature before anything reads the body (Stripe:
 * a timestamp more than the tolerance in the future or the past, or a bad signature → 400, nothing recorded). Each
 * event id is recorded once per gateway (a redelivery answers 200 `duplicate: true` and changes nothing). Outcomes are
 * applied so that order does not matter: a success records the payment keyed by the gateway's payment id (once,
 * whoever reports it first); a failure never un-pays an invoice or counts an attempt (our own charge attempts handle
 * declines from the gateway's answer).
 */
import { problem } from '@tessera/sdk'
import type { JsonSchemaToTsProvider, PluginApp } from '@tessera/sdk'
import { billingPermissions } from '../contract/permissions.ts'
import type { GatewayWebhookOutcome, PaymentGateway } from '../contract/payment-gateway.ts'
import { chargeOutcome, idParams, invoice, invoicePage, money, myPlan, payBody, payerParams, payment, paymentMethodId, setupIntent, uuid } from '../contract/route-schemas.ts'
import type { BillingContext } from '../domain/billing-config.ts'
import { chargeInvoice, createSetupIntent, saveDefaultPaymentMethod, ensureCustomer, refundPayment } from '../domain/card-payments.ts'
import { getInvoice, recordPayment, listInvoices } from '../domain/invoicing.ts'
import { gatewayById } from '../domain/payment-gateways.ts'
import { walletOf } from '../domain/wallet.ts'
import { isMine, myPayers } from '../domain/my-payers.ts'
import { withPayerNames } from '../domain/payer-contact.ts'
import { plansService } from '../services/plans-service.ts'
import { paymentsOfInvoice, recordWebhookEvent } from '../store/gateway-store.ts'

const { read, manage, self: selfService } = billingPermissions

/** Applies one verified gateway event. */
async function applyOutcome(ctx: BillingContext, gw: PaymentGateway, outcome: GatewayWebhookOutcome): Promise<void> {
  switch (outcome.kind) {
    case 'payment.succeeded': {
      const invoiceId = outcome.metadata.invoiceId
      if (!invoiceId || outcome.metadata.tenantId !== ctx.tenant().id) return
      if (!(await getInvoice(ctx, invoiceId))) return
      await recordPayment(ctx, invoiceId, { method: 'card', amount: outcome.amount, paymentIntentId: outcome.paymentId, gateway: gw.id })
      return
    }
    case 'payment-method.saved':
      await saveDefaultPaymentMethod(ctx, outcome.customerId, outcome.paymentMethodId, gw)
      return
    case 'ignored':
  }
}

/** Registers payment routes and the webhooks. */
export function paymentRoutes(app: PluginApp, ctx: BillingContext): void {
  app.post('/payers/:payerType/:payerId/setup-intents', {
    config: { permission: manage },
    schema: { params: payerParams, body: { type: 'object', additionalProperties: false, properties: {} }, response: { 201: setupIntent } },
  }, async (req, reply) => {
    reply.code(201)
    return createSetupIntent(ctx, req.params)
  })

  app.post('/payers/:payerType/:payerId/payment-method', {
    config: { permission: manage },
    schema: {
      params: payerParams,
      body: { type: 'object', additionalProperties: false, required: ['paymentMethodId'], properties: { paymentMethodId } },
      response: { 200: { type: 'object', additionalProperties: false, required: ['customerId', 'paymentMethodId'], properties: { customerId: { type: 'string' }, paymentMethodId: { type: 'string' } } } },
    },
  }, async (req) => {
    const customerId = await ensureCustomer(ctx, req.params)
    await saveDefaultPaymentMethod(ctx, customerId, req.body.paymentMethodId)
    return { customerId, paymentMethodId: req.body.paymentMethodId }
  })

  app.post('/invoices/:id/charge', {
    config: { permission: manage, idempotency: true },
    schema: { params: idParams, body: payBody, response: { 200: chargeOutcome } },
  }, async (req) => chargeInvoice(ctx, req.params.id, { paymentMethodId: req.body.paymentMethodId, requestKey: String(req.headers['idempotency-key']) }))

  app.get('/invoices/:id/payments', {
    config: { permission: read },
    schema: { params: idParams, response: { 200: { type: 'array', items: payment } } },
  }, async (req) => paymentsOfInvoice(ctx, req.params.id))

  app.post('/payments/:id/refund', {
    config: { permission: manage, idempotency: true },
    schema: {
      params: idParams,
      body: { type: 'object', additionalProperties: false, required: ['amount', 'reason'], properties: { amount: { ...money, minimum: 1 }, reason: { type: 'string', minLength: 1, maxLength: 200 } } },
      response: { 201: invoice },
    },
  }, async (req, reply) => {
    reply.code(201)
    return refundPayment(ctx, req.params.id, req.body.amount, req.body.reason)
  })

  // --- the member's own billing ---
  // the caller's own invoices and those of the organisation they are the billing contact of (domain/my-payers.ts)
  app.get('/me/invoices', { config: { permission: selfService }, schema: { response: { 200: invoicePage } } }, async () => {
    const payers = await myPayers(ctx)
    const pages = await Promise.all([payers.person, ...(payers.organisation ? [payers.organisation] : [])].map((p) => listInvoices(ctx, { ...p, limit: 200 })))
    const items = pages.flatMap((p) => p.items).sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    return { items: await withPayerNames(ctx, items), total: pages.reduce((s, p) => s + p.total, 0) }
  })

  app.get('/me/invoices/:id', { config: { permission: selfService }, schema: { params: idParams, response: { 200: invoice } } }, async (req) => {
    const inv = await getInvoice(ctx, req.params.id, true)
    if (!inv || !isMine(await myPayers(ctx), inv) || inv.status === 'draft') throw problem.notFound('No such invoice.')
    return (await withPayerNames(ctx, [inv]))[0]!
  })

  app.post('/me/invoices/:id/pay', {
    config: { permission: selfService, idempotency: true },
    schema: { params: idParams, body: payBody, response: { 200: chargeOutcome } },
  }, async (req) => {
    const inv = await getInvoice(ctx, req.params.id)
    if (!inv || !isMine(await myPayers(ctx), inv) || inv.status === 'draft') throw problem.notFound('No such invoice.')
    return chargeInvoice(ctx, inv.id, { paymentMethodId: req.body.paymentMethodId, requestKey: String(req.headers['idempotency-key']) })
  })

  app.post('/me/setup-intents', { config: { permission: selfService }, schema: { body: { type: 'object', additionalProperties: false, properties: {} }, response: { 201: setupIntent } } },
    async (_req, reply) => { reply.code(201); return createSetupIntent(ctx, (await myPayers(ctx)).person) })

  app.get('/me/plan', { config: { permission: selfService }, schema: { response: { 200: myPlan } } }, async () => {
    const me = (await myPayers(ctx)).person
    const plans = plansService(ctx)
    return { plans: await plans.activePlans(me.payerType, me.payerId), features: await plans.features(me.payerType, me.payerId), credits: await walletOf(ctx, me) }
  })

  // --- the gateways' webhooks, with a raw-body parser of their own ---
  app.register(async (instance) => {
    const hook = instance.withTypeProvider<JsonSchemaToTsProvider>()
    hook.removeAllContentTypeParsers()
    hook.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1_048_576 }, (_req, body, done) => done(null, body))
    hook.post('/webhooks/:gateway/:tenantId', {
      config: { public: true },
      schema: {
        params: {
          type: 'object', additionalProperties: false, required: ['gateway', 'tenantId'],
          properties: { gateway: { type: 'string', maxLength: 60, pattern: '^[a-z][a-z0-9-]*$' }, tenantId: uuid },
        },
        response: { 200: { type: 'object', additionalProperties: false, required: ['received', 'duplicate'], properties: { received: { type: 'boolean' }, duplicate: { type: 'boolean' } } } },
      },
    }, async (req) => {
      const { gateway, tenantId } = req.params
      const raw: unknown = req.body
      if (!(raw instanceof Uint8Array)) throw problem.badRequest('A signed webhook event is required.')
      return ctx.withTenant(tenantId, async () => {
        const gw = gatewayById(ctx, gateway)
        if (!gw) throw problem.notFound(`No payment gateway "${gateway}".`)
        const v = await gw.verifyWebhook({ rawBody: raw, headers: req.headers, tenantId })
        if (!v.verified) throw problem.badRequest(v.reason)
        if (!(await recordWebhookEvent(ctx, gw.id, v.eventId, v.type))) return { received: true, duplicate: true }
        await applyOutcome(ctx, gw, v.outcome)
        await ctx.audit.record({ action: `${gw.id}.webhook`, target: `${gw.id}-event:${v.eventId}`, data: { type: v.type } })
        return { received: true, duplicate: false }
      })
    })
  })
}
