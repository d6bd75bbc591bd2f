/**
 * Payments made outside Tessera (entered in an accounting system such as Xero), recorded through the contract's
 * `billingInvoices.recordExternalPayment` on billing's manual-payment path: once per caller reference (stored as the
 * payment's natural key `external:<reference>`), never more than is due, audited as `billing.payment.external`.
 */
import { problem } from '@tessera/sdk'
import type { BillingContext } from './billing-config.ts'
import { lockInvoice, recordPayment } from './invoicing.ts'
import { MAX_INVOICE_TOTAL } from '../contract/money.ts'
import { MAX_EXTERNAL_REFERENCE_LENGTH } from '../contract/invoices-service.ts'
import type { ExternalPaymentInput, ExternalPaymentResult } from '../contract/invoices-service.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const CURRENCY = /^[A-Z]{3}$/
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/

const invalid = (pointer: string, detail: string, message: string) => problem.unprocessable(message, [{ pointer, detail }])

/** The checks of the input that need no database (a 422 naming the field). */
function checkInput(p: ExternalPaymentInput): void {
  if (!Number.isSafeInteger(p.amount) || p.amount < 1 || p.amount > MAX_INVOICE_TOTAL) {
    throw invalid('/amount', `must be an integer from 1 to ${MAX_INVOICE_TOTAL}`, 'The payment amount is out of range.')
  }
  if (typeof p.reference !== 'string' || p.reference.trim().length === 0 || p.reference.length > MAX_EXTERNAL_REFERENCE_LENGTH) {
    throw invalid('/reference', `must be 1–${MAX_EXTERNAL_REFERENCE_LENGTH} characters`, 'The payment reference is invalid.')
  }
  if (p.currency !== undefined && (typeof p.currency !== 'string' || !CURRENCY.test(p.currency))) {
    throw invalid('/currency', 'must be an ISO 4217 code', 'The payment currency is invalid.')
  }
  if (p.paidAt !== undefined && (typeof p.paidAt !== 'string' || !ISO_DATE_TIME.test(p.paidAt) || Number.isNaN(Date.parse(p.paidAt)))) {
    throw invalid('/paidAt', 'must be an ISO date-time', 'The payment date is invalid.')
  }
}

/**
 * Records a payment made outside Tessera once per reference. A repeat of a known reference returns
 * `recorded: false` before any other check, so a redelivery after the invoice was settled is not an error.
 */
export async function recordExternalPayment(ctx: BillingContext, p: ExternalPaymentInput): Promise<ExternalPaymentResult> {
  checkInput(p)
  if (typeof p.invoiceId !== 'string' || !UUID.test(p.invoiceId)) throw problem.notFound('No such invoice.')
  const inv = await lockInvoice(ctx, p.invoiceId)
  const key = `external:${p.reference}`
  const known = await ctx.db.one<{ invoice_id: string }>('SELECT invoice_id FROM billing.payments WHERE payment_intent_id = $1', [key])
  if (known) {
    if (known.invoice_id !== p.invoiceId) throw problem.conflict(`The reference ${p.reference} was recorded on another invoice.`)
    return { recorded: false, invoice: inv }
  }
  if (inv.kind !== 'invoice' || inv.status === 'draft' || inv.status === 'void') throw problem.conflict(`A ${inv.status} ${inv.kind.replace('_', ' ')} cannot be paid.`)
  if (p.currency !== undefined && p.currency !== inv.currency) {
    throw invalid('/currency', `must be ${inv.currency}`, `The invoice is in ${inv.currency}, not ${p.currency}.`)
  }
  if (p.amount > inv.amountDue) {
    throw invalid('/amount', `at most ${inv.amountDue} is due`, `The payment of ${p.amount} exceeds the ${inv.amountDue} due on the invoice.`)
  }
  const r = await recordPayment(ctx, p.invoiceId, { method: 'manual', amount: p.amount, paymentIntentId: key, reference: p.reference, ...(p.paidAt ? { paidAt: p.paidAt } : {}) })
  if (r.recorded) {
    await ctx.audit.record({ action: 'billing.payment.external', target: `invoice:${p.invoiceId}`, data: { reference: p.reference, amount: p.amount, status: r.invoice.status } })
  }
  return r
}
