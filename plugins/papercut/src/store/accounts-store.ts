/**
 * SQL of `papercut.accounts`: a person's PaperCut account, its sync state and errors. Rows come back in the
 * contract's wire shape (ISO timestamps) plus the stored counters.
 */
import type { Db } from '@tessera/sdk'
import type { PaperCutErrorKind } from '../domain/papercut-error.ts'

/** A stored account. */
export type AccountRow = {
  personId: string
  username: string
  state: 'pending' | 'synced' | 'error' | 'dead'
  printEnabled: boolean
  errorKind: PaperCutErrorKind | null
  errorReason: string | null
  errorAt: string | null
  failures: number
  syncedAt: string | null
  balance: number | null
  pageCount: number | null
  colourPageCount: number | null
}

const COLS = `person_id AS "personId", username, state, print_enabled AS "printEnabled", error_kind AS "errorKind",
  error_reason AS "errorReason", to_char(error_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "errorAt", failures,
  to_char(synced_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "syncedAt", balance::float8 AS balance,
  page_count AS "pageCount", colour_page_count AS "colourPageCount"`

export const getAccount = (db: Db, personId: string) => db.one<AccountRow>(`SELECT ${COLS} FROM papercut.accounts WHERE person_id = $1`, [personId])

export const listAccounts = (db: Db) => db.many<AccountRow>(`SELECT ${COLS} FROM papercut.accounts ORDER BY username`)

/** Records a successful sync: state `synced`, errors cleared, the applied print state and counters stored. */
export async function saveSynced(db: Db, a: { personId: string; username: string; printEnabled: boolean; balance: number | null; pageCount: number | null; colourPageCount: number | null }): Promise<void> {
  await db.query(
    `INSERT INTO papercut.accounts (person_id, username, state, print_enabled, balance, page_count, colour_page_count, synced_at, failures)
     VALUES ($1, $2, 'synced', $3, $4, $5, $6, now(), 0)
     ON CONFLICT (tenant_id, person_id) DO UPDATE SET state = 'synced', print_enabled = $3, balance = COALESCE($4, accounts.balance),
       page_count = COALESCE($5, accounts.page_count), colour_page_count = COALESCE($6, accounts.colour_page_count), synced_at = now(),
       failures = 0, error_kind = NULL, error_reason = NULL, error_at = NULL`,
    [a.personId, a.username, a.printEnabled, a.balance, a.pageCount, a.colourPageCount])
}

/** Records a failed attempt; `dead` once the job's retries are exhausted. Returns the new failure count. */
export async function saveFailure(db: Db, f: { personId: string; username: string; kind: PaperCutErrorKind; reason: string; retryLimit: number }): Promise<{ failures: number; dead: boolean }> {
  const row = await db.one<{ failures: number; state: string }>(
    `INSERT INTO papercut.accounts (person_id, username, state, failures, error_kind, error_reason, error_at)
     VALUES ($1, $2, CASE WHEN $5::int < 1 THEN 'dead' ELSE 'error' END, 1, $3, $4, now())
     ON CONFLICT (tenant_id, person_id) DO UPDATE SET failures = accounts.failures + 1,
       state = CASE WHEN accounts.failures + 1 > $5::int THEN 'dead' ELSE 'error' END,
       error_kind = $3, error_reason = $4, error_at = now()
     RETURNING failures, state`, [f.personId, f.username, f.kind, f.reason, f.retryLimit])
  return { failures: row!.failures, dead: row!.state === 'dead' }
}

/** Staff retry: failures reset, state back to `pending` (errors stay visible until a sync succeeds). */
export async function resetFailures(db: Db, personId: string): Promise<boolean> {
  const r = await db.query(`UPDATE papercut.accounts SET failures = 0, state = CASE WHEN state = 'synced' THEN state ELSE 'pending' END WHERE person_id = $1`, [personId])
  return (r.rowCount ?? 0) > 0
}

/** Stores the counters read for the member screen. */
export async function saveCounters(db: Db, personId: string, c: { balance: number; pageCount: number; colourPageCount: number }): Promise<void> {
  await db.query('UPDATE papercut.accounts SET balance = $2, page_count = $3, colour_page_count = $4 WHERE person_id = $1', [personId, c.balance, c.pageCount, c.colourPageCount])
}

/**
 * Serialises work on one person within the tenant until the transaction ends (two syncs of a new person at once would
 * otherwise both find no PaperCut user and both create it).
 */
export async function lockPerson(db: Db, personId: string): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock(hashtextextended('papercut:' || current_setting('app.tenant_id') || ':' || $1::text, 0))`, [personId])
}
