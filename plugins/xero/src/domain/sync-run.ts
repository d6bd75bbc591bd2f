/**
 * One run of the sync job for a tenant: under the tenant's sync lock (one run per organisation at a time, across
 * kernel instances), with a fresh access token and the organisation's {@link CallBudget}, it drains the pending
 * documents in dependency order — contacts, then invoices and credit notes, then voids, then payments — in batches of
 * up to 50, up to 5 batches in flight. It works for `chunkMs`, then commits its progress and hands over to a
 * continuation job; when the budget is spent (a minute's calls, or a 429's `Retry-After`) the continuation starts
 * when Xero allows again. A crash loses at most the run's uncommitted progress: the re-run finds what Xero already
 * has (by ContactNumber, number, reference) and replays idempotency keys, so nothing is written twice.
 */
import type { DocumentKind } from '../contract/xero-schemas.ts'
import type { XeroContext } from './xero-config.ts'
import type { ResolvedXeroOptions } from './xero-options.ts'
import { BudgetExhausted, CallBudget } from './call-budget.ts'
import { XeroApi, XeroApiError } from './xero-api.ts'
import { accessToken } from './connection.ts'
import { effectiveMapping } from './mapping.ts'
import type { EffectiveMapping } from './mapping.ts'
import { syncContacts } from './contact-sync.ts'
import { syncInvoices, voidInvoice } from './invoice-sync.ts'
import { syncPayments } from './payment-sync.ts'
import { failed } from './sync-outcome.ts'
import { getConnection, saveConnection, trySyncLock } from '../store/connection-store.ts'
import { hasPending, pendingDocuments } from '../store/document-store.ts'
import type { DocumentRow } from '../store/document-store.ts'

/** What a run did. */
export interface RunReport {
  ran: boolean
  /** Seconds until the continuation (undefined: nothing left). */
  continueIn?: number
  throttled: number
}

type Phase = { kind: DocumentKind; action: 'upsert' | 'void'; run: (ctx: XeroContext, api: XeroApi, docs: DocumentRow[], m: EffectiveMapping) => Promise<{ waiting: string[] } | void> }

const PHASES: Phase[] = [
  { kind: 'contact', action: 'upsert', run: (ctx, api, docs) => syncContacts(ctx, api, docs) },
  { kind: 'invoice', action: 'upsert', run: syncInvoices },
  { kind: 'credit_note', action: 'upsert', run: syncInvoices },
  { kind: 'invoice', action: 'void', run: async (ctx, api, docs, m) => {
    const created = docs.filter((d) => d.xero_id)
    for (const d of created) await voidInvoice(ctx, api, d)
    const uncreated = docs.filter((d) => !d.xero_id)
    return uncreated.length ? syncInvoices(ctx, api, uncreated, m) : undefined
  } },
  { kind: 'payment', action: 'upsert', run: syncPayments },
]

/** Runs the sync for the current tenant. */
export async function runSync(ctx: XeroContext, opts: ResolvedXeroOptions): Promise<RunReport> {
  if (!(await trySyncLock(ctx.db, ctx.tenant().id))) return { ran: false, throttled: 0 }
  const conn = await getConnection(ctx.db)
  if (!conn || conn.state !== 'connected' || !(await hasPending(ctx.db))) return { ran: true, throttled: 0 }
  const limits = opts.limits
  const deadline = Date.now() + limits.chunkMs
  const budget = new CallBudget({
    windowStartedAt: conn.window_started_at?.getTime() ?? null, windowCalls: conn.window_calls, day: conn.day, dayCalls: conn.day_calls,
    blockedUntil: conn.blocked_until?.getTime() ?? null,
  }, limits, deadline)
  const access = await accessToken(ctx, opts)
  if (!access) return { ran: true, throttled: 0 }
  const api = new XeroApi(opts.accountingBasePath, access.token, access.xeroTenantId, budget)
  const mapping = await effectiveMapping(ctx)
  let resumeAt: number | undefined
  let stop = false
  let progressed = false
  try {
    for (const phase of PHASES) {
      const waiting: string[] = []
      while (!stop && Date.now() < deadline) {
        const docs = await pendingDocuments(ctx.db, phase.kind, limits.batchSize * limits.concurrent, phase.action, waiting)
        if (!docs.length) break
        const batches: DocumentRow[][] = []
        for (let i = 0; i < docs.length; i += limits.batchSize) batches.push(docs.slice(i, i + limits.batchSize))
        const outcomes = await Promise.allSettled(batches.map((b) => phase.run(ctx, api, b, mapping)))
        for (const [i, o] of outcomes.entries()) {
          if (o.status === 'fulfilled') {
            const w = o.value?.waiting ?? []
            waiting.push(...w)
            if (w.length < batches[i].length) progressed = true
            continue
          }
          const err = o.reason as Error
          if (err instanceof BudgetExhausted) {
            resumeAt = Math.max(resumeAt ?? 0, err.resumeAt)
            stop = true
          } else if (err instanceof XeroApiError && err.status === 400) {
            for (const d of batches[i]) await failed(ctx, d, err.message)
          } else {
            // auth, 5xx, network: the documents stay pending; try again shortly (a 401 with a fresh token)
            ctx.log.warn({ err: err.message, kind: phase.kind }, 'xero batch failed; will retry')
            if (err instanceof XeroApiError && err.status === 401) await accessToken(ctx, opts, true)
            resumeAt = Math.max(resumeAt ?? 0, Date.now() + 5000)
            stop = true
          }
        }
      }
      if (stop || Date.now() >= deadline) break
    }
  } finally {
    const l = budget.ledger
    await saveConnection(ctx.db, {
      window_started_at: l.windowStartedAt ? new Date(l.windowStartedAt) : null, window_calls: l.windowCalls, day: l.day, day_calls: l.dayCalls,
      blocked_until: l.blockedUntil ? new Date(l.blockedUntil) : null,
    })
  }
  const left = await hasPending(ctx.db)
  if (!left) {
    if (conn.first_sync === 'running') await saveConnection(ctx.db, { first_sync: 'done' })
    return { ran: true, throttled: api.throttled }
  }
  const continueIn = resumeAt ? Math.max(0, (resumeAt - Date.now()) / 1000) : 0
  // documents that only wait for others are picked up by the next trigger or the cron job; otherwise continue
  if (stop || Date.now() >= deadline || progressed) await ctx.jobs.send('sync', { continuation: true }, { startAfter: continueIn })
  return { ran: true, continueIn, throttled: api.throttled }
}
