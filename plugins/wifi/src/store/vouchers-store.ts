/** SQL of guest vouchers (`wifi.vouchers`) and of the POS sales that already issued theirs (`wifi.voucher_sales`). */
import type { Db } from '@tessera/sdk'
import type { Voucher } from '../contract/index.ts'

const COLUMNS = `id, code, name, duration_minutes AS "durationMinutes", data_limit_mb AS "dataLimitMb", source, sale_id AS "saleId",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"`

/** Records a voucher the controller created. */
export async function insertVoucher(db: Db, v: { unifiId: string; code: string; name: string; durationMinutes: number; dataLimitMb: number | null; source: 'staff' | 'pos'; saleId: string | null }): Promise<Voucher> {
  const row = await db.one<Voucher>(
    `INSERT INTO wifi.vouchers (unifi_id, code, name, duration_minutes, data_limit_mb, source, sale_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [v.unifiId, v.code, v.name, v.durationMinutes, v.dataLimitMb, v.source, v.saleId])
  return row!
}

/** The latest vouchers of the tenant, or those of one sale. */
export async function listVouchers(db: Db, q: { saleId?: string; limit: number }): Promise<Voucher[]> {
  return db.many<Voucher>(
    `SELECT ${COLUMNS} FROM wifi.vouchers WHERE ($1::uuid IS NULL OR sale_id = $1) ORDER BY created_at DESC, code LIMIT $2`,
    [q.saleId ?? null, q.limit])
}

/** Marks `saleId` as handled; false when it already was (a redelivered event issues nothing twice). */
export async function claimSale(db: Db, saleId: string): Promise<boolean> {
  const r = await db.query(`INSERT INTO wifi.voucher_sales (sale_id) VALUES ($1) ON CONFLICT DO NOTHING`, [saleId])
  return (r.rowCount ?? 0) > 0
}
