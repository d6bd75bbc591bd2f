/**
 * Exactly-once effects for at-least-once jobs: the first statement of a job's tenant transaction records a receipt
 * for (queue, job id). If the transaction commits, so does the receipt; a redelivery of the same job (the process died
 * after COMMIT but before pg-boss marked the job complete) finds it and skips the handler.
 */
import { currentScope } from '../db/tenant-scope.ts'

/** Claims the receipt of a job on the current tenant transaction; false when its effect already committed. */
export async function claimJobReceipt(queue: string, jobId: string): Promise<boolean> {
  const r = await currentScope().client.query(
    'INSERT INTO tessera.job_receipts (queue, job_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
    [queue, jobId],
  )
  return r.rowCount === 1
}
