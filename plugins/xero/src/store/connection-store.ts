/**
 * SQL of `xero.connections` and `xero.oauth_states`: the tenant's connection row (state, sealed tokens, organisation,
 * rate-limit ledger) and the one-time authorisation states.
 */
import type { Db } from '@tessera/sdk'

/** The connection row. */
export interface ConnectionRow {
  state: 'disconnected' | 'choose_organisation' | 'connected' | 'reconnect'
  token_box: string | null
  access_expires_at: Date | null
  xero_tenant_id: string | null
  organisation_name: string | null
  organisations: { tenantId: string; name: string; connectionId?: string }[]
  last_error: string | null
  window_started_at: Date | null
  window_calls: number
  day: string | null
  day_calls: number
  blocked_until: Date | null
  first_sync: 'none' | 'running' | 'done'
  reconciled_at: Date | null
}

const COLUMNS = `state, token_box, access_expires_at, xero_tenant_id, organisation_name, organisations, last_error, window_started_at,
  window_calls, to_char(day, 'YYYY-MM-DD') AS day, day_calls, blocked_until, first_sync, reconciled_at`

/** The tenant's connection, or undefined before the first connect. */
export function getConnection(db: Db): Promise<ConnectionRow | undefined> {
  return db.one<ConnectionRow & Record<string, unknown>>(`SELECT ${COLUMNS} FROM xero.connections`)
}

/** The connection row locked for update (the sync job and the refresh job hold it while they use the tokens). */
export function lockConnection(db: Db): Promise<ConnectionRow | undefined> {
  return db.one<ConnectionRow & Record<string, unknown>>(`SELECT ${COLUMNS} FROM xero.connections FOR UPDATE`)
}

/** Writes the given columns (creating the row if needed). */
export async function saveConnection(db: Db, fields: Partial<Omit<ConnectionRow, 'organisations'>> & { organisations?: ConnectionRow['organisations'] }): Promise<void> {
  const keys = Object.keys(fields) as (keyof typeof fields)[]
  const values = keys.map((k) => (k === 'organisations' ? JSON.stringify(fields[k]) : fields[k]))
  const cols = keys.join(', ')
  const params = keys.map((_, i) => `$${i + 1}`).join(', ')
  const sets = keys.map((k) => `${k} = EXCLUDED.${k}`).join(', ')
  await db.query(
    `INSERT INTO xero.connections (${cols}${keys.length ? ', ' : ''}updated_at) VALUES (${params}${keys.length ? ', ' : ''}now())
     ON CONFLICT (tenant_id) DO UPDATE SET ${sets}${keys.length ? ', ' : ''}updated_at = now()`,
    values,
  )
}

/** Stores a pending authorisation. */
export async function saveOAuthState(db: Db, state: string, codeVerifier: string, redirectUri: string): Promise<void> {
  await db.query('DELETE FROM xero.oauth_states WHERE created_at < now() - interval \'1 hour\'')
  await db.query('INSERT INTO xero.oauth_states (state, code_verifier, redirect_uri) VALUES ($1, $2, $3)', [state, codeVerifier, redirectUri])
}

/** Takes (deletes and returns) a pending authorisation younger than an hour. */
export function takeOAuthState(db: Db, state: string): Promise<{ code_verifier: string; redirect_uri: string } | undefined> {
  return db.one('DELETE FROM xero.oauth_states WHERE state = $1 AND created_at > now() - interval \'1 hour\' RETURNING code_verifier, redirect_uri', [state])
}

/** Takes the tenant's sync lock for this transaction; false when another sync job of the tenant holds it. */
export async function trySyncLock(db: Db, tenantId: string): Promise<boolean> {
  const row = await db.one<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext(\'tessera/xero/sync\'), hashtext($1)) AS ok', [tenantId])
  return row!.ok
}
