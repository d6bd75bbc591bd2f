/**
 * SQL of sales, their lines and refunds. A sale line keeps what was sold at what price (a later price change does not
 * alter it) and how much of it was refunded; the sale keeps its totals and refunded amount.
 */
import type { Db } from '@tessera/sdk'
import type { PaymentMethod, Sale, SaleLine } from '../contract/index.ts'

type SaleRow = Omit<Sale, 'createdAt' | 'lines' | 'change'> & { created_at: Date }

/** A sale with its lines, or undefined. */
export async function getSale(db: Db, id: string): Promise<Sale | undefined> {
  const s = await db.one<SaleRow>(
    `SELECT id, method, payer_type AS "payerType", payer_id AS "payerId", status, net::float8, tax::float8, total::float8, refunded::float8,
       payment_intent_id AS "paymentIntentId", created_at FROM pos.sales WHERE id = $1`, [id])
  if (!s) return undefined
  const lines = await db.many<SaleLine>(
    `SELECT position, product_id AS "productId", sku, name, quantity, unit_price::float8 AS "unitPrice", tax_rate_bp AS "taxRateBp", gross::float8,
       refunded_quantity AS "refundedQuantity" FROM pos.sale_lines WHERE sale_id = $1 ORDER BY position`, [id])
  const { created_at, ...rest } = s
  return { ...rest, createdAt: created_at.toISOString(), lines }
}

/** What a new sale records. */
export interface NewSale {
  method: PaymentMethod
  payerType: 'person' | 'organisation' | null
  payerId: string | null
  net: number
  tax: number
  total: number
  cashTendered: number | null
  soldBy: string
}

/** Inserts a sale; returns its id. */
export async function insertSale(db: Db, s: NewSale): Promise<string> {
  const row = await db.one<{ id: string }>(
    `INSERT INTO pos.sales (method, payer_type, payer_id, net, tax, total, cash_tendered, sold_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [s.method, s.payerType, s.payerId, s.net, s.tax, s.total, s.cashTendered, s.soldBy])
  return row!.id
}

/** What a new sale line records. */
export interface NewSaleLine {
  position: number; productId: string; sku: string; name: string; category: string; quantity: number; unitPrice: number; taxRateBp: number
  net: number; tax: number; gross: number
}

/** Inserts a line of sale `saleId`. */
export async function insertSaleLine(db: Db, saleId: string, l: NewSaleLine): Promise<void> {
  await db.query(
    `INSERT INTO pos.sale_lines (sale_id, position, product_id, sku, name, category, quantity, unit_price, tax_rate_bp, net, tax, gross)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [saleId, l.position, l.productId, l.sku, l.name, l.category, l.quantity, l.unitPrice, l.taxRateBp, l.net, l.tax, l.gross])
}

/** Records the Stripe PaymentIntent that paid a card sale. */
export async function setPaymentIntent(db: Db, saleId: string, paymentIntentId: string | undefined): Promise<void> {
  await db.query('UPDATE pos.sales SET payment_intent_id = $2 WHERE id = $1', [saleId, paymentIntentId ?? null])
}

/** A sale locked for a refund. */
export type LockedSale = {
  id: string; method: PaymentMethod; payerType: 'person' | 'organisation' | null; payerId: string | null; paymentIntentId: string | null; total: number; refunded: number
}

/** Locks a sale (`FOR UPDATE`) for a refund; undefined when there is none. */
export function lockSale(db: Db, id: string): Promise<LockedSale | undefined> {
  return db.one<LockedSale>(
    `SELECT id, method, payer_type AS "payerType", payer_id AS "payerId", payment_intent_id AS "paymentIntentId", total::float8, refunded::float8
     FROM pos.sales WHERE id = $1 FOR UPDATE`, [id])
}

/** A sale line as a refund reads it. */
export type RefundableLine = {
  id: string; position: number; productId: string; sku: string; name: string; quantity: number; unitPrice: number; taxRateBp: number
  gross: number; refundedQuantity: number; refundedGross: number
}

/** The lines of a sale, by position. */
export function refundableLines(db: Db, saleId: string): Promise<RefundableLine[]> {
  return db.many<RefundableLine>(
    `SELECT id, position, product_id AS "productId", sku, name, quantity, unit_price::float8 AS "unitPrice", tax_rate_bp AS "taxRateBp", gross::float8,
       refunded_quantity AS "refundedQuantity", refunded_gross::float8 AS "refundedGross" FROM pos.sale_lines WHERE sale_id = $1 ORDER BY position`, [saleId])
}

/** Inserts a refund (amount 0 until {@link setRefundAmount}); returns its id. */
export async function insertRefund(db: Db, saleId: string, lines: { position: number; quantity: number }[], reason: string | null, refundedBy: string): Promise<string> {
  const row = await db.one<{ id: string }>('INSERT INTO pos.refunds (sale_id, amount, lines, reason, refunded_by) VALUES ($1, 0, $2, $3, $4) RETURNING id',
    [saleId, JSON.stringify(lines), reason, refundedBy])
  return row!.id
}

/** Adds a refunded quantity and gross to a sale line. */
export async function addLineRefund(db: Db, lineId: string, quantity: number, gross: number): Promise<void> {
  await db.query('UPDATE pos.sale_lines SET refunded_quantity = refunded_quantity + $2, refunded_gross = refunded_gross + $3 WHERE id = $1', [lineId, quantity, gross])
}

/** Sets a refund's amount and the sale's refunded total and status. */
export async function setRefundAmount(db: Db, saleId: string, refundId: string, amount: number, refunded: number): Promise<void> {
  await db.query('UPDATE pos.refunds SET amount = $2 WHERE id = $1', [refundId, amount])
  await db.query(`UPDATE pos.sales SET refunded = $2, status = CASE WHEN $2 >= total THEN 'refunded' ELSE 'partially_refunded' END WHERE id = $1`, [saleId, refunded])
}
