/**
 * JSON Schemas of the billing routes (ajv validates input; fast-json-stringify shapes output) — part of the contract,
 * so the route handlers, the store and the UI share one source (`wire-types.ts` derives the types). Every input is
 * bounded (INV-9) by the amount bounds of `money.ts`, so that any accepted combination fits the stored types.
 */
import { MAX_INVOICE_TOTAL, MAX_QUANTITY, MAX_TAX_RATE_BP, MAX_UNIT_AMOUNT } from './money.ts'

/** A uuid. @public */
export const uuid = { type: 'string', format: 'uuid', maxLength: 36 } as const
/** A calendar date. @public */
export const date = { type: 'string', format: 'date', maxLength: 10 } as const
/** `YYYY-MM`, years 1900–2999 (the bounded `date` range). */
export const period = { type: 'string', maxLength: 7, pattern: '^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])$' } as const
/** A unit amount or price in minor units, 0–10^9. */
export const money = { type: 'integer', minimum: 0, maximum: MAX_UNIT_AMOUNT } as const
/** An amount paid or refunded against one invoice, 1–9 × 10^15 (an invoice total). */
export const paymentAmount = { type: 'integer', minimum: 1, maximum: MAX_INVOICE_TOTAL } as const
/** A quantity on a charge or credit-note line, 1–10^5. */
export const quantity = { type: 'integer', minimum: 1, maximum: MAX_QUANTITY } as const
/** A tax rate in basis points, 0–10 000 (100 %). @public */
export const taxRateBp = { type: 'integer', minimum: 0, maximum: MAX_TAX_RATE_BP } as const
/** Text of a line (charge, credit note) or a wallet entry. */
export const lineText = { type: 'string', minLength: 1, maxLength: 500 } as const
/** `person` or `organisation`. @public */
export const payerType = { type: 'string', enum: ['person', 'organisation'] } as const
/** A body without fields. @public */
export const emptyBody = { type: 'object', additionalProperties: false, properties: {} } as const
/** `/:id` params. @public */
export const idParams = { type: 'object', additionalProperties: false, required: ['id'], properties: { id: uuid } } as const
/** `/:payerType/:payerId` params. @public */
export const payerParams = { type: 'object', additionalProperties: false, required: ['payerType', 'payerId'], properties: { payerType, payerId: uuid } } as const
/** `limit` and `offset` of a page. @public */
export const pageQueryProperties = {
  limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 }, offset: { type: 'integer', minimum: 0, maximum: 2_147_483_647, default: 0 },
} as const
/** An acknowledgement. @public */
export const ok = { type: 'object', additionalProperties: true, properties: {} } as const

/** A plan's features (read by access, printing, Wi-Fi): up to 50 flags, numbers, short texts or lists of texts. */
export const featuresInput = {
  type: 'object', maxProperties: 50, propertyNames: { maxLength: 60 },
  additionalProperties: {
    anyOf: [
      { type: 'boolean' }, { type: 'null' }, { type: 'string', maxLength: 200 }, { type: 'number', minimum: -1e9, maximum: 1e9 },
      { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 200 } },
    ],
  },
} as const

const nullableString = { type: ['string', 'null'] } as const
const int = { type: 'integer' } as const
const text = { type: 'string' } as const

/** A plan (response). @public */
export const plan = {
  type: 'object', additionalProperties: false,
  required: ['id', 'code', 'name', 'monthlyPrice', 'includedCredits', 'taxRateBp', 'features', 'active'],
  properties: {
    id: uuid, code: text, name: text, monthlyPrice: int, includedCredits: int,
    taxRateBp: int, features: { type: 'object', additionalProperties: true }, active: { type: 'boolean' },
    /** The location of spaces the plan is sold at; `null`: every location. */
    locationId: nullableString,
  },
} as const
/** A plan to create or replace (body). @public */
export const planInput = {
  type: 'object', additionalProperties: false, required: ['code', 'name', 'monthlyPrice'],
  properties: {
    code: { type: 'string', minLength: 1, maxLength: 40 }, name: { type: 'string', minLength: 1, maxLength: 200 }, monthlyPrice: money,
    includedCredits: { type: 'integer', minimum: 0, maximum: 1e6 }, taxRateBp, features: featuresInput, active: { type: 'boolean' },
    /** A location of spaces (422 when the tenant has no such location); `null`: every location. */
    locationId: { anyOf: [uuid, { type: 'null' }] },
  },
} as const

/** A membership (response); `payerName` in staff lists. @public */
export const membership = {
  type: 'object', additionalProperties: false,
  required: ['id', 'payerType', 'payerId', 'planId', 'startsOn', 'endsOn', 'status', 'replacesId'],
  properties: {
    id: uuid, payerType, payerId: uuid, planId: uuid, startsOn: text, endsOn: nullableString,
    status: { type: 'string', enum: ['active', 'suspended'] }, replacesId: nullableString, payerName: text,
  },
} as const

/** A line of an invoice or credit note (response). @public */
export const invoiceLine = {
  type: 'object', additionalProperties: false,
  required: ['position', 'description', 'quantity', 'unitAmount', 'taxRateBp', 'net', 'tax', 'gross', 'source'],
  properties: {
    position: int, description: text, quantity: int, unitAmount: int,
    taxRateBp: int, net: int, tax: int, gross: int, source: nullableString,
    /** The location of spaces the line was sold at (a booking's resource, a plan's location, a charge's), or `null`. */
    locationId: nullableString,
  },
} as const
/** An invoice or credit note (response); `lines` on detail reads, `payerName` in staff reads. @public */
export const invoice = {
  type: 'object', additionalProperties: false,
  required: [
    'id', 'kind', 'number', 'payerType', 'payerId', 'period', 'creditFor', 'status', 'currency', 'subtotal', 'tax', 'total',
    'amountPaid', 'amountCredited', 'amountDue', 'paymentAttempts', 'issuedAt', 'dueOn', 'paidAt', 'createdAt',
  ],
  properties: {
    id: uuid, kind: { type: 'string', enum: ['invoice', 'credit_note'] }, number: nullableString, payerType, payerId: uuid,
    period: nullableString, creditFor: nullableString, status: { type: 'string', enum: ['draft', 'issued', 'paid', 'void'] }, currency: text,
    subtotal: int, tax: int, total: int, amountPaid: int,
    amountCredited: int, amountDue: int, paymentAttempts: int,
    payerName: text, issuedAt: nullableString, dueOn: nullableString, paidAt: nullableString, createdAt: text,
    lines: { type: 'array', items: invoiceLine },
  },
} as const
/** A page of invoices (response). @public */
export const invoicePage = { type: 'object', additionalProperties: false, required: ['items', 'total'], properties: { items: { type: 'array', items: invoice }, total: int } } as const

/** One entry of a credits wallet (response). @public */
export const walletEntry = {
  type: 'object', additionalProperties: false, required: ['delta', 'reason', 'source', 'createdAt'],
  properties: { delta: int, reason: text, source: text, createdAt: text },
} as const
/** A payer's credits: balance and latest entries (response). @public */
export const wallet = {
  type: 'object', additionalProperties: false, required: ['balance', 'entries'],
  properties: { balance: int, entries: { type: 'array', items: walletEntry } },
} as const

/** Balances of every payer that has a wallet (staff list). @public */
export const walletPage = {
  type: 'object', additionalProperties: false, required: ['items', 'total'],
  properties: {
    items: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['payerType', 'payerId', 'payerName', 'balance'], properties: { payerType, payerId: uuid, payerName: text, balance: int } },
    },
    total: int,
  },
} as const

/** A payment recorded on an invoice (response). @public */
export const payment = {
  type: 'object', additionalProperties: false, required: ['id', 'method', 'amount', 'refundedAmount', 'paymentIntentId', 'reference', 'createdAt'],
  properties: {
    id: uuid, method: { type: 'string', enum: ['card', 'manual', 'cash'] }, amount: int, refundedAmount: int,
    paymentIntentId: nullableString, reference: nullableString, createdAt: text,
  },
} as const

/** What a charge attempt did (response of `charge` and `pay`). @public */
export const chargeOutcome = {
  type: 'object', additionalProperties: false, required: ['outcome', 'invoice'],
  properties: {
    outcome: { type: 'string', enum: ['succeeded', 'declined', 'nothing_due'] }, paymentIntentId: text, declineCode: text, attempt: int,
    nextAttemptAt: nullableString, invoice,
  },
} as const
/** A started card setup: the client confirms it with the gateway's browser SDK (response). @public */
export const setupIntent = {
  type: 'object', additionalProperties: false, required: ['id', 'clientSecret', 'customerId'],
  properties: { id: text, clientSecret: text, customerId: text },
} as const
/** A payment method id of the tenant's gateway (Stripe: `pm_…`). @public */
export const paymentMethodId = { type: 'string', minLength: 1, maxLength: 255, pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]*$' } as const
/** Body of `charge` and `pay`: a card to use now, or none (the saved card, off-session). @public */
export const payBody = { type: 'object', additionalProperties: false, properties: { paymentMethodId } } as const
/** What a member sees of their plan (response of `/me/plan`). @public */
export const myPlan = {
  type: 'object', additionalProperties: false, required: ['plans', 'features', 'credits'],
  properties: { plans: { type: 'array', items: plan }, features: { type: 'object', additionalProperties: true }, credits: wallet },
} as const

/** Who sent a reminder and when: the user's id and name at the time (response). @public */
export const reminderSender = {
  type: 'object', additionalProperties: false, required: ['id', 'name'],
  properties: { id: text, name: text },
} as const
/** A payment reminder staff sent for an invoice (response of `POST /invoices/:id/reminders`). @public */
export const invoiceReminder = {
  type: 'object', additionalProperties: false, required: ['id', 'invoiceId', 'number', 'to', 'sentAt', 'sentBy'],
  properties: { id: uuid, invoiceId: uuid, number: text, to: text, sentAt: text, sentBy: reminderSender },
} as const
/**
 * An overdue invoice of the staff's dunning view (`GET /dunning`): what is due and since when, the dunning step
 * (off-session attempts made), the last payment, the payer's name and e-mail (null: none, no reminder can be sent) and
 * the last manual reminder (null: none yet). @public
 */
export const overdueInvoice = {
  type: 'object', additionalProperties: false,
  required: ['id', 'number', 'payerType', 'payerId', 'payerName', 'payerEmail', 'currency', 'amountDue', 'dueOn', 'daysOverdue', 'paymentAttempts', 'lastPaymentAt', 'lastReminder'],
  properties: {
    id: uuid, number: nullableString, payerType, payerId: uuid, payerName: text, payerEmail: nullableString,
    currency: text, amountDue: int, dueOn: text, daysOverdue: int, paymentAttempts: int, lastPaymentAt: nullableString,
    lastReminder: {
      anyOf: [
        { type: 'object', additionalProperties: false, required: ['sentAt', 'sentBy'], properties: { sentAt: text, sentBy: reminderSender } },
        { type: 'null' },
      ],
    },
  },
} as const
/** A page of overdue invoices (response of `GET /dunning`). @public */
export const overduePage = {
  type: 'object', additionalProperties: false, required: ['items', 'total'], properties: { items: { type: 'array', items: overdueInvoice }, total: int },
} as const
