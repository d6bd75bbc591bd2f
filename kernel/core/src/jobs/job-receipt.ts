/**
 * Exactly-once effects for at-least-once jobs: the first statement of a job's tenant transaction records a receipt
 * for (queue, job id). If the transaction commits, so does the receipt; a redelivery of the same job (the process died
 * after COMMIT but before pg-boss marked the job complete) finds it and skips the handler.
 *
 * A first attempt (pg-boss `retryCount` 0: never started before) cannot find a receipt, so its receipt is a plain
 * INSERT sent with the handler's first statement (or the COMMIT) instead of a round trip of its own; should a copy of
 * the job be running elsewhere after all, the INSERT waits for that copy's transaction and fails if it committed,
 * the attempt rolls back and its retry finds the receipt. Later attempts claim the receipt first and skip the handler
 * when it exists.
 */
import { currentScope } from '../db/tenant-scope.ts'

const CLAIM = 'INSERT INTO tessera.job_receipts (queue, job_id) VALUES ($1, $2) ON CONFLICT DO NOTHING'
const INSERT = 'INSERT INTO tessera.job_receipts (queue, job_id) VALUES ($1, $2)'

/** Claims the receipt of a job on the current tenant transaction; false when its effect already committed. */
export async function claimJobReceipt(queue: string, jobId: string): Promise<boolean> {
  const r = await currentScope().client.query(CLAIM, [queue, jobId])
  return r.rowCount === 1
}

/** A first attempt's receipt: a plain INSERT that travels with the transaction's next statement (see above). */
export function deferJobReceipt(queue: string, jobId: string): void {
  const client = currentScope().client
  if (client.defer) client.defer(INSERT, [queue, jobId])
  else throw new Error('a job receipt needs a transaction')
}

/** Runs `handler` at most once per committed job: first attempts defer their receipt, later ones claim it first. */
export async function onceByReceipt(queue: string, job: { id: string; retryCount?: number }, handler: () => Promise<void>): Promise<void> {
  if (job.retryCount === 0) {
    deferJobReceipt(queue, job.id)
    await handler()
  } else if (await claimJobReceipt(queue, job.id)) {
    await handler()
  }
}
