/**
 * The runtime role every tenant transaction switches to: NOLOGIN, NOSUPERUSER, NOBYPASSRLS, so Row-Level Security
 * applies to it. Roles are cluster-wide; creating it is idempotent and tolerates a concurrent creator.
 */
import type { Pool } from 'pg'
import { ident } from './sql-identifier.ts'

/** Creates the role if missing, checks it cannot bypass RLS, and lets the admin user `SET ROLE` to it. */
export async function ensureRuntimeRole(pool: Pool, role: string): Promise<void> {
  const r = ident(role)
  try {
    await pool.query(`CREATE ROLE ${r} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT`)
  } catch (err) {
    const code = (err as { code?: string }).code
    if (code !== '42710' && code !== '23505') throw err // duplicate_object, or a concurrent creator
  }
  const { rows } = await pool.query('SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1', [role])
  if (rows[0]?.rolsuper || rows[0]?.rolbypassrls) {
    throw new Error(`database.runtimeRole "${role}" is a superuser or has BYPASSRLS: Row-Level Security would not apply to it`)
  }
  const me = await pool.query('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')
  if (!me.rows[0]?.rolsuper) await pool.query(`GRANT ${r} TO current_user`)
}
