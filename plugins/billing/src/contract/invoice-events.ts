/**
 * Invoice events (`billing.invoice.*`): what billing publishes as a draft is made, issued, partly paid or credited,
 * paid in full and voided. Staff browsers with `billing.read` receive them; the Xero plugin mirrors invoices from them.
 */
import { defineEvent } from '@tessera/sdk'
import type { PayloadOf } from '@tessera/sdk'
import { eventAmount, eventPayerType, eventUuid } from './event-schemas.ts'

const staffUi = { permission: 'billing.read' } as const

/** A draft invoice was made from a payer's open charges. @public */
export const invoiceDrafted = defineEvent({
  name: 'billing.invoice.drafted',
  description: 'A draft was made from open charges',
  ui: staffUi,
  schema: {
    type: 'object', additionalProperties: false, required: ['id', 'payerType', 'payerId'],
    properties: { id: eventUuid, payerType: eventPayerType, payerId: eventUuid },
  },
})
/** Payload of {@link invoiceDrafted}. @public */
export type InvoiceDrafted = PayloadOf<typeof invoiceDrafted>

/** An invoice or a credit note was issued with its gapless number (an invoice of 0 is paid at once). @public */
export const invoiceIssued = defineEvent({
  name: 'billing.invoice.issued',
  description: 'An invoice or credit note got its number',
  ui: staffUi,
  schema: {
    type: 'object', additionalProperties: false, required: ['id', 'number', 'payerType', 'payerId', 'total', 'kind'],
    properties: {
      id: eventUuid, number: { type: 'string', maxLength: 40 }, payerType: eventPayerType, payerId: eventUuid, total: eventAmount,
      kind: { type: 'string', enum: ['invoice', 'credit_note'] },
    },
  },
})
/** Payload of {@link invoiceIssued}. @public */
export type InvoiceIssued = PayloadOf<typeof invoiceIssued>

/** A partial payment or a credit changed what is due, without settling the invoice. @public */
export const invoiceUpdated = defineEvent({
  name: 'billing.invoice.updated',
  description: 'A partial payment or a credit changed what is due',
  ui: staffUi,
  schema: {
    type: 'object', additionalProperties: false, required: ['id', 'payerType', 'payerId', 'status', 'amountDue'],
    properties: {
      id: eventUuid, payerType: eventPayerType, payerId: eventUuid, status: { type: 'string', enum: ['draft', 'issued', 'paid', 'void'] }, amountDue: eventAmount,
    },
  },
})
/** Payload of {@link invoiceUpdated}. @public */
export type InvoiceUpdated = PayloadOf<typeof invoiceUpdated>

/** Payments and credits cover an issued invoice: it is paid. @public */
export const invoicePaid = defineEvent({
  name: 'billing.invoice.paid',
  description: 'Payments and credits cover the invoice',
  ui: staffUi,
  schema: {
    type: 'object', additionalProperties: false, required: ['id', 'payerType', 'payerId', 'total'],
    properties: { id: eventUuid, payerType: eventPayerType, payerId: eventUuid, total: eventAmount },
  },
})
/** Payload of {@link invoicePaid}. @public */
export type InvoicePaid = PayloadOf<typeof invoicePaid>

/** A draft or an issued invoice without payments was voided. @public */
export const invoiceVoided = defineEvent({
  name: 'billing.invoice.voided',
  description: 'A draft or unpaid invoice was voided',
  ui: staffUi,
  schema: {
    type: 'object', additionalProperties: false, required: ['id', 'payerType', 'payerId'],
    properties: { id: eventUuid, payerType: eventPayerType, payerId: eventUuid },
  },
})
/** Payload of {@link invoiceVoided}. @public */
export type InvoiceVoided = PayloadOf<typeof invoiceVoided>
