/**
 * JSON Schemas of the billing routes (ajv validates input; fast-json-stringify shapes output). Every input is bounded
 * (INV-9) by the amount bounds of `domain/money.ts`, so that any accepted combination fits the stored types.
 */
import { MAX_INVOICE_TOTAL, MAX_QUANTITY, MAX_TAX_RATE_BP, MAX_UNIT_AMOUNT } from '../domain/money.ts'

export const uuid = { type: 'string', format: 'uuid', maxLength: 36 } as const
export const date = { type: 'string', format: 'date', maxLength: 10 } as const
/** `YYYY-MM`, years 1900–2999 (the bounded `date` range). */
export const period = { type: 'string', maxLength: 7, pattern: '^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])$' } as const
/** A unit amount or price in minor units, 0–10^9. */
export const money = { type: 'integer', minimum: 0, maximum: MAX_UNIT_AMOUNT } as const
/** An amount paid or refunded against one invoice, 1–9 × 10^15 (an invoice total). */
export const paymentAmount = { type: 'integer', minimum: 1, maximum: MAX_INVOICE_TOTAL } as const
/** A quantity on a charge or credit-note line, 1–10^5. */
export const quantity = { type: 'integer', minimum: 1, maximum: MAX_QUANTITY } as const
export const taxRateBp = { type: 'integer', minimum: 0, maximum: MAX_TAX_RATE_BP } as const
/** Text of a line (charge, credit note) or a wallet entry. */
export const lineText = { type: 'string', minLength: 1, maxLength: 500 } as const
export const payerType = { type: 'string', enum: ['person', 'organisation'] } as const
export const emptyBody = { type: 'object', additionalProperties: false, properties: {} } as const
export const idParams = { type: 'object', additionalProperties: false, required: ['id'], properties: { id: uuid } } as const
export const payerParams = { type: 'object', additionalProperties: false, required: ['payerType', 'payerId'], properties: { payerType, payerId: uuid } } as const
export const pageQueryProperties = {
  limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 }, offset: { type: 'integer', minimum: 0, maximum: 2_147_483_647, default: 0 },
} as const
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

export const plan = {
  type: 'object',
  properties: {
    id: uuid, code: { type: 'string' }, name: { type: 'string' }, monthlyPrice: { type: 'integer' }, includedCredits: { type: 'integer' },
    taxRateBp: { type: 'integer' }, features: { type: 'object', additionalProperties: true }, active: { type: 'boolean' },
  },
} as const
export const planInput = {
  type: 'object', additionalProperties: false, required: ['code', 'name', 'monthlyPrice'],
  properties: {
    code: { type: 'string', minLength: 1, maxLength: 40 }, name: { type: 'string', minLength: 1, maxLength: 200 }, monthlyPrice: money,
    includedCredits: { type: 'integer', minimum: 0, maximum: 1e6 }, taxRateBp, features: featuresInput, active: { type: 'boolean' },
  },
} as const

export const membership = {
  type: 'object',
  properties: {
    id: uuid, payerType: { type: 'string' }, payerId: uuid, planId: uuid, startsOn: { type: 'string' }, endsOn: { type: ['string', 'null'] },
    status: { type: 'string' }, replacesId: { type: ['string', 'null'] }, payerName: { type: 'string' },
  },
} as const

const line = {
  type: 'object',
  properties: {
    position: { type: 'integer' }, description: { type: 'string' }, quantity: { type: 'integer' }, unitAmount: { type: 'integer' },
    taxRateBp: { type: 'integer' }, net: { type: 'integer' }, tax: { type: 'integer' }, gross: { type: 'integer' }, source: { type: ['string', 'null'] },
  },
} as const
export const invoice = {
  type: 'object',
  properties: {
    id: uuid, kind: { type: 'string' }, number: { type: ['string', 'null'] }, payerType: { type: 'string' }, payerId: uuid,
    period: { type: ['string', 'null'] }, creditFor: { type: ['string', 'null'] }, status: { type: 'string' }, currency: { type: 'string' },
    subtotal: { type: 'integer' }, tax: { type: 'integer' }, total: { type: 'integer' }, amountPaid: { type: 'integer' },
    amountCredited: { type: 'integer' }, amountDue: { type: 'integer' }, paymentAttempts: { type: 'integer' },
    payerName: { type: 'string' }, issuedAt: { type: ['string', 'null'] }, dueOn: { type: ['string', 'null'] }, paidAt: { type: ['string', 'null'] }, createdAt: { type: 'string' },
    lines: { type: 'array', items: line },
  },
} as const
export const invoicePage = { type: 'object', properties: { items: { type: 'array', items: invoice }, total: { type: 'integer' } } } as const

export const wallet = {
  type: 'object',
  properties: {
    balance: { type: 'integer' },
    entries: { type: 'array', items: { type: 'object', properties: { delta: { type: 'integer' }, reason: { type: 'string' }, source: { type: 'string' }, createdAt: { type: 'string' } } } },
  },
} as const

/** Balances of every payer that has a wallet (staff list). */
export const walletPage = {
  type: 'object',
  properties: {
    items: { type: 'array', items: { type: 'object', properties: { payerType: { type: 'string' }, payerId: uuid, payerName: { type: 'string' }, balance: { type: 'integer' } } } },
    total: { type: 'integer' },
  },
} as const
