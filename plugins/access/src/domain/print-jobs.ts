/**
 * Print jobs: queuing one (idempotent per request id: a request id seen before returns its job and queues nothing),
 * cancelling one, and what the agent's answers and printer events do to it.
 *
 * - `submitPrint` checks the request (bounds of the route schema, a printer that exists), renders the document, stores
 *   the job `queued` and publishes `access.print-jobs.pending` on the caller's transaction: after it commits, the
 *   plugin's own subscriber asks the agent's connection to send it (`print-dispatch.ts`).
 * - The agent's answer to `print`: accepted → `sent` (or further, as the printer reports); refused because the printer
 *   is offline, erred or the command was refused in transit → retried with a doubling delay, then `failed` with the
 *   printer's reason after `printMaxAttempts`; refused as invalid (unknown device, unsupported format) → `failed` at once.
 * - Printer job events (`printer-event`, `kind: job`): `queued` → `sent`, `printing`, `completed`, `cancelled`,
 *   `failed` with the printer's message. A job never moves back, so duplicates and late events change nothing.
 */
import { problem } from '@tessera/sdk'
import type { Actor } from '@tessera/sdk'
import type { CommandOutcome } from '../link/agent-hub.ts'
import { PRINT_LIMITS, PRINT_REQUEST_ID_PATTERN, printJobsPending } from '../contract/index.ts'
import type { PrintJob, PrintRequest } from '../contract/index.ts'
import type { AccessContext } from './access-config.ts'
import { renderDocument } from './print-document.ts'
import { choosePrinter } from './printers.ts'
import { publishJob } from './print-job-events.ts'
import { advanceJob, getJobRow, insertJob, jobByRequestId, refuseCancel, requestCancel, retryOrFail, toPrintJob } from '../store/print-jobs-store.ts'
import type { PrintJobRow } from '../store/print-jobs-store.ts'

const REQUEST_ID = new RegExp(PRINT_REQUEST_ID_PATTERN)
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Driver and agent failures worth another try: the printer or the link may come back. */
const TRANSIENT = new Set(['offline', 'device-error', 'closed', 'internal', 'timeout'])
const MAX_DELAY_SECONDS = 600

const bad = (pointer: string, detail: string) => problem.unprocessable(`The print request is invalid: ${detail}.`, [{ pointer, detail }])

/** The agent-side actor of a print: staff for a user or token, the system otherwise. */
function agentActor(actor: Actor, source: string): { kind: 'staff' | 'system'; id: string; via: string } {
  return actor.type === 'user' || actor.type === 'token' ? { kind: 'staff', id: actor.id, via: source } : { kind: 'system', id: actor.id, via: source }
}

/**
 * Queues a print job for `source` (the plugin asking) on the current transaction; the same request id returns its
 * job without printing again.
 */
export async function submitPrint(ctx: AccessContext, r: PrintRequest, source: string): Promise<PrintJob> {
  if (typeof r.requestId !== 'string' || !REQUEST_ID.test(r.requestId)) throw bad('/requestId', 'requestId must be 1–100 characters of A–Z a–z 0–9 . _ : -')
  const seen = await jobByRequestId(ctx.db, r.requestId)
  if (seen) return toPrintJob(seen)
  if (r.title !== undefined && (typeof r.title !== 'string' || r.title.length === 0 || r.title.length > PRINT_LIMITS.titleMaxLength)) {
    throw bad('/title', `title must be 1–${PRINT_LIMITS.titleMaxLength} characters`)
  }
  if (r.copies !== undefined && (!Number.isInteger(r.copies) || r.copies < 1 || r.copies > PRINT_LIMITS.copiesMax)) throw bad('/copies', `copies must be 1–${PRINT_LIMITS.copiesMax}`)
  const doc = renderDocument(r.document)
  if (!r.printerId && !r.purpose) throw bad('/printerId', 'name a printerId, or a purpose (and locationId)')
  const printer = await choosePrinter(ctx, r)
  if (!printer) {
    throw r.printerId
      ? bad('/printerId', 'no such printer')
      : problem.unprocessable(`No printer for ${r.purpose}${r.locationId ? ' at this location' : ''}.`, [{ pointer: '/purpose', detail: 'no printer has this purpose' }])
  }
  const row = await insertJob(ctx.db, {
    requestId: r.requestId, printerId: printer.id, purpose: r.purpose ?? null, title: r.title ?? r.requestId, contentType: doc.contentType,
    document: doc.bytes, copies: r.copies ?? 1, source, actor: agentActor(ctx.actor(), source),
  })
  // a concurrent request with the same id committed first: answer with its job
  if (!row) return toPrintJob((await jobByRequestId(ctx.db, r.requestId))!)
  await ctx.audit.record({ action: 'print-job.submit', target: `print-job:${row.id}`, data: { requestId: r.requestId, printerId: printer.id, purpose: r.purpose ?? null, source, bytes: doc.bytes.length } })
  await publishJob(ctx, row)
  await ctx.events.publish(printJobsPending, { agentId: printer.agent_id })
  return toPrintJob(row)
}

/**
 * Cancels a job: a queued one that is not in flight at once; otherwise the cancel is sent to the printer (a printer
 * that already printed it refuses, and the job goes on). A finished job is returned as it is.
 */
export async function cancelPrint(ctx: AccessContext, job: PrintJobRow): Promise<PrintJob> {
  if (job.finished_at) return toPrintJob(job)
  if (job.state === 'queued' && !job.dispatched_at) {
    const done = await advanceJob(ctx.db, job.id, { state: 'cancelled', message: 'cancelled before it was sent' })
    if (done) {
      await publishJob(ctx, done)
      return toPrintJob(done)
    }
  }
  const asked = await requestCancel(ctx.db, job.id)
  await ctx.audit.record({ action: 'print-job.cancel', target: `print-job:${job.id}`, data: { requestId: job.request_id, state: job.state } })
  const agent = await ctx.db.one<{ agent_id: string }>('SELECT agent_id FROM access.printers WHERE id = $1', [job.printer_id])
  if (agent) await ctx.events.publish(printJobsPending, { agentId: agent.agent_id })
  return toPrintJob(asked ?? (await getJobRow(ctx.db, job.id))!)
}

/** Applies the agent's answer to a `print` or `print.cancel` command of job `jobId`. */
export async function applyPrintAnswer(ctx: AccessContext, jobId: string, commandType: 'print' | 'print.cancel', outcome: CommandOutcome): Promise<void> {
  if (outcome.status === 'offline' || outcome.status === 'timeout') return
  if (outcome.status === 'rejected' && outcome.reason === 'replayed') return
  let changed: PrintJobRow | undefined
  if (commandType === 'print.cancel') {
    changed = outcome.status === 'ok'
      ? await advanceJob(ctx.db, jobId, { state: 'cancelled', message: 'cancelled at the printer' })
      : await refuseCancel(ctx.db, jobId, outcome.status === 'failed' ? `not cancelled: ${outcome.error.message}` : `not cancelled: ${outcome.message}`)
  } else if (outcome.status === 'ok') {
    const r = (outcome.result ?? {}) as { state?: string; jobId?: unknown; pagesPrinted?: unknown; message?: unknown }
    const state = r.state === 'printing' || r.state === 'completed' || r.state === 'cancelled' || r.state === 'failed' ? r.state : 'sent'
    changed = await advanceJob(ctx.db, jobId, {
      state, printerJobId: typeof r.jobId === 'string' ? r.jobId.slice(0, 100) : null,
      pagesPrinted: Number.isSafeInteger(r.pagesPrinted) ? (r.pagesPrinted as number) : null,
      ...(state === 'failed' ? { reason: 'printer', message: typeof r.message === 'string' ? r.message.slice(0, 500) : null } : {}),
    })
  } else {
    const code = outcome.status === 'failed' ? outcome.error.code : outcome.reason
    const message = (outcome.status === 'failed' ? outcome.error.message : outcome.message).slice(0, 500)
    if (outcome.status === 'rejected' || TRANSIENT.has(code)) {
      const cfg = ctx.config()
      const job = await getJobRow(ctx.db, jobId)
      const delaySeconds = Math.min(cfg.printRetrySeconds * 2 ** (job?.attempts ?? 0), MAX_DELAY_SECONDS)
      changed = await retryOrFail(ctx.db, jobId, { reason: code, message, delaySeconds, maxAttempts: cfg.printMaxAttempts })
    } else {
      changed = await advanceJob(ctx.db, jobId, { state: 'failed', reason: code, message })
    }
  }
  if (changed) await publishJob(ctx, changed)
}

/** Applies a printer job event (`requestId` is the job's id) of a printer of `agentId`. */
export async function applyJobEvent(ctx: AccessContext, agentId: string, e: { requestId: string; state: string; jobId?: unknown; pagesPrinted?: unknown; message?: unknown }): Promise<void> {
  if (typeof e.requestId !== 'string' || !UUID.test(e.requestId)) return // not a job of this kernel (printed by someone else)
  const owned = await ctx.db.one<{ id: string }>(
    `SELECT j.id FROM access.print_jobs j JOIN access.printers p ON p.id = j.printer_id WHERE j.id = $1 AND p.agent_id = $2`, [e.requestId, agentId])
  if (!owned) return
  const state = e.state === 'queued' ? 'sent' : e.state
  if (!['sent', 'printing', 'completed', 'cancelled', 'failed'].includes(state)) return
  const message = typeof e.message === 'string' ? e.message.slice(0, 500) : null
  const changed = await advanceJob(ctx.db, owned.id, {
    state: state as PrintJob['state'], printerJobId: typeof e.jobId === 'string' ? e.jobId.slice(0, 100) : null,
    pagesPrinted: Number.isSafeInteger(e.pagesPrinted) ? (e.pagesPrinted as number) : null, message,
    ...(state === 'failed' ? { reason: 'printer' } : {}),
  })
  if (changed) await publishJob(ctx, changed)
}
