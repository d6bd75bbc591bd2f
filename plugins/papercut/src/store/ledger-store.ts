/**
 * SQL of `papercut.period_ledger`: one row per person and period. `claimPeriod` inserts the period's row (unique
 * per person and period) and says whether this call created it — only then is the top-up sent, in the same
 * transaction; `claimSettlement` marks a period settled once.
 */
import type { Db } from '@tessera/sdk'

/** A period of a person. */
export type LedgerRow = {
  period: string
  allowancePages: number
  topupAmount: number
  startPages: number
  startColourPages: number
  endPages: number | null
  endColourPages: number | null
  overageAmount: number | null
  settled: boolean
}

const COLS = `period, allowance_pages AS "allowancePages", topup_amount::float8 AS "topupAmount", start_pages AS "startPages",
  start_colour_pages AS "startColourPages", end_pages AS "endPages", end_colour_pages AS "endColourPages",
  overage_amount::float8 AS "overageAmount", settled_at IS NOT NULL AS settled`

/** Creates the person's row of `period`; false when it exists already (topped up before). */
export async function claimPeriod(db: Db, r: { personId: string; period: string; allowancePages: number; topupAmount: number; startPages: number; startColourPages: number }): Promise<boolean> {
  const res = await db.query(
    `INSERT INTO papercut.period_ledger (person_id, period, allowance_pages, topup_amount, start_pages, start_colour_pages)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, person_id, period) DO NOTHING`,
    [r.personId, r.period, r.allowancePages, r.topupAmount, r.startPages, r.startColourPages])
  return res.rowCount === 1
}

/** The person's unsettled periods before `period`, oldest first. */
export const openPeriodsBefore = (db: Db, personId: string, period: string) =>
  db.many<LedgerRow>(`SELECT ${COLS} FROM papercut.period_ledger WHERE person_id = $1 AND period < $2 AND settled_at IS NULL ORDER BY period FOR UPDATE`, [personId, period])

/** Marks a period settled with its end counters and overage; false when it was settled already. */
export async function claimSettlement(db: Db, s: { personId: string; period: string; endPages: number; endColourPages: number; overageAmount: number }): Promise<boolean> {
  const res = await db.query(
    `UPDATE papercut.period_ledger SET end_pages = $3, end_colour_pages = $4, overage_amount = $5, settled_at = now()
     WHERE person_id = $1 AND period = $2 AND settled_at IS NULL`, [s.personId, s.period, s.endPages, s.endColourPages, s.overageAmount])
  return res.rowCount === 1
}

export const getPeriod = (db: Db, personId: string, period: string) =>
  db.one<LedgerRow>(`SELECT ${COLS} FROM papercut.period_ledger WHERE person_id = $1 AND period = $2`, [personId, period])
