/**
 * `billing.invoices` (contract `billingInvoices`): read access to invoices, credit notes and their payments (Xero,
 * reports), recording a payment made outside Tessera, and an invoice's PDF (notifications attach it).
 */
import type { InvoicesService } from '../contract/invoices-service.ts'
import type { BillingContext } from '../domain/billing-config.ts'
import { getInvoice, listInvoices } from '../domain/invoicing.ts'
import { paymentsOfInvoice } from '../store/gateway-store.ts'
import { recordExternalPayment } from '../domain/external-payment.ts'
import { invoicePdf } from '../domain/invoice-pdf.ts'
import { payerName } from '../domain/payer-contact.ts'

/** Builds the service for `ctx`. */
export function invoicesService(ctx: BillingContext): InvoicesService {
  return {
    get: (id) => getInvoice(ctx, id, true),
    list: (query) => listInvoices(ctx, { ...query, limit: Math.min(Math.max(query.limit ?? 50, 1), 200), offset: Math.max(query.offset ?? 0, 0) }),
    payments: (invoiceId) => paymentsOfInvoice(ctx, invoiceId),
    recordExternalPayment: (input) => recordExternalPayment(ctx, input),
    async pdf(id) {
      const inv = await getInvoice(ctx, id, true)
      if (!inv) return undefined
      return { filename: `${inv.number ?? `draft-${inv.id}`}.pdf`, content: await invoicePdf(inv, await payerName(ctx, inv)) }
    },
  }
}
