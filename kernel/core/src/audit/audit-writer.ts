/**
 * Appends to `tessera.audit_log`. Inside a tenant transaction the row is written on that transaction (so a rolled-back
 * mutation leaves no audit row, and a committed one always has one); platform actions of operators are written on the
 * admin pool. The table refuses UPDATE, DELETE and TRUNCATE at the database level.
 */
import type { Pool } from 'pg'
import type { Actor, AuditEntry } from '@tessera/sdk'
import { currentScope, runOrDefer } from '../db/tenant-scope.ts'

const INSERT = `INSERT INTO tessera.audit_log (tenant_id, actor_type, actor_id, actor_label, plugin, action, target, data, request_id)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`

/**
 * Records an entry on the current tenant transaction, attributed to `plugin`. In a transaction the row travels with
 * the next statement or the COMMIT (no round trip of its own; a failure still fails the transaction).
 */
export async function auditInScope(plugin: string | null, entry: AuditEntry): Promise<void> {
  const s = currentScope()
  s.audited = true
  await runOrDefer(s.client, INSERT, [
    s.tenantId, s.actor.type, s.actor.id, s.actor.label ?? null, plugin, entry.action, entry.target ?? null,
    entry.data ? JSON.stringify(entry.data) : null, s.requestId ?? null,
  ])
}

/** Records a platform (operator) action, optionally about a tenant. */
export async function auditPlatform(pool: Pool, actor: Actor, entry: AuditEntry & { tenantId?: string | null; requestId?: string }): Promise<void> {
  await pool.query(INSERT, [
    entry.tenantId ?? null, actor.type, actor.id, actor.label ?? null, 'tessera', entry.action, entry.target ?? null,
    entry.data ? JSON.stringify(entry.data) : null, entry.requestId ?? null,
  ])
}
