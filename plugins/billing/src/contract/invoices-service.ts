/**
 * `billing.invoices`: read access to invoices, credit notes and their payments (the Xero plugin mirrors them into
 * the accounting ledger; reports). Writes stay inside billing.
 */
import { defineServiceRef } from '@tessera/sdk'
import type { PayerType } from './payer.ts'
import type { Invoice, InvoiceKind, InvoicePage, InvoiceStatus, Payment } from './wire-types.ts'

/** Filter and page of {@link InvoicesService.list}. @public */
export interface InvoiceQuery {
  payerType?: PayerType
  payerId?: string
  status?: InvoiceStatus
  kind?: InvoiceKind
  /** `YYYY-MM`. */
  period?: string
  /** 1–200, default 50. */
  limit?: number
  offset?: number
}

/** `billing.invoices`. @public */
export interface InvoicesService {
  /** One invoice or credit note with its lines. */
  get(id: string): Promise<Invoice | undefined>
  /** Invoices, newest first. */
  list(query: InvoiceQuery): Promise<InvoicePage>
  /** Payments recorded on an invoice, oldest first. */
  payments(invoiceId: string): Promise<Payment[]>
}

/** The ref of {@link InvoicesService}. @public */
export const billingInvoices = defineServiceRef<InvoicesService>({ plugin: 'billing', id: 'invoices', version: '^1.0.0' })
