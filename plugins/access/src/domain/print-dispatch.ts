/**
 * Sending print work to a site agent. Runs on the kernel instance holding the agent's socket, in the connection's
 * ordered message chain and its own tenant transaction (see `link/agent-socket.ts`): when the agent connects, when a
 * job was queued or a cancel asked for (`access.print-jobs.pending`, or the connection's 2 s poll for work queued on
 * another instance), and after a printer came back online. The due work is locked (`SKIP LOCKED`: two dispatchers
 * never send the same job at once), sent as signed `print` / `print.cancel` commands, and marked in flight; the
 * agent's answers arrive later on the same chain (`applyPrintAnswer`). The agent's request id is the job's id, so a
 * job re-sent after an unanswered command (or an agent restart) is printed once (the agent's print journal).
 * Queued jobs that waited longer than `printQueueMinutes` fail as `expired` here and in the periodic sweep.
 */
import type { AccessContext } from './access-config.ts'
import { agentHubOf } from '../link/agent-hub.ts'
import { publishJob } from './print-job-events.ts'
import { cancelUnansweredJobs, claimDueWork, expireJobs } from '../store/print-jobs-store.ts'

/** Jobs sent per dispatch (the rest follow at the next poll). */
const BATCH = 20

/** Seconds after which an unanswered `print` or `print.cancel` is sent again. */
export function redispatchSeconds(ctx: AccessContext): number {
  return Math.max(10, Math.ceil(ctx.config().commandTimeoutMs / 1000) * 2)
}

/** Sends the agent's due print work, when this instance holds its socket; returns how many commands went out. */
export async function dispatchPrints(ctx: AccessContext, agentId: string): Promise<number> {
  const hub = agentHubOf(ctx)
  if (!hub.get(agentId)) return 0
  const cfg = ctx.config()
  for (const job of await expireJobs(ctx.db, cfg.printQueueMinutes)) await publishJob(ctx, job)
  const window = redispatchSeconds(ctx)
  for (const job of await cancelUnansweredJobs(ctx.db, agentId, window)) await publishJob(ctx, job)
  let sent = 0
  for (const work of await claimDueWork(ctx.db, agentId, window, BATCH)) {
    const payload = work.kind === 'print'
      ? {
          deviceId: work.deviceId, requestId: work.id, actor: work.actor, contentType: work.contentType,
          documentBase64: work.document.toString('base64'), title: work.title, copies: work.copies,
        }
      : { deviceId: work.deviceId, requestId: work.id }
    const type = work.kind === 'print' ? 'print' : 'print.cancel'
    const out = hub.send(agentId, type, payload, { timeoutMs: window * 1000 })
    if (!out.command) break // the socket closed meanwhile: the reconnect dispatches again
    await ctx.db.query(`INSERT INTO access.commands (id, agent_id, type, request_id, status) VALUES ($1, $2, $3, $4, 'sent')`, [out.command.id, agentId, type, work.id])
    sent++
  }
  if (sent) ctx.log.info({ agentId, sent }, 'print work sent')
  return sent
}
