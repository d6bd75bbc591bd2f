/**
 * The daily sales report as CSV (RFC 4180: comma-separated, fields with commas, quotes or line breaks quoted, CRLF).
 * One row per sale line and per refunded line of the local day (`timezone` config, default UTC), then one total row
 * per payment method. Amounts are minor units, as integers, so spreadsheets sum them without rounding.
 */
import type { Db } from '@tessera/sdk'
import { refundsOfDay, saleLinesOfDay } from '../store/report-store.ts'

const field = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}
const row = (values: unknown[]) => values.map(field).join(',') + '\r\n'

/** The CSV of `date` (`YYYY-MM-DD`, local to `timezone`). */
export async function dailyCsv(db: Db, date: string, timezone: string): Promise<string> {
  const sales = await saleLinesOfDay(db, date, timezone)
  const refunds = await refundsOfDay(db, date, timezone)
  let out = row(['type', 'time', 'sale_id', 'method', 'sku', 'product', 'category', 'quantity', 'unit_price', 'tax_rate_bp', 'net', 'tax', 'gross'])
  const totals = new Map<string, number>()
  for (const s of sales) {
    out += row(['sale', s.created_at.toISOString(), s.id, s.method, s.sku, s.name, s.category, s.quantity, s.unit_price, s.tax_rate_bp, s.net, s.tax, s.gross])
    totals.set(s.method, (totals.get(s.method) ?? 0) + s.gross)
  }
  for (const r of refunds) {
    out += row(['refund', r.created_at.toISOString(), r.sale_id, r.method, '', '', '', -r.lines.reduce((a, l) => a + l.quantity, 0), '', '', '', '', -r.amount])
    totals.set(r.method, (totals.get(r.method) ?? 0) - r.amount)
  }
  for (const m of ['account', 'card', 'cash']) out += row(['total', date, '', m, '', '', '', '', '', '', '', '', totals.get(m) ?? 0])
  return out
}
