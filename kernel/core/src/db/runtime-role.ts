/**
 * The runtime role the request and job pools connect as: LOGIN, NOSUPERUSER, NOBYPASSRLS, no CREATEROLE, so
 * Row-Level Security applies to every statement it runs and plugin SQL has nothing to escape to (`RESET ROLE` returns
 * to the runtime role itself; `SET ROLE <other>` and `SET SESSION AUTHORIZATION` are refused). Migrate (every boot)
 * creates it or brings it up to date; with a configured password the role's password is set as a SCRAM-SHA-256
 * verifier computed here, so the password never appears in the server's statement log. Roles are cluster-wide:
 * concurrent boots of other databases on the same server may race, which is tolerated.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto'
import type { Pool } from 'pg'
import { ident } from './sql-identifier.ts'

const ATTRIBUTES = 'LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION'

/** The SCRAM-SHA-256 verifier PostgreSQL stores for `password` (what `\password` sends, RFC 5802 / 7677). */
export function scramVerifier(password: string, iterations = 4096): string {
  const salt = randomBytes(16)
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256')
  const stored = createHash('sha256').update(createHmac('sha256', salted).update('Client Key').digest()).digest()
  const server = createHmac('sha256', salted).update('Server Key').digest()
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${stored.toString('base64')}:${server.toString('base64')}`
}

const retryable = (err: unknown) => ['XX000', '40001', '40P01', '42710', '23505'].includes((err as { code?: string }).code ?? '')

async function retry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn()
    } catch (err) {
      // "tuple concurrently updated" when another boot alters the same role at the same moment
      if (attempt >= 5 || !retryable(err)) throw err
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 80))
    }
  }
}

/**
 * Creates the runtime role if missing (LOGIN, no SUPERUSER/BYPASSRLS), gives an existing one LOGIN, sets its password
 * when `password` is given, refuses a role that could bypass RLS, and lets the admin user `SET ROLE` to it (tests
 * and maintenance assert isolation that way).
 */
export async function ensureRuntimeRole(pool: Pool, role: string, password?: string): Promise<void> {
  const r = ident(role)
  const state = async () =>
    (await pool.query('SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = $1', [role])).rows[0] as
      { rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean } | undefined
  let row = await state()
  if (!row) {
    try {
      await pool.query(`CREATE ROLE ${r} ${ATTRIBUTES}`)
    } catch (err) {
      const code = (err as { code?: string }).code
      if (code !== '42710' && code !== '23505') throw err // duplicate_object, or a concurrent creator
    }
    row = await state()
  }
  if (row?.rolsuper || row?.rolbypassrls) {
    throw new Error(`database.runtimeRole "${role}" is a superuser or has BYPASSRLS: Row-Level Security would not apply to it`)
  }
  if (!row?.rolcanlogin) await retry(() => pool.query(`ALTER ROLE ${r} ${ATTRIBUTES}`))
  if (password !== undefined) {
    const verifier = scramVerifier(password)
    await retry(() => pool.query(`ALTER ROLE ${r} PASSWORD '${verifier}'`)) // base64 and '$:' only: no quoting needed
  }
  const me = await pool.query('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')
  if (!me.rows[0]?.rolsuper) await pool.query(`GRANT ${r} TO current_user`)
}

/**
 * The runtime pool's URL: `runtimeUrl` if configured (e.g. PgBouncer), else the admin URL's server and database;
 * a user or password missing from it is the runtime role's.
 */
export function runtimeConnectionUrl(adminUrl: string, role: string, password: string | undefined, runtimeUrl?: string): string {
  const url = new URL(runtimeUrl ?? adminUrl)
  if (!runtimeUrl || !url.username) {
    url.username = encodeURIComponent(role)
    url.password = password !== undefined ? encodeURIComponent(password) : ''
  } else if (!url.password && password !== undefined) {
    url.password = encodeURIComponent(password)
  }
  return url.toString()
}

/**
 * Fails fast when the runtime pool is not logged in as the runtime role, or as one that bypasses RLS (a `runtimeUrl`
 * naming the superuser would silently turn Row-Level Security off).
 */
export async function assertRuntimeLogin(pool: Pool, role: string): Promise<void> {
  const { rows } = await pool.query(
    'SELECT session_user AS "user", r.rolsuper AS super, r.rolbypassrls AS bypass FROM pg_roles r WHERE r.rolname = session_user',
  )
  const me = rows[0] as { user: string; super: boolean; bypass: boolean } | undefined
  if (!me || me.user !== role) throw new Error(`the runtime pool is logged in as "${me?.user}", not database.runtimeRole "${role}"`)
  if (me.super || me.bypass) throw new Error(`the runtime pool's role "${role}" is a superuser or has BYPASSRLS`)
}
