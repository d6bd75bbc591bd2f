/**
 * A short session with the accounting API outside the sync run (webhook follow-ups, reconciliation): under the same
 * tenant sync lock and call budget as the sync job, with a fresh token; the ledger is saved afterwards. When the lock
 * is held or the budget is spent, it throws, and the job is retried later by pg-boss.
 */
import type { XeroContext } from './xero-config.ts'
import type { ResolvedXeroOptions } from './xero-options.ts'
import { CallBudget } from './call-budget.ts'
import { XeroApi } from './xero-api.ts'
import { accessToken } from './connection.ts'
import { getConnection, saveConnection, trySyncLock } from '../store/connection-store.ts'

/** Thrown when the tenant's sync holds the conversation with Xero (one at a time per organisation): ask again later. */
export class SyncBusy extends Error {
  constructor() {
    super('the Xero sync of this tenant is running; retrying later')
    this.name = 'SyncBusy'
  }
}

/** Runs `fn` with the organisation's API; undefined when not connected; {@link SyncBusy} while the sync runs. */
export async function withXeroApi<T>(ctx: XeroContext, opts: ResolvedXeroOptions, fn: (api: XeroApi) => Promise<T>): Promise<T | undefined> {
  if (!(await trySyncLock(ctx.db, ctx.tenant().id))) throw new SyncBusy()
  const conn = await getConnection(ctx.db)
  if (!conn || conn.state !== 'connected') return undefined
  const access = await accessToken(ctx, opts)
  if (!access) return undefined
  const budget = new CallBudget({
    windowStartedAt: conn.window_started_at?.getTime() ?? null, windowCalls: conn.window_calls, day: conn.day, dayCalls: conn.day_calls,
    blockedUntil: conn.blocked_until?.getTime() ?? null,
  }, opts.limits, Date.now() + opts.limits.chunkMs)
  try {
    return await fn(new XeroApi(opts.accountingBasePath, access.token, access.xeroTenantId, budget))
  } finally {
    const l = budget.ledger
    await saveConnection(ctx.db, {
      window_started_at: l.windowStartedAt ? new Date(l.windowStartedAt) : null, window_calls: l.windowCalls, day: l.day, day_calls: l.dayCalls,
      blocked_until: l.blockedUntil ? new Date(l.blockedUntil) : null,
    })
  }
}
