/**
 * SQL of print jobs. A job only moves forward (`queued` 0 → `sent` 1 → `printing` 2 → a terminal state 3): an older
 * or redelivered report of the agent never moves it back, and a terminal job never changes again. Its document is
 * dropped when it ends. "Due" work of an agent is what the dispatcher sends next: queued jobs whose retry time has come
 * and that are not in flight (a `print` command unanswered for less than the redispatch window), and cancels asked for
 * on jobs the printer already has.
 */
import type { Db } from '@tessera/sdk'
import type { PrintJob } from '../contract/index.ts'

/** A job row. */
export type PrintJobRow = {
  id: string; request_id: string; printer_id: string | null; purpose: string | null; title: string; content_type: PrintJob['contentType']; copies: number
  source: string; actor: Record<string, unknown>; state: PrintJob['state']; reason: string | null; message: string | null; printer_job_id: string | null
  pages_printed: number | null; attempts: number; dispatched_at: Date | null; cancel_requested_at: Date | null; created_at: Date; updated_at: Date
  finished_at: Date | null
}

const COLUMNS = `id, request_id, printer_id, purpose, title, content_type, copies, source, actor, state, reason, message, printer_job_id, pages_printed,
  attempts, dispatched_at, cancel_requested_at, created_at, updated_at, finished_at`
const RANK = (s: string) => `CASE ${s} WHEN 'queued' THEN 0 WHEN 'sent' THEN 1 WHEN 'printing' THEN 2 ELSE 3 END`
const TERMINAL = `('completed', 'failed', 'cancelled')`
const ended = `finished_at = now(), document = NULL, next_attempt_at = NULL`
const finish = `${ended}, updated_at = now(), dispatched_at = NULL`

/** The wire form of a job row. */
export const toPrintJob = (r: PrintJobRow): PrintJob => ({
  id: r.id, requestId: r.request_id, printerId: r.printer_id, purpose: r.purpose, title: r.title, contentType: r.content_type, copies: r.copies,
  state: r.state, reason: r.reason, message: r.message, attempts: r.attempts, printerJobId: r.printer_job_id, pagesPrinted: r.pages_printed,
  source: r.source, cancelRequested: r.cancel_requested_at !== null && r.finished_at === null,
  createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(), finishedAt: r.finished_at?.toISOString() ?? null,
})

/** The job of a request id. */
export function jobByRequestId(db: Db, requestId: string): Promise<PrintJobRow | undefined> {
  return db.one<PrintJobRow>(`SELECT ${COLUMNS} FROM access.print_jobs WHERE request_id = $1`, [requestId])
}

/** One job. */
export function getJobRow(db: Db, id: string): Promise<PrintJobRow | undefined> {
  return db.one<PrintJobRow>(`SELECT ${COLUMNS} FROM access.print_jobs WHERE id = $1`, [id])
}

/** Jobs newest first, optionally of one printer or in one state. */
export function listJobRows(db: Db, q: { printerId?: string; state?: string; limit: number; offset: number }): Promise<PrintJobRow[]> {
  return db.many<PrintJobRow>(
    `SELECT ${COLUMNS} FROM access.print_jobs WHERE ($1::uuid IS NULL OR printer_id = $1) AND ($2::text IS NULL OR state = $2)
      ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`, [q.printerId ?? null, q.state ?? null, q.limit, q.offset])
}

/** Inserts a queued job unless its request id exists; returns the new row, or undefined when the request id was taken. */
export function insertJob(db: Db, j: {
  requestId: string; printerId: string; purpose: string | null; title: string; contentType: string; document: Buffer; copies: number; source: string; actor: object
}): Promise<PrintJobRow | undefined> {
  return db.one<PrintJobRow>(
    `INSERT INTO access.print_jobs (request_id, printer_id, purpose, title, content_type, document, copies, source, actor)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (tenant_id, request_id) DO NOTHING RETURNING ${COLUMNS}`,
    [j.requestId, j.printerId, j.purpose, j.title, j.contentType, j.document, j.copies, j.source, JSON.stringify(j.actor)])
}

/** What the dispatcher sends for one job. */
export type DueWork =
  | { kind: 'print'; id: string; deviceId: string; contentType: string; document: Buffer; title: string; copies: number; actor: Record<string, unknown> }
  | { kind: 'cancel'; id: string; deviceId: string }

/**
 * Locks (skipping rows another dispatcher holds) and returns the agent's due work, oldest first, and marks it in
 * flight. Queued jobs asked to be cancelled before their `print` was answered are cancelled here when that command
 * went unanswered for the whole window.
 */
export async function claimDueWork(db: Db, agentId: string, windowSeconds: number, limit: number): Promise<DueWork[]> {
  const rows = await db.many<{ id: string; kind: 'print' | 'cancel'; device_id: string; content_type: string; document: Buffer; title: string; copies: number; actor: Record<string, unknown> }>(
    `SELECT j.id, CASE WHEN j.cancel_requested_at IS NULL THEN 'print' ELSE 'cancel' END AS kind, p.device_id, j.content_type, j.document, j.title, j.copies, j.actor
       FROM access.print_jobs j JOIN access.printers p ON p.id = j.printer_id
      WHERE p.agent_id = $1 AND (
        (j.state = 'queued' AND j.cancel_requested_at IS NULL AND coalesce(j.next_attempt_at, '-infinity') <= now()
          AND (j.dispatched_at IS NULL OR j.dispatched_at < now() - make_interval(secs => $2)))
        OR (j.state IN ('sent', 'printing') AND j.cancel_requested_at IS NOT NULL
          AND (j.cancel_sent_at IS NULL OR j.cancel_sent_at < now() - make_interval(secs => $2))))
      ORDER BY j.created_at, j.id LIMIT $3 FOR UPDATE OF j SKIP LOCKED`, [agentId, windowSeconds, limit])
  const out: DueWork[] = []
  for (const r of rows) {
    if (r.kind === 'print') {
      await db.query('UPDATE access.print_jobs SET dispatched_at = now() WHERE id = $1', [r.id])
      out.push({ kind: 'print', id: r.id, deviceId: r.device_id, contentType: r.content_type, document: r.document, title: r.title, copies: r.copies, actor: r.actor })
    } else {
      await db.query('UPDATE access.print_jobs SET cancel_sent_at = now() WHERE id = $1', [r.id])
      out.push({ kind: 'cancel', id: r.id, deviceId: r.device_id })
    }
  }
  return out
}

/** Cancels queued jobs whose cancel was asked while their `print` was in flight and never answered. */
export function cancelUnansweredJobs(db: Db, agentId: string, windowSeconds: number): Promise<PrintJobRow[]> {
  return db.many<PrintJobRow>(
    `UPDATE access.print_jobs j SET state = 'cancelled', message = 'cancelled before the printer had it', ${finish}
       FROM access.printers p WHERE p.id = j.printer_id AND p.agent_id = $1 AND j.state = 'queued' AND j.cancel_requested_at IS NOT NULL
        AND (j.dispatched_at IS NULL OR j.dispatched_at < now() - make_interval(secs => $2))
      RETURNING ${COLUMNS.split(',').map((c) => `j.${c.trim()}`).join(', ')}`, [agentId, windowSeconds])
}

/**
 * Moves a job forward to `state` (never back; a terminal job stays as it is), with what the printer said. Returns
 * the row when it changed.
 */
export function advanceJob(db: Db, id: string, next: { state: PrintJob['state']; reason?: string | null; message?: string | null; printerJobId?: string | null; pagesPrinted?: number | null }): Promise<PrintJobRow | undefined> {
  const terminal = ['completed', 'failed', 'cancelled'].includes(next.state)
  return db.one<PrintJobRow>(
    `UPDATE access.print_jobs SET state = $2, reason = CASE WHEN $2 = 'completed' THEN NULL ELSE coalesce($3, reason) END,
        message = coalesce($4, CASE WHEN $2 = 'completed' THEN NULL ELSE message END),
        printer_job_id = coalesce($5, printer_job_id), pages_printed = coalesce($6, pages_printed), updated_at = now(),
        dispatched_at = NULL ${terminal ? `, ${ended}` : ''}
      WHERE id = $1 AND ${RANK('state')} < ${RANK('$2::text')} RETURNING ${COLUMNS}`,
    [id, next.state, next.reason ?? null, next.message ?? null, next.printerJobId ?? null, next.pagesPrinted ?? null])
}

/**
 * Counts a failed attempt of a queued job: retried after `delaySeconds`, or failed for good at `maxAttempts`. Returns
 * the changed row.
 */
export function retryOrFail(db: Db, id: string, r: { reason: string; message: string; delaySeconds: number; maxAttempts: number }): Promise<PrintJobRow | undefined> {
  return db.one<PrintJobRow>(
    `UPDATE access.print_jobs SET attempts = attempts + 1, reason = $2, message = $3, updated_at = now(), dispatched_at = NULL,
        next_attempt_at = now() + make_interval(secs => $4),
        state = CASE WHEN attempts + 1 >= $5 THEN 'failed' ELSE state END,
        finished_at = CASE WHEN attempts + 1 >= $5 THEN now() END,
        document = CASE WHEN attempts + 1 >= $5 THEN NULL ELSE document END
      WHERE id = $1 AND state = 'queued' RETURNING ${COLUMNS}`, [id, r.reason, r.message, r.delaySeconds, r.maxAttempts])
}

/** Fails every queued job created more than `minutes` ago (its agent or printer stayed away too long). */
export function expireJobs(db: Db, minutes: number): Promise<PrintJobRow[]> {
  return db.many<PrintJobRow>(
    `UPDATE access.print_jobs SET state = 'failed', reason = 'expired',
        message = coalesce(message || ' — ', '') || 'not printed within ' || $1 || ' minutes', ${finish}
      WHERE state = 'queued' AND created_at < now() - make_interval(mins => $1) RETURNING ${COLUMNS}`, [minutes])
}

/** Fails the open jobs of a printer that is being removed. */
export function failPrinterJobs(db: Db, printerId: string): Promise<PrintJobRow[]> {
  return db.many<PrintJobRow>(
    `UPDATE access.print_jobs SET state = 'failed', reason = 'printer-removed', message = 'the printer was removed', ${finish}
      WHERE printer_id = $1 AND state NOT IN ${TERMINAL} RETURNING ${COLUMNS}`, [printerId])
}

/** Asks for a job to be cancelled (a no-op for a finished job); returns the row. */
export function requestCancel(db: Db, id: string): Promise<PrintJobRow | undefined> {
  return db.one<PrintJobRow>(
    `UPDATE access.print_jobs SET cancel_requested_at = coalesce(cancel_requested_at, now()), cancel_sent_at = NULL, updated_at = now()
      WHERE id = $1 AND state NOT IN ${TERMINAL} RETURNING ${COLUMNS}`, [id])
}

/** Withdraws a cancel the printer refused (the job goes on), noting why. */
export function refuseCancel(db: Db, id: string, message: string): Promise<PrintJobRow | undefined> {
  return db.one<PrintJobRow>(
    `UPDATE access.print_jobs SET cancel_requested_at = NULL, cancel_sent_at = NULL, message = $2, updated_at = now()
      WHERE id = $1 AND state NOT IN ${TERMINAL} RETURNING ${COLUMNS}`, [id, message])
}

/** Makes the printer's queued jobs due now (it came back online). */
export async function wakePrinterJobs(db: Db, printerId: string): Promise<number> {
  return (await db.query(`UPDATE access.print_jobs SET next_attempt_at = now() WHERE printer_id = $1 AND state = 'queued'`, [printerId])).rowCount
}

/** Whether the agent has due print work (cheap check for the connection's poll). */
export async function hasDueWork(db: Db, agentId: string, windowSeconds: number): Promise<boolean> {
  const row = await db.one<{ due: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM access.print_jobs j JOIN access.printers p ON p.id = j.printer_id
      WHERE p.agent_id = $1 AND j.state IN ('queued', 'sent', 'printing') AND (
        (j.state = 'queued' AND j.cancel_requested_at IS NULL AND coalesce(j.next_attempt_at, '-infinity') <= now()
          AND (j.dispatched_at IS NULL OR j.dispatched_at < now() - make_interval(secs => $2)))
        OR (j.cancel_requested_at IS NOT NULL AND j.state = 'queued' AND j.dispatched_at < now() - make_interval(secs => $2))
        OR (j.cancel_requested_at IS NOT NULL AND j.state <> 'queued' AND (j.cancel_sent_at IS NULL OR j.cancel_sent_at < now() - make_interval(secs => $2))))) AS due`,
    [agentId, windowSeconds])
  return row?.due ?? false
}
