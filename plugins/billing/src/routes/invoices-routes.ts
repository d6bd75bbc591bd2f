/**
 * Invoices (staff): list, detail, PDF, draft from open charges, issue, void, credit note, manual payment, the invoice
 * run of a period (the same function the monthly cron job runs), manual charges and wallets. Bookings are priced from the bookings plugin's events (`subscribers/`).
 */
import type { FastifyInstance } from 'fastify'
import { problem } from '@tessera/sdk'
import type { PluginContext } from '@tessera/sdk'
import {
  listInvoices, getInvoice, draftFromCharges, issueInvoice, voidInvoice, creditNote, recordPayment, addCharge,
} from '../domain/invoicing.ts'
import type { Invoice } from '../domain/invoicing.ts'
import { runInvoices } from '../domain/invoice-run.ts'
import { invoicePdf } from '../domain/invoice-pdf.ts'
import { walletOf, applyCredits } from '../domain/wallet.ts'
import { directoryOf } from '../domain/peer-services.ts'
import { requirePayer } from '../domain/payer-check.ts'
import type { PayerType } from '../domain/payer.ts'
import {
  invoice, invoicePage, idParams, payerParams, uuid, period, money, payerType, emptyBody, wallet, walletPage, quantity, taxRateBp, lineText,
  paymentAmount, pageQueryProperties,
} from '../contract/route-schemas.ts'

/** A payer's display name for documents. */
export async function payerName(ctx: PluginContext, inv: Invoice): Promise<string> {
  if (inv.payerType === 'person') return (await directoryOf(ctx).getPerson(inv.payerId))?.name ?? inv.payerId
  return `Organisation ${inv.payerId}`
}

/** Adds `payerName` (the person's name from members; organisations by id) to rows of the staff lists. */
export async function withPayerNames<T extends { payerType: string; payerId: string }>(ctx: PluginContext, rows: T[]): Promise<(T & { payerName: string })[]> {
  const names = new Map<string, string>()
  for (const r of rows) {
    const key = `${r.payerType}:${r.payerId}`
    if (!names.has(key)) names.set(key, await payerName(ctx, r as unknown as Invoice))
  }
  return rows.map((r) => ({ ...r, payerName: names.get(`${r.payerType}:${r.payerId}`)! }))
}

/** Registers the invoice routes. */
export function invoicesRoutes(app: FastifyInstance, ctx: PluginContext): void {
  const id = (req: { params: unknown }) => (req.params as { id: string }).id
  const found = async (invId: string) => (await getInvoice(ctx, invId, true)) ?? Promise.reject(problem.notFound('No such invoice.'))
  const named = async (invId: string) => (await withPayerNames(ctx, [await found(invId)]))[0]!

  app.get('/invoices', {
    config: { permission: 'billing.read' },
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
    const page = await listInvoices(ctx, req.query as Record<string, any>)
    return { ...page, items: await withPayerNames(ctx, page.items) }
  })

  app.get('/invoices/:id', { config: { permission: 'billing.read' }, schema: { params: idParams, response: { 200: invoice } } }, async (req) => named(id(req)))

  app.get('/invoices/:id/pdf', {
    config: { permission: 'billing.read' },
    schema: { params: idParams, response: { 200: { type: 'string', description: 'application/pdf' } } },
  }, async (req, reply) => {
    const inv = await found(id(req))
    const pdf = await invoicePdf(inv, await payerName(ctx, inv))
    reply.type('application/pdf').header('content-disposition', `inline; filename="${inv.number ?? `draft-${inv.id}`}.pdf"`)
    return pdf
  })

  app.post('/invoices', {
    config: { permission: 'billing.manage' },
    schema: { body: { type: 'object', additionalProperties: false, required: ['payerType', 'payerId'], properties: { payerType, payerId: uuid } }, response: { 201: invoice } },
  }, async (req, reply) => {
    const b = req.body as { payerType: PayerType; payerId: string }
    const invId = await draftFromCharges(ctx, b)
    if (!invId) throw problem.unprocessable('The payer has no open charges.')
    reply.code(201)
    return found(invId)
  })

  app.post('/invoices/:id/issue', { config: { permission: 'billing.manage' }, schema: { params: idParams, body: emptyBody, response: { 200: invoice } } },
    async (req) => { await issueInvoice(ctx, id(req)); return found(id(req)) })

  app.post('/invoices/:id/void', { config: { permission: 'billing.manage' }, schema: { params: idParams, body: emptyBody, response: { 200: invoice } } },
    async (req) => { await voidInvoice(ctx, id(req)); return found(id(req)) })

  app.post('/invoices/:id/credit-notes', {
    config: { permission: 'billing.manage', idempotency: true },
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
    const cn = await creditNote(ctx, id(req), (req.body as { lines: { description: string; unitAmount: number }[] }).lines)
    reply.code(201)
    return found(cn.id)
  })

  app.post('/invoices/:id/payments', {
    config: { permission: 'billing.manage' },
    schema: {
      params: idParams,
      body: { type: 'object', additionalProperties: false, required: ['amount', 'reference'], properties: { amount: paymentAmount, reference: { type: 'string', minLength: 1, maxLength: 200 }, method: { type: 'string', enum: ['manual', 'cash'] } } },
      response: { 200: invoice },
    },
  }, async (req) => {
    const b = req.body as { amount: number; reference: string; method?: 'manual' | 'cash' }
    // the reference is the natural key of a manual payment: the same reference twice is one payment
    await recordPayment(ctx, id(req), { method: b.method ?? 'manual', amount: b.amount, paymentIntentId: `manual:${id(req)}:${b.reference}`, reference: b.reference })
    return found(id(req))
  })

  app.post('/invoice-runs', {
    config: { permission: 'billing.manage' },
    schema: {
      body: { type: 'object', additionalProperties: false, required: ['period'], properties: { period } },
      response: {
        200: {
          type: 'object',
          properties: {
            period: { type: 'string' }, invoices: { type: 'array', items: uuid },
            failed: { type: 'array', description: 'Payers this run could not bill (the others were billed)', items: { type: 'object', properties: { payerType: { type: 'string' }, payerId: uuid, step: { type: 'string' }, reason: { type: 'string' } } } },
          },
        },
      },
    },
  }, async (req) => {
    const p = (req.body as { period: string }).period
    return { period: p, ...(await runInvoices(ctx, p)) }
  })

  app.post('/charges', {
    config: { permission: 'billing.manage' },
    schema: {
      body: {
        type: 'object', additionalProperties: false, required: ['payerType', 'payerId', 'description', 'unitAmount', 'source'],
        properties: { payerType, payerId: uuid, description: lineText, quantity, unitAmount: money, taxRateBp, source: { type: 'string', minLength: 1, maxLength: 200 } },
      },
      response: { 200: { type: 'object', properties: { created: { type: 'boolean' } } } },
    },
  }, async (req) => {
    const b = req.body as { payerType: PayerType; payerId: string; description: string; unitAmount: number; source: string }
    return { created: await addCharge(ctx, { ...b, source: `manual:${b.source}` }) }
  })

  app.get('/wallets', {
    config: { permission: 'billing.read' },
    schema: {
      querystring: { type: 'object', additionalProperties: false, properties: pageQueryProperties },
      response: { 200: walletPage },
    },
  }, async (req) => {
    const q = req.query as { limit: number; offset: number }
    const rows = await ctx.db.many<{ payerType: string; payerId: string; balance: number }>(
      `SELECT payer_type AS "payerType", payer_id AS "payerId", balance FROM billing.wallets ORDER BY balance DESC, payer_id LIMIT $1 OFFSET $2`, [q.limit, q.offset])
    const total = (await ctx.db.one<{ n: number }>('SELECT count(*)::int AS n FROM billing.wallets'))!.n
    return { items: await withPayerNames(ctx, rows), total }
  })

  app.get('/wallets/:payerType/:payerId', { config: { permission: 'billing.read' }, schema: { params: payerParams, response: { 200: wallet } } },
    async (req) => walletOf(ctx, req.params as { payerType: PayerType; payerId: string }))

  app.post('/wallets/:payerType/:payerId/adjustments', {
    config: { permission: 'billing.manage' },
    schema: {
      params: payerParams,
      body: { type: 'object', additionalProperties: false, required: ['delta', 'reason', 'key'], properties: { delta: { type: 'integer', minimum: -1e6, maximum: 1e6 }, reason: lineText, key: { type: 'string', minLength: 1, maxLength: 100 } } },
      response: { 200: wallet },
    },
  }, async (req) => {
    const p = req.params as { payerType: PayerType; payerId: string }
    const b = req.body as { delta: number; reason: string; key: string }
    await requirePayer(ctx, p, '/params/payerId')
    await applyCredits(ctx, p, b.delta, b.reason, `adjust:${b.key}`)
    return walletOf(ctx, p)
  })
}
