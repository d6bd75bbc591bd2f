/**
 * Makes every tenant table of a schema safe: a table with a `tenant_id` column gets Row-Level Security ENABLE +
 * FORCE, the policy `tenant_id = tessera.current_tenant()` (the transaction-local `app.tenant_id`) for reads and
 * writes, and `tenant_id` defaulting to the current tenant. The runtime role gets DML on the schema's tables
 * except the migration tracking table. Idempotent; runs in the migration transaction.
 */
import type { PoolClient } from 'pg'
import { ident } from '../db/sql-identifier.ts'

/** Applies tenancy rules to `schema`; returns the tenant tables it covered. */
export async function applyTenancy(client: PoolClient, schema: string, runtimeRole: string, grantDml = true): Promise<string[]> {
  const s = ident(schema)
  const role = ident(runtimeRole)
  if (grantDml) {
    await client.query(`GRANT USAGE ON SCHEMA ${s} TO ${role}`)
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${role}`)
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${role}`)
    await client.query(`REVOKE ALL ON ${s}.tessera_migrations FROM ${role}`)
  }
  const { rows } = await client.query(
    `SELECT c.relname AS table, a.atthasdef AS has_default,
            EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'tenant_isolation') AS has_policy
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')`,
    [schema],
  )
  for (const row of rows) {
    const t = `${s}.${ident(row.table)}`
    await client.query(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`)
    await client.query(`ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`)
    if (!row.has_policy) {
      await client.query(
        `CREATE POLICY tenant_isolation ON ${t} USING (tenant_id = tessera.current_tenant()) WITH CHECK (tenant_id = tessera.current_tenant())`,
      )
    }
    if (!row.has_default) await client.query(`ALTER TABLE ${t} ALTER COLUMN tenant_id SET DEFAULT tessera.current_tenant()`)
  }
  return rows.map((r) => r.table as string)
}
