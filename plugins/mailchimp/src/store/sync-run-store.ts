/**
 * SQL for sync runs: a first sync's batches and their progress (operations finished and errored), shown on the status
 * screen.
 */
import type { Db } from '@tessera/sdk'
import type { SyncRun } from '../contract/mailchimp-schemas.ts'
import { isoTimestamp } from './iso-timestamp.ts'

const SELECT = `SELECT id, audience_id AS "audienceId", status, total_operations AS "totalOperations",
  finished_operations AS "finishedOperations", errored_operations AS "erroredOperations", error,
  ${isoTimestamp('started_at')} AS "startedAt", ${isoTimestamp('finished_at')} AS "finishedAt", batch_ids AS "batchIds", phase, done_operations AS "doneOperations", done_errored AS "doneErrored"
  FROM mailchimp.sync_runs`

/** A run with its batch ids. */
export type StoredRun = SyncRun & { batchIds: string[]; phase: 'members' | 'tags'; doneOperations: number; doneErrored: number }

/** Starts a run. */
export async function startRun(db: Db, audienceId: string): Promise<string> {
  return (await db.one<{ id: string }>('INSERT INTO mailchimp.sync_runs (audience_id) VALUES ($1) RETURNING id', [audienceId]))!.id
}

/** One run. */
export function getRun(db: Db, id: string): Promise<StoredRun | undefined> {
  return db.one<StoredRun & Record<string, unknown>>(`${SELECT} WHERE id = $1`, [id])
}

/** The latest run, if any. */
export function latestRun(db: Db): Promise<StoredRun | undefined> {
  return db.one<StoredRun & Record<string, unknown>>(`${SELECT} ORDER BY started_at DESC LIMIT 1`)
}

/** A running run of the audience, if any. */
export function runningRun(db: Db, audienceId: string): Promise<StoredRun | undefined> {
  return db.one<StoredRun & Record<string, unknown>>(`${SELECT} WHERE audience_id = $1 AND status = 'running' ORDER BY started_at DESC LIMIT 1`, [audienceId])
}

/** Records the batches of a run's phase, its total, and the operations done by earlier phases. */
export async function setBatches(db: Db, id: string, p: { batchIds: string[]; total: number; phase: 'members' | 'tags'; done: number; doneErrored: number }): Promise<void> {
  await db.query('UPDATE mailchimp.sync_runs SET batch_ids = $2, total_operations = $3, phase = $4, done_operations = $5, done_errored = $6 WHERE id = $1', [id, p.batchIds, p.total, p.phase, p.done, p.doneErrored])
}

/** Updates progress; `status` finished or failed closes the run. */
export async function updateRun(db: Db, id: string, p: { finished: number; errored: number; status?: 'running' | 'finished' | 'failed'; error?: string | null }): Promise<void> {
  await db.query(
    `UPDATE mailchimp.sync_runs SET finished_operations = $2, errored_operations = $3, status = coalesce($4, status),
            error = coalesce($5, error), finished_at = CASE WHEN $4 IN ('finished', 'failed') THEN now() ELSE finished_at END WHERE id = $1`,
    [id, p.finished, p.errored, p.status ?? null, p.error ?? null])
}
