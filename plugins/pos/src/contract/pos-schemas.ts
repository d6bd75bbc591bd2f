/**
 * The JSON Schemas of the POS routes — request schemas bounded (INV-9), response schemas with the fields always
 * present marked `required` — so that route validation, the handlers' types and the wire types of
 * `pos-wire-types.ts` (what the screens and other clients read) come from one declaration.
 */
import { date, uuid } from '@tessera/sdk'

/** A product as the API returns it. @public */
export const productSchema = {
  type: 'object', additionalProperties: false,
  required: ['id', 'sku', 'name', 'category', 'price', 'taxRateBp', 'trackStock', 'stock', 'active'],
  properties: {
    id: uuid, sku: { type: 'string' }, name: { type: 'string' }, category: { type: 'string' }, price: { type: 'integer', description: 'Minor units' },
    taxRateBp: { type: 'integer', description: 'Basis points' }, trackStock: { type: 'boolean' }, stock: { type: 'integer' }, active: { type: 'boolean' },
  },
} as const

/** `GET /products` query. @public */
export const productQuery = {
  type: 'object', additionalProperties: false,
  properties: { category: { type: 'string', maxLength: 60 }, active: { type: 'boolean' } },
} as const

/** `POST /products` body. @public */
export const productInputSchema = {
  type: 'object', additionalProperties: false, required: ['sku', 'name', 'price'],
  properties: {
    sku: { type: 'string', minLength: 1, maxLength: 60 }, name: { type: 'string', minLength: 1, maxLength: 200 }, category: { type: 'string', minLength: 1, maxLength: 60 },
    price: { type: 'integer', minimum: 0, maximum: 1e9 }, taxRateBp: { type: 'integer', minimum: 0, maximum: 10000 }, trackStock: { type: 'boolean' },
    stock: { type: 'integer', minimum: 0, maximum: 1e7 }, active: { type: 'boolean' },
  },
} as const

const { stock: _stock, ...patchable } = productInputSchema.properties
/** `PATCH /products/:id` body: stock changes only through `/products/:id/stock` (audited with a reason) and sales. @public */
export const productPatchSchema = { type: 'object', additionalProperties: false, properties: patchable } as const

/** `POST /products/:id/stock` body. @public */
export const stockChangeSchema = {
  type: 'object', additionalProperties: false, required: ['delta', 'reason'],
  properties: { delta: { type: 'integer', minimum: -1e6, maximum: 1e6 }, reason: { type: 'string', minLength: 1, maxLength: 200 } },
} as const

/** One line of a sale as the API returns it. @public */
export const saleLineSchema = {
  type: 'object', additionalProperties: false,
  required: ['position', 'productId', 'sku', 'name', 'quantity', 'unitPrice', 'taxRateBp', 'gross', 'refundedQuantity'],
  properties: {
    position: { type: 'integer' }, productId: uuid, sku: { type: 'string' }, name: { type: 'string' }, quantity: { type: 'integer' },
    unitPrice: { type: 'integer' }, taxRateBp: { type: 'integer' }, gross: { type: 'integer' }, refundedQuantity: { type: 'integer' },
  },
} as const

/** A sale as the API returns it (`change` only in the response that recorded a cash sale). @public */
export const saleSchema = {
  type: 'object', additionalProperties: false,
  required: ['id', 'method', 'payerType', 'payerId', 'status', 'net', 'tax', 'total', 'refunded', 'paymentIntentId', 'createdAt', 'lines'],
  properties: {
    id: uuid, method: { type: 'string', enum: ['account', 'card', 'cash'] }, payerType: { type: ['string', 'null'], enum: ['person', 'organisation', null] },
    payerId: { type: ['string', 'null'] }, status: { type: 'string', enum: ['completed', 'partially_refunded', 'refunded'] },
    net: { type: 'integer' }, tax: { type: 'integer' }, total: { type: 'integer' }, refunded: { type: 'integer' }, change: { type: ['integer', 'null'] },
    paymentIntentId: { type: ['string', 'null'] }, createdAt: { type: 'string' },
    lines: { type: 'array', items: saleLineSchema },
  },
} as const

/** `POST /sales` body. @public */
export const saleInputSchema = {
  type: 'object', additionalProperties: false, required: ['lines', 'method'],
  properties: {
    lines: {
      type: 'array', minItems: 1, maxItems: 100,
      items: { type: 'object', additionalProperties: false, required: ['productId', 'quantity'], properties: { productId: uuid, quantity: { type: 'integer', minimum: 1, maximum: 10000 } } },
    },
    method: { type: 'string', enum: ['account', 'card', 'cash'] },
    payerType: { type: 'string', enum: ['person', 'organisation'] }, payerId: uuid,
    paymentMethodId: { type: 'string', maxLength: 255, pattern: '^pm_[A-Za-z0-9_]+$' }, cashTendered: { type: 'integer', minimum: 0, maximum: 1e9 },
  },
} as const

/** `POST /sales/:id/refunds` body (every line's remaining quantity when `lines` is omitted). @public */
export const refundInputSchema = {
  type: 'object', additionalProperties: false,
  properties: {
    lines: {
      type: 'array', minItems: 1, maxItems: 100,
      items: { type: 'object', additionalProperties: false, required: ['position', 'quantity'], properties: { position: { type: 'integer', minimum: 1, maximum: 100 }, quantity: { type: 'integer', minimum: 1, maximum: 10000 } } },
    },
    reason: { type: 'string', maxLength: 200 },
  },
} as const

/** `POST /sales/:id/refunds` response. @public */
export const refundSchema = {
  type: 'object', additionalProperties: false, required: ['id', 'amount', 'sale'],
  properties: { id: uuid, amount: { type: 'integer' }, sale: saleSchema },
} as const

/** `GET /reports/daily.csv` query. @public */
export const dailyReportQuery = {
  type: 'object', additionalProperties: false, required: ['date'], properties: { date },
} as const
