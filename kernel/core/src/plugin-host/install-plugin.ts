/**
 * Installs or upgrades one plugin in its own transaction: takes the plugin's advisory lock (two kernels booting at
 * once do not race), refuses a downgrade, runs the pending migrations in the plugin's own schema, applies the tenancy
 * rules (RLS on every tenant table), calls `onInstall` or `onUpgrade(from, to)`, and records the version. Any error
 * rolls all of it back — no table, column or tracking row is left — and records the plugin as failed with the reason.
 */
import type { Pool } from 'pg'
import semver from 'semver'
import type { PluginDefinition, Logger } from '@tessera/sdk'
import { runMigrations } from '../migrations/run-migrations.ts'
import { applyTenancy } from './apply-tenancy.ts'
import { pluginSchema, ident } from '../db/sql-identifier.ts'
import { withTransaction } from '../db/with-transaction.ts'

/** What an install did. */
export interface InstallOutcome {
  from: string | null
  to: string
  applied: string[]
}

/** Installs/upgrades `plugin`; throws (after recording the failure) when it cannot. */
export async function installPlugin(pool: Pool, plugin: PluginDefinition, runtimeRole: string, log: Logger): Promise<InstallOutcome> {
  try {
    const outcome = await withTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tessera.install:${plugin.id}`])
      const prev = (await client.query('SELECT version FROM tessera.plugins WHERE id = $1', [plugin.id])).rows[0] as { version: string | null } | undefined
      const from = prev?.version ?? null
      if (from && semver.lt(plugin.version, from)) {
        throw new Error(`downgrade from ${from} to ${plugin.version} refused: the database was migrated by ${from}; install ${from} or newer`)
      }
      const schema = pluginSchema(plugin.id)
      const applied = await runMigrations(client, schema, plugin.migrations ?? [])
      await applyTenancy(client, schema, runtimeRole)
      const db = { query: async (sql: string, params?: unknown[]) => { const r = await client.query(sql, params); return { rows: r.rows, rowCount: r.rowCount ?? 0 } } }
      await client.query(`SET LOCAL search_path TO ${ident(schema)}, public`)
      if (!from) await plugin.onInstall?.({ db, log })
      else if (semver.gt(plugin.version, from)) await plugin.onUpgrade?.({ db, log }, from, plugin.version)
      await client.query('SET LOCAL search_path TO DEFAULT')
      await client.query(
        `INSERT INTO tessera.plugins (id, version, state, error, installed_at) VALUES ($1, $2, 'installed', NULL, now())
         ON CONFLICT (id) DO UPDATE SET version = $2, state = 'installed', error = NULL, updated_at = now()`,
        [plugin.id, plugin.version],
      )
      return { from, to: plugin.version, applied }
    })
    if (outcome.applied.length || outcome.from !== plugin.version) log.info({ plugin: plugin.id, ...outcome }, 'plugin installed')
    return outcome
  } catch (err) {
    await recordPluginFailure(pool, plugin.id, (err as Error).message)
    throw err
  }
}

/** Records that `pluginId` failed (keeping the version its schema is at). */
export async function recordPluginFailure(pool: Pool, pluginId: string, reason: string): Promise<void> {
  await pool.query(
    `INSERT INTO tessera.plugins (id, version, state, error) VALUES ($1, NULL, 'failed', $2)
     ON CONFLICT (id) DO UPDATE SET state = 'failed', error = $2, updated_at = now()`,
    [pluginId, reason],
  )
}
