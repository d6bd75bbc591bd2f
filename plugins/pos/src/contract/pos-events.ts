/**
 * The events POS publishes, with their payload schemas (validated at publish). A sale says what was sold — every
 * line's product, SKU, category and quantity — and who paid, so that a subscriber can react to the product itself
 * (a day pass sold at the front desk issues Wi-Fi vouchers; an accounting plugin posts the lines). The browser gets
 * only `id`, `method` and the amount (the screens reload their products on either event).
 */
import { defineEvent, uuid } from '@tessera/sdk'
import type { PayloadOf } from '@tessera/sdk'
import { posPermissions } from './pos-permissions.ts'

const MAX = 9007199254740991
const amount = { type: 'integer', minimum: 0, maximum: MAX } as const
const currency = { type: 'string', minLength: 3, maxLength: 3, description: 'ISO 4217 code of the amounts (billing\'s currency)' } as const
const method = { type: 'string', enum: ['account', 'card', 'cash'] } as const
const payerType = { type: ['string', 'null'], enum: ['person', 'organisation', null], description: 'Who pays: null for an anonymous card or cash sale' } as const
const payerId = { anyOf: [uuid, { type: 'null' }] } as const
const position = { type: 'integer', minimum: 1, maximum: 100 } as const
const quantity = { type: 'integer', minimum: 1, maximum: 10000 } as const
const sku = { type: 'string', maxLength: 60 } as const

/** `pos.sale.completed`: a sale was recorded and paid (on account, by card or in cash). @public */
export const saleCompleted = defineEvent({
  name: 'pos.sale.completed',
  description: 'A front-desk sale was recorded and paid: its lines (product, SKU, category, quantity, amounts), payer and totals',
  ui: { permission: posPermissions.sell, fields: ['id', 'method', 'total'] },
  schema: {
    type: 'object', additionalProperties: false,
    required: ['id', 'method', 'currency', 'net', 'tax', 'total', 'payerType', 'payerId', 'lines'],
    properties: {
      id: uuid, method, currency, net: amount, tax: amount, total: amount, payerType, payerId,
      lines: {
        type: 'array', minItems: 1, maxItems: 100,
        items: {
          type: 'object', additionalProperties: false,
          required: ['position', 'productId', 'sku', 'name', 'category', 'quantity', 'unitPrice', 'taxRateBp', 'gross'],
          properties: {
            position, productId: uuid, sku, name: { type: 'string', maxLength: 200 }, category: { type: 'string', maxLength: 60 }, quantity,
            unitPrice: amount, taxRateBp: { type: 'integer', minimum: 0, maximum: 10000 }, gross: amount,
          },
        },
      },
    },
  },
})

/** `pos.sale.refunded`: quantities of a sale's lines were refunded (stock returned, money paid back the same way). @public */
export const saleRefunded = defineEvent({
  name: 'pos.sale.refunded',
  description: 'Quantities of a sale\'s lines were refunded: the refund, its amount and the refunded lines (product, SKU, quantity)',
  ui: { permission: posPermissions.sell, fields: ['id', 'refundId', 'amount'] },
  schema: {
    type: 'object', additionalProperties: false,
    required: ['id', 'refundId', 'method', 'currency', 'amount', 'payerType', 'payerId', 'lines'],
    properties: {
      id: { ...uuid, description: 'The sale' }, refundId: uuid, method, currency, amount, payerType, payerId,
      lines: {
        type: 'array', minItems: 1, maxItems: 100,
        items: {
          type: 'object', additionalProperties: false, required: ['position', 'productId', 'sku', 'quantity', 'gross'],
          properties: { position, productId: uuid, sku, quantity, gross: amount },
        },
      },
    },
  },
})

/** Payload of {@link saleCompleted}. @public */
export type SaleCompletedPayload = PayloadOf<typeof saleCompleted>
/** Payload of {@link saleRefunded}. @public */
export type SaleRefundedPayload = PayloadOf<typeof saleRefunded>
