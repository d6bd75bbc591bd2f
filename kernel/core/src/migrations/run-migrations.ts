/**
 * Runs a schema's pending migrations on an open transaction. Each schema tracks its own applied names in
 * `<schema>.tessera_migrations` — tracking is never shared by bare name across plugins (Medusa's bug). Names in the
 * database that the code does not know mean the database is newer than the code: that is refused.
 */
import type { PoolClient } from 'pg'
import type { Migration, MigrationDb } from '@tessera/sdk'
import { ident } from '../db/sql-identifier.ts'

/** Applies the pending migrations of `schema` in list order; returns the names applied. */
export async function runMigrations(client: PoolClient, schema: string, migrations: readonly Migration[]): Promise<string[]> {
  const s = ident(schema)
  const names = migrations.map((m) => m.name)
  const dup = names.find((n, i) => names.indexOf(n) !== i)
  if (dup) throw new Error(`migration name "${dup}" appears twice`)
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`)
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${s}.tessera_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  )
  const applied = new Set((await client.query(`SELECT name FROM ${s}.tessera_migrations`)).rows.map((r) => r.name as string))
  const unknown = [...applied].filter((n) => !names.includes(n))
  if (unknown.length) {
    throw new Error(`the database has migrations this code does not know (${unknown.join(', ')}): it is newer than the code`)
  }
  const pending = migrations.filter((m) => !applied.has(m.name))
  if (!pending.length) return []
  await client.query(`SET LOCAL search_path TO ${s}, public`)
  const db: MigrationDb = {
    query: async (sql, params) => {
      const r = await client.query(sql, params)
      return { rows: r.rows, rowCount: r.rowCount ?? 0 }
    },
  }
  for (const m of pending) {
    try {
      if (typeof m.up === 'string') await client.query(m.up)
      else await m.up(db)
    } catch (err) {
      throw new Error(`migration ${m.name} failed: ${(err as Error).message}`, { cause: err })
    }
    await client.query(`INSERT INTO ${s}.tessera_migrations (name) VALUES ($1)`, [m.name])
  }
  await client.query('SET LOCAL search_path TO DEFAULT')
  return pending.map((m) => m.name)
}
