/**
 * The wire types of the POS routes, derived from the schemas in `pos-schemas.ts` (so a schema change changes the
 * handler's, the store's and the screens' types at once).
 */
import type { FromSchema } from '@tessera/sdk'
import type {
  productSchema, productInputSchema, productPatchSchema, productQuery, stockChangeSchema, saleSchema, saleLineSchema, saleInputSchema,
  refundInputSchema, refundSchema,
} from './pos-schemas.ts'

/** A product (`GET /products`, `GET /products/:id`). @public */
export type Product = FromSchema<typeof productSchema>
/** The `GET /products` filter. @public */
export type ProductQuery = FromSchema<typeof productQuery>
/** A new product (`POST /products`). @public */
export type ProductInput = FromSchema<typeof productInputSchema>
/** A product change (`PATCH /products/:id`). @public */
export type ProductPatch = FromSchema<typeof productPatchSchema>
/** A stock correction (`POST /products/:id/stock`). @public */
export type StockChange = FromSchema<typeof stockChangeSchema>
/** A sale (`GET /sales/:id`, `POST /sales`). @public */
export type Sale = FromSchema<typeof saleSchema>
/** A line of a {@link Sale}. @public */
export type SaleLine = FromSchema<typeof saleLineSchema>
/** How a sale is paid. @public */
export type PaymentMethod = Sale['method']
/** A sale request (`POST /sales`). @public */
export type SaleInput = FromSchema<typeof saleInputSchema>
/** A refund request (`POST /sales/:id/refunds`). @public */
export type RefundInput = FromSchema<typeof refundInputSchema>
/** A recorded refund with the sale after it (`POST /sales/:id/refunds`). @public */
export type Refund = FromSchema<typeof refundSchema>
