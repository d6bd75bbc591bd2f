/**
 * `@tessera/plugin-pos/contract`: what other plugins and the POS screens may use — the `pos.sale.*` event contracts
 * (what was sold, to whom, for how much), the permission names, and the route schemas with their wire types. Imports
 * nothing but `@tessera/sdk`.
 */
export { saleCompleted, saleRefunded } from './pos-events.ts'
export type { SaleCompletedPayload, SaleRefundedPayload } from './pos-events.ts'
export { posPermissions } from './pos-permissions.ts'
export type { PosPermission } from './pos-permissions.ts'
export {
  productSchema, productQuery, productInputSchema, productPatchSchema, stockChangeSchema, saleLineSchema, saleSchema, saleInputSchema,
  refundInputSchema, refundSchema, dailyReportQuery,
} from './pos-schemas.ts'
export type {
  Product, ProductQuery, ProductInput, ProductPatch, StockChange, Sale, SaleLine, PaymentMethod, SaleInput, RefundInput, Refund,
} from './pos-wire-types.ts'
