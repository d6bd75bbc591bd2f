/**
 * SQL of `xero.documents`: one row per Tessera document mirrored into Xero, unique by (kind, Tessera id) — the
 * outbox the sync job drains in creation order, and the sync log staff read.
 */
import type { Db } from '@tessera/sdk'
import type { DocumentKind, SyncDocument, SyncState } from '../contract/xero-schemas.ts'

/** A document row. */
export interface DocumentRow {
  id: string
  kind: DocumentKind
  tessera_id: string
  parent_id: string | null
  label: string
  state: SyncState
  action: 'upsert' | 'void'
  xero_id: string | null
  error: string | null
  attempts: number
}

/**
 * Queues a document (new → pending; known → pending again with `action`, unless it is pending already). Returns
 * whether anything changed.
 */
export async function queueDocument(db: Db, d: { kind: DocumentKind; tesseraId: string; parentId?: string | null; label?: string; action?: 'upsert' | 'void' }): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO xero.documents (kind, tessera_id, parent_id, label, action) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, kind, tessera_id) DO UPDATE SET state = 'pending', error = NULL, updated_at = now(),
       action = CASE WHEN documents.action = 'void' THEN 'void' ELSE EXCLUDED.action END,
       label = CASE WHEN EXCLUDED.label = '' THEN documents.label ELSE EXCLUDED.label END
     WHERE documents.state <> 'pending' OR documents.action <> EXCLUDED.action`,
    [d.kind, d.tesseraId, d.parentId ?? null, d.label ?? '', d.action ?? 'upsert'],
  )
  return (r.rowCount ?? 0) > 0
}

/** Inserts many new documents at once (first sync); existing ones are left alone. Returns how many were new. */
export async function queueMany(db: Db, kind: DocumentKind, rows: { tesseraId: string; parentId?: string | null; label: string }[]): Promise<number> {
  if (!rows.length) return 0
  const r = await db.query(
    `INSERT INTO xero.documents (kind, tessera_id, parent_id, label)
     SELECT $1, t.id, t.parent, t.label FROM unnest($2::text[], $3::text[], $4::text[]) AS t(id, parent, label)
     ON CONFLICT (tenant_id, kind, tessera_id) DO NOTHING`,
    [kind, rows.map((r) => r.tesseraId), rows.map((r) => r.parentId ?? null), rows.map((r) => r.label)],
  )
  return r.rowCount ?? 0
}

/** The oldest pending documents of a kind (`limit` at most). */
export function pendingDocuments(db: Db, kind: DocumentKind, limit: number, action: 'upsert' | 'void' = 'upsert', excluding: string[] = []): Promise<DocumentRow[]> {
  return db.many<DocumentRow & Record<string, unknown>>(
    `SELECT id, kind, tessera_id, parent_id, label, state, action, xero_id, error, attempts FROM xero.documents
     WHERE state = 'pending' AND kind = $1 AND action = $2 AND NOT (id = ANY($4::uuid[])) ORDER BY created_at, id LIMIT $3`,
    [kind, action, limit, excluding],
  )
}

/** Whether any document is pending. */
export async function hasPending(db: Db): Promise<boolean> {
  return !!(await db.one('SELECT 1 FROM xero.documents WHERE state = \'pending\' LIMIT 1'))
}

/** The synced Xero ids of contacts, by Tessera id. */
export async function contactIds(db: Db, tesseraIds: string[]): Promise<Map<string, { xeroId: string | null; state: SyncState; error: string | null; label: string }>> {
  const rows = await db.many<{ tessera_id: string; xero_id: string | null; state: SyncState; error: string | null; label: string }>(
    'SELECT tessera_id, xero_id, state, error, label FROM xero.documents WHERE kind = \'contact\' AND tessera_id = ANY($1::text[])', [tesseraIds])
  return new Map(rows.map((r) => [r.tessera_id, { xeroId: r.xero_id, state: r.state, error: r.error, label: r.label }]))
}

/** A document by kind and Tessera id. */
export function documentOf(db: Db, kind: DocumentKind, tesseraId: string): Promise<DocumentRow | undefined> {
  return db.one<DocumentRow & Record<string, unknown>>(
    'SELECT id, kind, tessera_id, parent_id, label, state, action, xero_id, error, attempts FROM xero.documents WHERE kind = $1 AND tessera_id = $2', [kind, tesseraId])
}

/** A document by Xero id. */
export function documentByXeroId(db: Db, kind: DocumentKind, xeroId: string): Promise<DocumentRow | undefined> {
  return db.one<DocumentRow & Record<string, unknown>>(
    'SELECT id, kind, tessera_id, parent_id, label, state, action, xero_id, error, attempts FROM xero.documents WHERE kind = $1 AND xero_id = $2', [kind, xeroId])
}

/** Records a document written (or found) in Xero. */
export async function markSynced(db: Db, id: string, xeroId: string, snapshot?: { status: string; total: number; amountDue: number }): Promise<void> {
  await db.query(
    `UPDATE xero.documents SET state = 'synced', xero_id = $2, error = NULL, action = 'upsert', synced_at = now(), updated_at = now(),
       xero_status = COALESCE($3, xero_status), xero_total = COALESCE($4, xero_total), xero_amount_due = COALESCE($5, xero_amount_due) WHERE id = $1`,
    [id, xeroId, snapshot?.status ?? null, snapshot?.total ?? null, snapshot?.amountDue ?? null],
  )
}

/** Records Xero's refusal (its validation message). */
export async function markFailed(db: Db, id: string, error: string): Promise<void> {
  await db.query('UPDATE xero.documents SET state = \'failed\', error = $2, updated_at = now() WHERE id = $1', [id, error.slice(0, 2000)])
}

/** Updates the Xero-side snapshot of an invoice (reconciliation). */
export async function saveSnapshot(db: Db, xeroId: string, s: { status: string; total: number; amountDue: number }): Promise<void> {
  await db.query('UPDATE xero.documents SET xero_status = $2, xero_total = $3, xero_amount_due = $4 WHERE xero_id = $1', [xeroId, s.status, s.total, s.amountDue])
}

/** Puts a failed document back in the queue with a new attempt number (a new idempotency key). */
export async function retryDocument(db: Db, id: string): Promise<DocumentRow | undefined> {
  return db.one<DocumentRow & Record<string, unknown>>(
    `UPDATE xero.documents SET state = 'pending', error = NULL, attempts = attempts + 1, updated_at = now() WHERE id = $1 AND state = 'failed'
     RETURNING id, kind, tessera_id, parent_id, label, state, action, xero_id, error, attempts`, [id])
}

function toWire(r: Record<string, unknown>): SyncDocument {
  return {
    id: r.id as string, kind: r.kind as DocumentKind, tesseraId: r.tessera_id as string, label: r.label as string, state: r.state as SyncState,
    xeroId: r.xero_id as string | null, error: r.error as string | null, attempts: r.attempts as number,
    updatedAt: (r.updated_at as Date).toISOString(), syncedAt: r.synced_at ? (r.synced_at as Date).toISOString() : null,
  }
}

/** A page of the sync log, newest change first, with counts per state. */
export async function listDocuments(db: Db, q: { state?: SyncState; kind?: DocumentKind; limit?: number; offset?: number }): Promise<{ items: SyncDocument[]; total: number; counts: Record<SyncState, number> }> {
  const rows = await db.many(
    `SELECT *, count(*) OVER () AS total FROM xero.documents WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR kind = $2)
     ORDER BY updated_at DESC, id LIMIT $3 OFFSET $4`,
    [q.state ?? null, q.kind ?? null, q.limit ?? 50, q.offset ?? 0])
  const counts = { pending: 0, synced: 0, failed: 0 }
  for (const c of await db.many<{ state: SyncState; n: number }>('SELECT state, count(*)::int AS n FROM xero.documents GROUP BY state')) counts[c.state] = c.n
  return { items: rows.map(toWire), total: rows.length ? Number(rows[0].total) : 0, counts }
}

/** A document as the sync log shows it. */
export async function getDocument(db: Db, id: string): Promise<SyncDocument | undefined> {
  const r = await db.one('SELECT * FROM xero.documents WHERE id = $1', [id])
  return r ? toWire(r) : undefined
}

/** Snapshots of synced invoices by Tessera id (reconciliation). */
export function invoiceSnapshots(db: Db, tesseraIds: string[]): Promise<{ tessera_id: string; state: SyncState; xero_status: string | null; xero_total: string | null; xero_amount_due: string | null }[]> {
  return db.many('SELECT tessera_id, state, xero_status, xero_total, xero_amount_due FROM xero.documents WHERE kind IN (\'invoice\', \'credit_note\') AND tessera_id = ANY($1::text[])', [tesseraIds])
}

/** Sets the labels the sync log shows (a contact's name). */
export async function setLabels(db: Db, rows: { id: string; label: string }[]): Promise<void> {
  if (!rows.length) return
  await db.query('UPDATE xero.documents d SET label = t.label FROM unnest($1::uuid[], $2::text[]) AS t(id, label) WHERE d.id = t.id AND d.label <> t.label',
    [rows.map((r) => r.id), rows.map((r) => r.label)])
}
