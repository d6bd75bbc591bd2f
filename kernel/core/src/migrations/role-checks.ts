/**
 * The tenant roles live in one place, the SDK's `TENANT_ROLES`; the database's CHECK constraints on `role` columns are
 * generated from it. `syncRoleChecks` replaces every `*_role_check` constraint of the `tessera` schema with one built
 * from the list. It runs as a kernel migration; a change to the role list ships with a new migration that calls it
 * again (a migration that has run never re-runs). New tables write their constraint with `roleCheck()`.
 */
import { TENANT_ROLES } from '@tessera/sdk'
import type { MigrationDb } from '@tessera/sdk'
import { ident } from '../db/sql-identifier.ts'

/** `CHECK (<column> IN ('owner', ...))` from the SDK's role list. */
export function roleCheck(column = 'role'): string {
  return `CHECK (${ident(column)} IN (${TENANT_ROLES.map((r) => `'${r.replace(/'/g, "''")}'`).join(', ')}))`
}

/** Rebuilds every `<table>_role_check` constraint in schema `tessera` from `TENANT_ROLES`; returns the tables touched. */
export async function syncRoleChecks(db: MigrationDb): Promise<string[]> {
  const { rows } = await db.query(
    `SELECT c.conname, t.relname FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'tessera' AND c.contype = 'c' AND c.conname = t.relname || '_role_check'
      ORDER BY t.relname`,
  )
  for (const r of rows as { conname: string; relname: string }[]) {
    await db.query(`ALTER TABLE tessera.${ident(r.relname)} DROP CONSTRAINT ${ident(r.conname)}, ADD CONSTRAINT ${ident(r.conname)} ${roleCheck()}`)
  }
  return rows.map((r) => String(r.relname))
}
