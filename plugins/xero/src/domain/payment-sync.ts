/**
 * Payments: a payment recorded on a Tessera invoice becomes a Xero payment on the mirrored invoice, to the mapped
 * bank account, with `Reference` = `tessera:<payment id>` — looked up by that reference before it is created, so it is
 * written once. Payments that came from Xero (the webhook) are never sent back.
 */
import type { Payment } from 'xero-node'
import { billingInvoices } from '@tessera/plugin-billing/contract'
import type { XeroContext } from './xero-config.ts'
import type { XeroApi } from './xero-api.ts'
import { elementErrors } from './xero-api.ts'
import { idempotencyKey } from './idempotency-key.ts'
import { failed, synced, toAmount } from './sync-outcome.ts'
import type { EffectiveMapping } from './mapping.ts'
import { documentOf, queueDocument } from '../store/document-store.ts'
import type { DocumentRow } from '../store/document-store.ts'
import type { BatchResult } from './invoice-sync.ts'

/** The reference of a Tessera payment in Xero. */
export const paymentReference = (paymentId: string) => `tessera:${paymentId}`

/** Syncs one batch of pending payment documents (`parent_id` = the invoice). */
export async function syncPayments(ctx: XeroContext, api: XeroApi, docs: DocumentRow[], m: EffectiveMapping): Promise<BatchResult> {
  const invoices = ctx.services.get(billingInvoices)
  const waiting: string[] = []
  const ready: { doc: DocumentRow; payment: Payment }[] = []
  for (const doc of docs) {
    const inv = await documentOf(ctx.db, 'invoice', doc.parent_id ?? '')
    if (!inv || inv.state === 'pending' || !inv.xero_id) {
      if (!inv) await queueDocument(ctx.db, { kind: 'invoice', tesseraId: doc.parent_id ?? '' })
      waiting.push(doc.id)
      continue
    }
    if (inv.state === 'failed') {
      await failed(ctx, doc, `The invoice ${inv.label || doc.parent_id} is not in Xero: ${inv.error ?? 'it failed'}`)
      continue
    }
    const p = (await invoices.payments(doc.parent_id!)).find((x) => x.id === doc.tessera_id)
    if (!p) {
      await failed(ctx, doc, 'This payment no longer exists in Tessera.')
      continue
    }
    ready.push({ doc, payment: { invoice: { invoiceID: inv.xero_id }, account: { code: m.bankAccountCode }, amount: toAmount(p.amount), date: p.createdAt.slice(0, 10), reference: paymentReference(p.id) } })
  }
  if (!ready.length) return { waiting }
  const existing = await api.paymentsByReference(ready.map((r) => r.payment.reference!))
  const create = []
  for (const r of ready) {
    const hit = existing.find((e) => e.reference === r.payment.reference)
    if (hit?.paymentID) await synced(ctx, r.doc, hit.paymentID)
    else create.push(r)
  }
  if (!create.length) return { waiting }
  const result = await api.createPayments(create.map((r) => r.payment), idempotencyKey('payments', create.map((r) => r.doc)))
  for (const [i, r] of create.entries()) {
    const el = result[i]
    const error = el ? elementErrors(el) : 'Xero returned no result for this payment'
    if (error || !el?.paymentID) await failed(ctx, r.doc, error ?? 'Xero returned no PaymentID')
    else await synced(ctx, r.doc, el.paymentID)
  }
  return { waiting }
}
