/**
 * The kernel's database part: the configured admin URL, or embedded PostgreSQL when there is none; the small admin
 * pool (migrations and platform tables, never plugin SQL); the runtime role ensured (LOGIN, no SUPERUSER, no
 * BYPASSRLS; embedded PostgreSQL authenticates by password, so without a configured one it gets a fresh one per boot);
 * the kernel schema migrated under an advisory lock, with the runtime role's grants on it; then the runtime pool that
 * every tenant transaction (requests, jobs, subscribers, hooks) runs on, logged in as the runtime role — checked, so a
 * misconfigured login refuses to boot. `database.runtimeUrl` may point the runtime pool at PgBouncer; LISTEN and
 * pg-boss stay on the admin URL. The runtime pool's connections send the kernel's frequent statements as named
 * prepared statements (`db/prepared-statements.ts`) unless `database.preparedStatements` is off — by default it is
 * off when `runtimeUrl` is set, for PgBouncer before 1.21.
 */
import { randomBytes } from 'node:crypto'
import type pg from 'pg'
import type { KernelConfig } from '@tessera/config'
import type { Logger } from '@tessera/sdk'
import { startEmbeddedPostgres } from '../db/embedded-postgres.ts'
import { ensureRuntimeRole, runtimeConnectionUrl, assertRuntimeLogin } from '../db/runtime-role.ts'
import { createPool, endPool } from '../db/create-pool.ts'
import { allowPreparedStatements } from '../db/prepared-statements.ts'
import { ident } from '../db/sql-identifier.ts'
import { withTransaction } from '../db/with-transaction.ts'
import { runMigrations } from '../migrations/run-migrations.ts'
import { kernelMigrations } from '../migrations/kernel-migrations.ts'
import type { ShutdownSteps } from './shutdown-steps.ts'

/** The started database. */
export interface KernelDatabase {
  /** The admin database URL in use (embedded or configured). */
  url: string
  /** The admin pool: migrations and platform tables. */
  pool: pg.Pool
  /** The runtime pool, logged in as `role`. */
  runtimePool: pg.Pool
  /** The runtime role's name. */
  role: string
  /** Whether each pool answers within a second (what `/readyz` reports). */
  ping(): Promise<{ database: boolean; runtimeDatabase: boolean }>
}

/** Starts the database part; its stop steps go to `steps`. */
export async function startDatabase(config: KernelConfig['database'], log: Logger, steps: ShutdownSteps): Promise<KernelDatabase> {
  const embedded = config.url ? undefined : await startEmbeddedPostgres(config.embedded.dataDir, config.embedded.port, log)
  if (embedded) steps.add(async () => embedded.stop())
  const url = config.url ?? embedded!.url
  const pool = createPool(url, config.adminPoolSize, 'tessera-admin', log)
  steps.add(() => endPool(pool))
  const role = config.runtimeRole
  const runtimePassword = config.runtimePassword ?? (embedded ? randomBytes(18).toString('base64url') : undefined)
  await ensureRuntimeRole(pool, role, runtimePassword)
  await migrateKernel(pool, role)
  const runtimePool = createPool(runtimeConnectionUrl(url, role, runtimePassword, config.runtimeUrl), config.poolSize, 'tessera', log)
  if (config.preparedStatements ?? !config.runtimeUrl) runtimePool.on('connect', allowPreparedStatements)
  steps.add(() => endPool(runtimePool))
  await assertRuntimeLogin(runtimePool, role)
  return {
    url, pool, runtimePool, role,
    async ping() {
      const [database, runtimeDatabase] = await Promise.all([pingDatabase(pool), pingDatabase(runtimePool)])
      return { database, runtimeDatabase }
    },
  }
}

async function migrateKernel(pool: pg.Pool, role: string): Promise<void> {
  await withTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('tessera.kernel'))`)
    await runMigrations(client, 'tessera', kernelMigrations)
    await client.query(`GRANT USAGE ON SCHEMA tessera TO ${ident(role)}`)
    await client.query(`GRANT SELECT, INSERT ON tessera.audit_log TO ${ident(role)}`)
    await client.query(`GRANT SELECT, INSERT, UPDATE ON tessera.idempotency_keys TO ${ident(role)}`)
    await client.query(`GRANT SELECT, INSERT ON tessera.job_receipts TO ${ident(role)}`)
  })
}

async function pingDatabase(pool: pg.Pool): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      pool.query('SELECT 1').then(() => true),
      new Promise<boolean>((ok) => (timer = setTimeout(() => ok(false), 1000))),
    ])
  } catch {
    return false
  } finally {
    clearTimeout(timer)
  }
}
