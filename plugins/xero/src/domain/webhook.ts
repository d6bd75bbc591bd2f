/**
 * Inbound Xero webhooks. `verifySignature` checks `x-xero-signature` (HMAC-SHA256 of the raw body with the app's
 * webhook key, base64) in constant time before anything parses the body — a wrong or missing signature is a 401,
 * which is also how Xero's intent-to-receive handshake is answered (200 for a correctly signed empty payload). Each
 * INVOICE event of the connected organisation is applied once (by event id) by the `inbound-invoice` job, which reads
 * the invoice from Xero and records its payments made in Xero in billing (`billingInvoices.recordExternalPayment`,
 * reference `xero:<PaymentID>`, once per payment), so the invoice is paid in Tessera; a payment with a `xero:`
 * reference is never written back (no echo).
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { ProblemError } from '@tessera/sdk'
import { billingInvoices } from '@tessera/plugin-billing/contract'
import type { XeroContext } from './xero-config.ts'
import type { XeroApi } from './xero-api.ts'
import { toMinor } from './sync-outcome.ts'
import { paymentReference } from './payment-sync.ts'
import { getConnection } from '../store/connection-store.ts'
import { documentByXeroId, saveSnapshot } from '../store/document-store.ts'
import { firstDelivery, recordXeroPayment } from '../store/webhook-store.ts'

/** Whether `signature` is Xero's signature of `raw` under `key`. */
export function verifySignature(raw: Uint8Array, signature: string | undefined, key: string | undefined): boolean {
  if (!key || !signature) return false
  const expected = createHmac('sha256', key).update(raw).digest()
  const given = Buffer.from(signature, 'base64')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

interface WebhookEvent { eventCategory?: string; eventType?: string; resourceId?: string; tenantId?: string; id?: string; eventDateUtc?: string }

/** Queues the invoice events of a verified payload; returns how many were new. */
export async function acceptEvents(ctx: XeroContext, payload: { events?: WebhookEvent[] }): Promise<number> {
  const conn = await getConnection(ctx.db)
  let n = 0
  for (const e of payload.events ?? []) {
    if (e.eventCategory !== 'INVOICE' || !e.resourceId || e.tenantId !== conn?.xero_tenant_id) continue
    const id = e.id ?? `${e.resourceId}:${e.eventDateUtc}`
    if (!(await firstDelivery(ctx.db, id))) continue
    await ctx.jobs.send('inbound-invoice', { xeroInvoiceId: e.resourceId })
    n++
  }
  return n
}

/** Applies what Xero now holds for one invoice: payments entered in Xero are recorded (never sent back). */
export async function applyInvoiceFromXero(ctx: XeroContext, api: XeroApi, xeroInvoiceId: string): Promise<{ recorded: number }> {
  const doc = await documentByXeroId(ctx.db, 'invoice', xeroInvoiceId)
  if (!doc) return { recorded: 0 }
  const x = await api.invoice(xeroInvoiceId)
  if (!x) return { recorded: 0 }
  await saveSnapshot(ctx.db, xeroInvoiceId, { status: String(x.status), total: toMinor(x.total), amountDue: toMinor(x.amountDue) })
  const invoices = ctx.services.get(billingInvoices)
  const ours = new Set((await invoices.payments(doc.tessera_id)).map((p) => paymentReference(p.id)))
  let recorded = 0
  const refused: { paymentId: string; reason: string }[] = []
  for (const p of x.payments ?? []) {
    if (!p.paymentID || (p.reference && ours.has(p.reference)) || p.reference?.startsWith('tessera:')) continue
    const amount = toMinor(p.amount)
    await recordXeroPayment(ctx.db, p.paymentID, doc.tessera_id, amount)
    try {
      // billing records it once per reference; its `xero:` reference keeps the sync from sending it back
      const r = await invoices.recordExternalPayment({
        invoiceId: doc.tessera_id, amount, reference: xeroPaymentReference(p.paymentID),
        ...(x.currencyCode ? { currency: String(x.currencyCode) } : {}), ...(paidAt(p.date) ? { paidAt: paidAt(p.date)! } : {}),
      })
      if (r.recorded) recorded++
    } catch (err) {
      // a payment billing refuses (more than is due, a voided invoice) would be refused on every retry: record why
      if (!(err instanceof ProblemError) || err.status >= 500) throw err
      refused.push({ paymentId: p.paymentID, reason: err.message })
    }
  }
  if (recorded || refused.length) await ctx.audit.record({ action: 'xero.payment-received', target: `invoice:${doc.tessera_id}`, data: { xeroInvoiceId, recorded, refused } })
  return { recorded }
}

/** The reference (billing's idempotency key) of a payment entered in Xero. */
export const xeroPaymentReference = (xeroPaymentId: string) => `xero:${xeroPaymentId}`

/** Xero's payment date (`YYYY-MM-DD` or `/Date(ms)/`) as an ISO date-time, if it reads as one. */
function paidAt(date: string | undefined): string | undefined {
  if (!date) return undefined
  const ms = /^\/Date\((\d+)/.exec(date)?.[1]
  const d = ms ? new Date(Number(ms)) : new Date(/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : date)
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString()
}
