/**
 * SQL of guest vouchers (`wifi.vouchers`) and of the POS sales and visitor arrivals that already issued theirs
 * (`wifi.voucher_sales`, `wifi.voucher_visitors`).
 */
import type { Db } from '@tessera/sdk'
import type { Voucher } from '../contract/index.ts'

const COLUMNS = `id, code, name, duration_minutes AS "durationMinutes", data_limit_mb AS "dataLimitMb", source, sale_id AS "saleId", visitor_id AS "visitorId",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"`

/** Records a voucher the controller created. */
export async function insertVoucher(db: Db, v: {
  unifiId: string; code: string; name: string; durationMinutes: number; dataLimitMb: number | null; source: Voucher['source']; saleId: string | null; visitorId: string | null
}): Promise<Voucher> {
  const row = await db.one<Voucher>(
    `INSERT INTO wifi.vouchers (unifi_id, code, name, duration_minutes, data_limit_mb, source, sale_id, visitor_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
    [v.unifiId, v.code, v.name, v.durationMinutes, v.dataLimitMb, v.source, v.saleId, v.visitorId])
  return row!
}

/** The latest vouchers of the tenant, or those of one sale or one visitor. */
export async function listVouchers(db: Db, q: { saleId?: string; visitorId?: string; limit: number }): Promise<Voucher[]> {
  return db.many<Voucher>(
    `SELECT ${COLUMNS} FROM wifi.vouchers WHERE ($1::uuid IS NULL OR sale_id = $1) AND ($2::uuid IS NULL OR visitor_id = $2)
      ORDER BY created_at DESC, code LIMIT $3`,
    [q.saleId ?? null, q.visitorId ?? null, q.limit])
}

/** One voucher, or undefined. */
export function getVoucher(db: Db, id: string): Promise<Voucher | undefined> {
  return db.one<Voucher>(`SELECT ${COLUMNS} FROM wifi.vouchers WHERE id = $1`, [id])
}

/** Marks a visitor's arrival as handled; false when it already was. */
export async function claimVisitor(db: Db, visitorId: string): Promise<boolean> {
  const r = await db.query(`INSERT INTO wifi.voucher_visitors (visitor_id) VALUES ($1) ON CONFLICT DO NOTHING`, [visitorId])
  return (r.rowCount ?? 0) > 0
}

/** Marks `saleId` as handled; false when it already was (a redelivered event issues nothing twice). */
export async function claimSale(db: Db, saleId: string): Promise<boolean> {
  const r = await db.query(`INSERT INTO wifi.voucher_sales (sale_id) VALUES ($1) ON CONFLICT DO NOTHING`, [saleId])
  return (r.rowCount ?? 0) > 0
}
