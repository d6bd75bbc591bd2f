/**
 * `billing.invoices`: read access to invoices, credit notes and their payments (the Xero plugin mirrors them into
 * the accounting ledger; reports; the PDF a notification attaches), and one write: recording a payment made outside
 * Tessera (e.g. entered in Xero).
 * Every other write stays inside billing.
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

/** Longest {@link ExternalPaymentInput.reference}. @public */
export const MAX_EXTERNAL_REFERENCE_LENGTH = 200

/** A payment of an issued invoice made outside Tessera ({@link InvoicesService.recordExternalPayment}). @public */
export interface ExternalPaymentInput {
  /** The invoice paid (of the current tenant). */
  invoiceId: string
  /** Minor units, an integer from 1 to `MAX_INVOICE_TOTAL`, at most what is due on the invoice. */
  amount: number
  /** ISO 4217 code; when given it must be the invoice's currency. */
  currency?: string
  /**
   * The idempotency key of the payment, chosen by the caller from the outside system's id and prefixed with its
   * name (e.g. `xero:<PaymentID>`); 1–{@link MAX_EXTERNAL_REFERENCE_LENGTH} characters. Recording the same reference
   * again records nothing. Stored as the payment's `reference`, so the caller can recognise its own payments.
   */
  reference: string
  /** When it was paid (ISO date-time, the payment's `createdAt`); default now. */
  paidAt?: string
}

/** What {@link InvoicesService.recordExternalPayment} did. @public */
export interface ExternalPaymentResult {
  /** False when the reference was recorded before (nothing changed). */
  recorded: boolean
  /** The invoice afterwards. */
  invoice: Invoice
}

/** An invoice's or credit note's PDF, as {@link InvoicesService.pdf} renders it (e.g. to attach to an e-mail). @public */
export interface InvoicePdf {
  /** `<number>.pdf` (`draft-<id>.pdf` for a draft). */
  filename: string
  /** The PDF bytes (`%PDF-…`). */
  content: Uint8Array
}

/** `billing.invoices`. @public */
export interface InvoicesService {
  /** One invoice or credit note with its lines. */
  get(id: string): Promise<Invoice | undefined>
  /** Invoices, newest first. */
  list(query: InvoiceQuery): Promise<InvoicePage>
  /** Payments recorded on an invoice, oldest first. */
  payments(invoiceId: string): Promise<Payment[]>
  /**
   * Records a payment made outside Tessera on billing's manual-payment path, once per `reference` (a redelivered
   * webhook records nothing more). A payment that covers what is due marks the invoice paid and publishes
   * `billing.invoice.paid`, otherwise `billing.invoice.updated`; audited as `billing.payment.external`. Must run
   * inside a tenant transaction (a job, subscriber or mutating route). Errors are `ProblemError`s: 404 when the
   * invoice is not the tenant's; 409 when it is not an issued invoice; 422 naming the field (`/amount` beyond what is
   * due or out of bounds, `/currency` not the invoice's, `/reference` or `/paidAt` malformed).
   */
  recordExternalPayment(input: ExternalPaymentInput): Promise<ExternalPaymentResult>
  /** The PDF of an invoice or credit note of the current tenant — the document of `GET /invoices/:id/pdf` — or `undefined`. */
  pdf(id: string): Promise<InvoicePdf | undefined>
}

/** The ref of {@link InvoicesService}. @public */
export const billingInvoices = defineServiceRef<InvoicesService>({ plugin: 'billing', id: 'invoices', version: '^1.0.0' })
