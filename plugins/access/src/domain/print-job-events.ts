/**
 * Announcing print jobs: every stored change of a job is published as `access.print-job.updated` on the transaction
 * that made it (so a rolled-back change announces nothing), and a job's end (completed, failed, cancelled) is audited
 * with the printer's reason.
 */
import { printJobUpdated } from '../contract/index.ts'
import type { AccessContext } from './access-config.ts'
import type { PrintJobRow } from '../store/print-jobs-store.ts'

/** Publishes a job's current state (and audits it when the job ended). */
export async function publishJob(ctx: AccessContext, job: PrintJobRow): Promise<void> {
  await ctx.events.publish(printJobUpdated, {
    jobId: job.id, requestId: job.request_id, printerId: job.printer_id, source: job.source.slice(0, 40), state: job.state,
    reason: job.reason?.slice(0, 40) ?? null, message: job.message?.slice(0, 500) ?? null, updatedAt: job.updated_at.toISOString(),
  })
  if (job.finished_at) {
    await ctx.audit.record({
      action: `print-job.${job.state}`, target: `print-job:${job.id}`,
      data: { requestId: job.request_id, printerId: job.printer_id, source: job.source, reason: job.reason, message: job.message, attempts: job.attempts },
    })
  }
}
