/**
 * What the kernel does with an agent's printer messages, in the agent's tenant transaction: `printer-event` job
 * events move print jobs forward, printer events (and the `printers` of heartbeats) record the printer's state —
 * published as `access.printer.status-changed` when it changed; a printer back from `offline` makes its waiting jobs
 * due at once. Both are idempotent (a job never moves back; an older state never overwrites a newer one), so the
 * agent's at-least-once delivery needs no event log. Answers to `print` / `print.cancel` commands reach their job
 * through the command's row (`access.commands.request_id` holds the job id).
 */
import type { PrinterAgentEvent, PrinterHealth } from '@tessera/driver-sdk'
import type { AccessContext } from '../domain/access-config.ts'
import { printerStatusChanged } from '../contract/index.ts'
import { applyJobEvent, applyPrintAnswer } from '../domain/print-jobs.ts'
import { recordPrinterState } from '../store/printers-store.ts'
import { wakePrinterJobs } from '../store/print-jobs-store.ts'
import type { CommandOutcome } from './agent-hub.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const STATES = new Set(['idle', 'processing', 'stopped', 'media-empty', 'offline'])
const text = (v: unknown, max: number): string | null => (typeof v === 'string' ? v.slice(0, max) : null)

function timeOf(v: unknown): string {
  const t = typeof v === 'string' ? Date.parse(v) : Number.NaN
  const year = new Date(t).getUTCFullYear()
  return Number.isNaN(t) || year < 1900 || year > 2999 ? new Date().toISOString() : new Date(t).toISOString()
}

/** Records a printer state; returns whether the printer came back online (its jobs are due now). */
async function applyPrinterState(ctx: AccessContext, agentId: string, deviceId: unknown, s: { state: unknown; reasons: unknown; message: unknown; at: unknown }): Promise<boolean> {
  if (typeof deviceId !== 'string' || typeof s.state !== 'string' || !STATES.has(s.state)) return false
  const reasons = (Array.isArray(s.reasons) ? s.reasons : []).filter((r): r is string => typeof r === 'string').slice(0, 20).map((r) => r.slice(0, 100))
  const changed = await recordPrinterState(ctx.db, agentId, deviceId.slice(0, 100), { state: s.state, reasons, message: text(s.message, 500), at: timeOf(s.at) })
  if (!changed) return false
  await ctx.events.publish(printerStatusChanged, { printerId: changed.id, state: s.state as 'idle', reasons })
  return changed.back && (await wakePrinterJobs(ctx.db, changed.id)) > 0
}

/** Applies one `printer-event`; returns whether print work became due (a printer came back). */
export async function ingestPrinterEvent(ctx: AccessContext, agentId: string, event: PrinterAgentEvent): Promise<boolean> {
  if (event.kind === 'job') {
    await applyJobEvent(ctx, agentId, event)
    return false
  }
  if (event.kind === 'printer') return applyPrinterState(ctx, agentId, event.deviceId, { state: event.state, reasons: event.reasons, message: event.message, at: event.occurredAt })
  return false
}

/** Applies the printers of a heartbeat; returns whether print work became due. */
export async function ingestPrinterHealth(ctx: AccessContext, agentId: string, printers: PrinterHealth[] | undefined): Promise<boolean> {
  let due = false
  for (const p of Array.isArray(printers) ? printers : []) {
    const s = p?.status
    const next = s
      ? { state: s.state, reasons: s.reasons, message: s.message, at: s.changedAt }
      : { state: 'offline', reasons: [], message: p?.error ?? 'the printer driver did not start', at: new Date().toISOString() }
    if (await applyPrinterState(ctx, agentId, p?.deviceId, next)) due = true
  }
  return due
}

/** Routes an agent's answer to the print job its command was for (no-op for other commands). */
export async function answerPrintCommand(ctx: AccessContext, agentId: string, commandId: string | null, outcome: CommandOutcome): Promise<void> {
  if (!commandId || !UUID.test(commandId)) return
  const cmd = await ctx.db.one<{ type: string; request_id: string | null }>(
    `SELECT type, request_id FROM access.commands WHERE id = $1 AND agent_id = $2 AND type IN ('print', 'print.cancel')`, [commandId, agentId])
  if (!cmd?.request_id || !UUID.test(cmd.request_id)) return
  await applyPrintAnswer(ctx, cmd.request_id, cmd.type as 'print' | 'print.cancel', outcome)
}
