/**
 * SQL of the daily report: the sale lines and the refunds of one local day (`date` in `timezone`), in time order.
 */
import type { Db } from '@tessera/sdk'

/** A sale line of the day. */
export type ReportSaleLine = {
  created_at: Date; id: string; method: string; sku: string; name: string; category: string; quantity: number; unit_price: number
  tax_rate_bp: number; net: number; tax: number; gross: number
}

/** A refund of the day. */
export type ReportRefund = { created_at: Date; sale_id: string; method: string; amount: number; lines: { quantity: number }[] }

const range = (col: string) => `${col} >= ($1::date::timestamp AT TIME ZONE $2) AND ${col} < (($1::date + 1)::timestamp AT TIME ZONE $2)`

/** Sale lines sold on `date` (local to `timezone`). */
export function saleLinesOfDay(db: Db, date: string, timezone: string): Promise<ReportSaleLine[]> {
  return db.many<ReportSaleLine>(
    `SELECT s.created_at, s.id, s.method, l.sku, l.name, l.category, l.quantity, l.unit_price::float8, l.tax_rate_bp, l.net::float8, l.tax::float8, l.gross::float8
     FROM pos.sales s JOIN pos.sale_lines l ON l.sale_id = s.id WHERE ${range('s.created_at')} ORDER BY s.created_at, l.position`, [date, timezone])
}

/** Refunds made on `date` (local to `timezone`). */
export function refundsOfDay(db: Db, date: string, timezone: string): Promise<ReportRefund[]> {
  return db.many<ReportRefund>(
    `SELECT r.created_at, r.sale_id, s.method, r.amount::float8, r.lines FROM pos.refunds r JOIN pos.sales s ON s.id = r.sale_id
     WHERE ${range('r.created_at')} ORDER BY r.created_at`, [date, timezone])
}
