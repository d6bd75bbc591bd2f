/**
 * Invoices (staff): list, detail, PDF, draft from open charges, issue, void, credit note, manual payment, the invoice
 * run of a period (the same function the monthly cron job runs), manual charges and wallets. Bookings are priced from the bookings plugin's events (`subscribers/`).
 */
import { problem } from '@tessera/sdk'
import type { PluginApp } from '@tessera/sdk'
import type { BillingContext } from '../domain/billing-config.ts'
import {
  listInvoices, getInvoice, draftFromCharges, issueInvoice, voidInvoice, creditNote, recordPayment, addCharge,
} from '../domain/invoicing.ts'
import { runInvoices } from '../domain/invoice-run.ts'
import { invoicePdf } from '../domain/invoice-pdf.ts'
import { walletOf, applyCredits } from '../domain/wallet.ts'
import { payerName, withPayerNames } from '../domain/payer-contact.ts'
import { requirePayer } from '../domain/payer-check.ts'
import { requireLocation } from '../domain/location-check.ts'
import { listWallets } from '../store/plans-store.ts'
import { billingPermissions } from '../contract/permissions.ts'
import {
  invoice, invoicePage, idParams, payerParams, uuid, period, money, payerType, emptyBody, wallet, walletPage, quantity, taxRateBp, lineText,
  paymentAmount, pageQueryProperties,
} from '../contract/route-schemas.ts'

/** Registers the invoice routes. */
export function invoicesRoutes(app: PluginApp, ctx: BillingContext): void {
  const { read, manage } = billingPermissions
  const id = (req: { params: { id: string } }) => req.params.id
  const found = async (invId: string) => (await getInvoice(ctx, invId, true)) ?? Promise.reject(problem.notFound('No such invoice.'))
  const named = async (invId: string) => (await withPayerNames(ctx, [await found(invId)]))[0]!

  app.get('/invoices', {
    config: { permission: read },
    schema: {
      querystring: {
        type: 'object', additionalProperties: false,
        properties: {
          payerType, payerId: uuid, status: { type: 'string', enum: ['draft', 'issued', 'paid', 'void'] }, kind: { type: 'string', enum: ['invoice', 'credit_note'] },
          period, ...pageQueryProperties,
        },
      },
      response: { 200: invoicePage },
    },
  }, async (req) => {
    const page = await listInvoices(ctx, req.query)
    return { ...page, items: await withPayerNames(ctx, page.items) }
  })

  app.get('/invoices/:id', { config: { permission: read }, schema: { params: idParams, response: { 200: invoice } } }, async (req) => named(id(req)))

  app.get('/invoices/:id/pdf', {
    config: { permission: read },
    schema: { params: idParams, response: { 200: { description: 'application/pdf (binary, not serialized)' } } },
  }, async (req, reply) => {
    const inv = await found(id(req))
    const pdf = await invoicePdf(inv, await payerName(ctx, inv))
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${inv.number ?? `draft-${inv.id}`}.pdf"`).send(pdf)
  })

  app.post('/invoices', {
    config: { permission: manage },
    schema: { body: { type: 'object', additionalProperties: false, required: ['payerType', 'payerId'], properties: { payerType, payerId: uuid } }, response: { 201: invoice } },
  }, async (req, reply) => {
    const invId = await draftFromCharges(ctx, req.body)
    if (!invId) throw problem.unprocessable('The payer has no open charges.')
    reply.code(201)
    return found(invId)
  })

  app.post('/invoices/:id/issue', { config: { permission: manage }, schema: { params: idParams, body: emptyBody, response: { 200: invoice } } },
    async (req) => { await issueInvoice(ctx, id(req)); return found(id(req)) })

  app.post('/invoices/:id/void', { config: { permission: manage }, schema: { params: idParams, body: emptyBody, response: { 200: invoice } } },
    async (req) => { await voidInvoice(ctx, id(req)); return found(id(req)) })

  app.post('/invoices/:id/credit-notes', {
    config: { permission: manage, idempotency: true },
    schema: {
      params: idParams,
      body: {
        type: 'object', additionalProperties: false, required: ['lines'],
        properties: {
          lines: {
            type: 'array', minItems: 1, maxItems: 100,
            items: { type: 'object', additionalProperties: false, required: ['description', 'unitAmount'], properties: { description: lineText, quantity, unitAmount: money, taxRateBp } },
          },
        },
      },
      response: { 201: invoice },
    },
  }, async (req, reply) => {
    const cn = await creditNote(ctx, id(req), req.body.lines)
    reply.code(201)
    return found(cn.id)
  })

  app.post('/invoices/:id/payments', {
    config: { permission: manage },
    schema: {
      params: idParams,
      body: { type: 'object', additionalProperties: false, required: ['amount', 'reference'], properties: { amount: paymentAmount, reference: { type: 'string', minLength: 1, maxLength: 200 }, method: { type: 'string', enum: ['manual', 'cash'] } } },
      response: { 200: invoice },
    },
  }, async (req) => {
    const b = req.body
    // the reference is the natural key of a manual payment: the same reference twice is one payment
    await recordPayment(ctx, id(req), { method: b.method ?? 'manual', amount: b.amount, paymentIntentId: `manual:${id(req)}:${b.reference}`, reference: b.reference })
    return found(id(req))
  })

  app.post('/invoice-runs', {
    config: { permission: manage },
    schema: {
      body: { type: 'object', additionalProperties: false, required: ['period'], properties: { period } },
      response: {
        200: {
          type: 'object', additionalProperties: false, required: ['period', 'invoices', 'failed'],
          properties: {
            period: { type: 'string' }, invoices: { type: 'array', items: uuid },
            failed: { type: 'array', description: 'Payers this run could not bill (the others were billed)', items: { type: 'object', additionalProperties: false, properties: { payerType: { type: 'string' }, payerId: uuid, step: { type: 'string' }, reason: { type: 'string' } } } },
          },
        },
      },
    },
  }, async (req) => {
    const p = req.body.period
    return { period: p, ...(await runInvoices(ctx, p)) }
  })

  app.post('/charges', {
    config: { permission: manage },
    schema: {
      body: {
        type: 'object', additionalProperties: false, required: ['payerType', 'payerId', 'description', 'unitAmount', 'source'],
        properties: {
          payerType, payerId: uuid, description: lineText, quantity, unitAmount: money, taxRateBp, source: { type: 'string', minLength: 1, maxLength: 200 },
          /** Where it was sold (a location of spaces; the invoice line's `locationId`). */
          locationId: uuid,
        },
      },
      response: { 200: { type: 'object', additionalProperties: false, required: ['created'], properties: { created: { type: 'boolean' } } } },
    },
  }, async (req) => {
    const b = req.body
    await requireLocation(ctx, b.locationId, '/body/locationId')
    return { created: await addCharge(ctx, { ...b, source: `manual:${b.source}` }) }
  })

  app.get('/wallets', {
    config: { permission: read },
    schema: {
      querystring: { type: 'object', additionalProperties: false, properties: pageQueryProperties },
      response: { 200: walletPage },
    },
  }, async (req) => {
    const { rows, total } = await listWallets(ctx, req.query.limit, req.query.offset)
    return { items: await withPayerNames(ctx, rows), total }
  })

  app.get('/wallets/:payerType/:payerId', { config: { permission: read }, schema: { params: payerParams, response: { 200: wallet } } },
    async (req) => walletOf(ctx, req.params))

  app.post('/wallets/:payerType/:payerId/adjustments', {
    config: { permission: manage },
    schema: {
      params: payerParams,
      body: { type: 'object', additionalProperties: false, required: ['delta', 'reason', 'key'], properties: { delta: { type: 'integer', minimum: -1e6, maximum: 1e6 }, reason: lineText, key: { type: 'string', minLength: 1, maxLength: 100 } } },
      response: { 200: wallet },
    },
  }, async (req) => {
    const p = req.params
    const b = req.body
    await requirePayer(ctx, p, '/params/payerId')
    await applyCredits(ctx, p, b.delta, b.reason, `adjust:${b.key}`)
    return walletOf(ctx, p)
  })
}
