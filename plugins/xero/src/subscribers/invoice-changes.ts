/**
 * Billing's changes flow to Xero: an issued invoice or credit note is queued (with its payer as a contact), a voided
 * one is queued for voiding, and a payment (an invoice paid or partly paid) queues the invoice's payments that Xero
 * does not have yet. Then the sync job is started.
 */
import { on } from '@tessera/sdk'
import { billingInvoices, invoiceIssued, invoicePaid, invoiceUpdated, invoiceVoided } from '@tessera/plugin-billing/contract'
import type { XeroContext } from '../domain/xero-config.ts'
import { documentOf, queueDocument, queueMany } from '../store/document-store.ts'

const kick = (ctx: XeroContext) => ctx.jobs.send('sync', { trigger: 'billing' }, { startAfter: 1 })

async function queuePayments(ctx: XeroContext, invoiceId: string): Promise<void> {
  if (!(await documentOf(ctx.db, 'invoice', invoiceId))) return
  let any = false
  for (const p of await ctx.services.get(billingInvoices).payments(invoiceId)) {
    if (p.reference?.startsWith('xero:') || (await documentOf(ctx.db, 'payment', p.id))) continue
    any = (await queueDocument(ctx.db, { kind: 'payment', tesseraId: p.id, parentId: invoiceId, label: p.reference ?? p.method })) || any
  }
  if (any) await kick(ctx)
}

/** Subscriptions to `billing.invoice.*`. */
export const invoiceSubscriptions = [
  on(invoiceIssued, async (e, ctx: XeroContext) => {
    const p = e.payload
    // issued once: a document the first sync already queued (or synced) is left alone
    await queueMany(ctx.db, 'contact', [{ tesseraId: p.payerId, parentId: p.payerType, label: '' }])
    if (await queueMany(ctx.db, p.kind, [{ tesseraId: p.id, parentId: p.payerId, label: p.number }])) await kick(ctx)
  }),
  on(invoiceVoided, async (e, ctx: XeroContext) => {
    if (!(await documentOf(ctx.db, 'invoice', e.payload.id))) return // a draft never reached Xero
    await queueDocument(ctx.db, { kind: 'invoice', tesseraId: e.payload.id, action: 'void' })
    await kick(ctx)
  }),
  on(invoicePaid, (e, ctx: XeroContext) => queuePayments(ctx, e.payload.id)),
  on(invoiceUpdated, (e, ctx: XeroContext) => queuePayments(ctx, e.payload.id)),
]
