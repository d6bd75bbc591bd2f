/**
 * Online payment from the UI: the Stripe settings screen's routes (staff with `billing.manage`: the keys — secrets
 * write-only, shown as set / last four —, the online-payment switch, a test of the connection), what a member's
 * screen needs to offer card payment (`GET /payment-options`), starting a card payment confirmed in the browser by
 * Stripe Elements (`POST /me/invoices/:id/card-payment`), and the member's invoice PDF shown inside the app
 * (`GET /me/invoices/:id/pdf`: `Content-Disposition: inline`, framable by the app's own pages only).
 */
import { problem } from '@tessera/sdk'
import type { PluginApp } from '@tessera/sdk'
import { billingPermissions } from '../contract/permissions.ts'
import { idParams, overduePage as overduePageSchema, pageQueryProperties } from '../contract/route-schemas.ts'
import type { BillingContext } from '../domain/billing-config.ts'
import { settings } from '../domain/billing-config.ts'
import { startCardPayment, testConnection } from '../domain/elements-payment.ts'
import { getInvoice } from '../domain/invoicing.ts'
import { invoicePdf } from '../domain/invoice-pdf.ts'
import { isMine, myPayers } from '../domain/my-payers.ts'
import { onlinePayment, saveStripeAccountSettings, stripeAccountView } from '../domain/stripe-account.ts'
import { payerName, withPayerContacts } from '../domain/payer-contact.ts'
import { overduePage } from '../store/overdue-list-store.ts'

const { read, manage, self } = billingPermissions

const secretView = {
  type: 'object', additionalProperties: false, required: ['set', 'last4', 'source'],
  properties: { set: { type: 'boolean' }, last4: { type: ['string', 'null'] }, source: { type: ['string', 'null'], enum: ['settings', 'config', null] } },
} as const
const settingsView = {
  type: 'object', additionalProperties: false,
  required: ['publishableKey', 'secretKey', 'webhookSecret', 'onlinePayments', 'onlinePaymentsAllowed', 'onlinePaymentsActive', 'webhookUrl', 'updatedAt'],
  properties: {
    publishableKey: { type: ['string', 'null'] }, secretKey: secretView, webhookSecret: secretView, onlinePayments: { type: 'boolean' },
    onlinePaymentsAllowed: { type: 'boolean' }, onlinePaymentsActive: { type: 'boolean' }, webhookUrl: { type: 'string' }, updatedAt: { type: ['string', 'null'] },
  },
} as const
const settingsBody = {
  type: 'object', additionalProperties: false, minProperties: 1,
  properties: {
    // null clears a key; pattern and maxLength apply to strings only
    publishableKey: { type: ['string', 'null'], maxLength: 255, pattern: '^pk_(test|live)_[A-Za-z0-9]+$' },
    secretKey: { type: ['string', 'null'], maxLength: 255, pattern: '^(sk|rk)_(test|live)_[A-Za-z0-9]+$' },
    webhookSecret: { type: ['string', 'null'], maxLength: 255, pattern: '^whsec_[A-Za-z0-9]+$' },
    onlinePayments: { type: 'boolean' },
  },
} as const

/** Registers the settings, payment-options, card-payment and member PDF routes. */
export function cardPaymentRoutes(app: PluginApp, ctx: BillingContext): void {
  app.get('/stripe-settings', { config: { permission: manage }, schema: { response: { 200: settingsView } } }, async () => stripeAccountView(ctx))

  app.put('/stripe-settings', { config: { permission: manage }, schema: { body: settingsBody, response: { 200: settingsView } } },
    async (req) => saveStripeAccountSettings(ctx, req.body))

  app.post('/stripe-settings/test', {
    config: { permission: manage },
    schema: {
      body: { type: 'object', additionalProperties: false, properties: {} },
      response: { 200: { type: 'object', additionalProperties: false, required: ['ok', 'livemode', 'message'], properties: { ok: { type: 'boolean' }, livemode: { type: ['boolean', 'null'] }, message: { type: 'string' } } } },
    },
  }, async () => testConnection(ctx))

  app.get('/payment-options', {
    config: { permission: self },
    schema: {
      response: { 200: { type: 'object', additionalProperties: false, required: ['onlinePayments', 'publishableKey', 'stripeJsUrl'], properties: { onlinePayments: { type: 'boolean' }, publishableKey: { type: ['string', 'null'] }, stripeJsUrl: { type: 'string' } } } },
    },
  }, async () => {
    const online = await onlinePayment(ctx)
    return { onlinePayments: online.active, publishableKey: online.publishableKey, stripeJsUrl: settings(ctx).stripeJsUrl }
  })

  app.post('/me/invoices/:id/card-payment', {
    config: { permission: self, idempotency: true },
    schema: {
      params: idParams, body: { type: 'object', additionalProperties: false, properties: {} },
      response: {
        201: {
          type: 'object', additionalProperties: false, required: ['paymentIntentId', 'clientSecret', 'publishableKey', 'stripeJsUrl', 'amount', 'currency'],
          properties: { paymentIntentId: { type: 'string' }, clientSecret: { type: 'string' }, publishableKey: { type: 'string' }, stripeJsUrl: { type: 'string' }, amount: { type: 'integer' }, currency: { type: 'string' } },
        },
      },
    },
  }, async (req, reply) => {
    const inv = await getInvoice(ctx, req.params.id)
    if (!inv || !isMine(await myPayers(ctx), inv) || inv.status === 'draft') throw problem.notFound('No such invoice.')
    reply.code(201)
    return startCardPayment(ctx, inv.id, String(req.headers['idempotency-key']))
  })

  // the staff's overdue (dunning) view, with the payer's e-mail (where a reminder goes) and the last reminder
  app.get('/dunning', {
    config: { permission: read },
    schema: { querystring: { type: 'object', additionalProperties: false, properties: pageQueryProperties }, response: { 200: overduePageSchema } },
  }, async (req) => {
    const page = await overduePage(ctx.db, { limit: req.query.limit ?? 50, offset: req.query.offset ?? 0 })
    return { total: page.total, items: await withPayerContacts(ctx, page.items) }
  })

  app.get('/me/invoices/:id/pdf', {
    config: { permission: self },
    schema: { params: idParams, response: { 200: { description: 'application/pdf (binary, not serialized)' } } },
  }, async (req, reply) => {
    const inv = await getInvoice(ctx, req.params.id, true)
    if (!inv || !isMine(await myPayers(ctx), inv) || inv.status === 'draft') throw problem.notFound('No such invoice.')
    const pdf = await invoicePdf(inv, await payerName(ctx, inv))
    // shown in the app's own viewer (an <iframe> of this route): framable by this origin only
    return reply.type('application/pdf')
      .header('content-disposition', `inline; filename="${inv.number}.pdf"`)
      .header('x-frame-options', 'SAMEORIGIN')
      .header('content-security-policy', "default-src 'none'; frame-ancestors 'self'")
      .header('cross-origin-resource-policy', 'same-origin')
      .send(pdf)
  })
}
