/**
 * Runs one PaperCut step of a job so that a PaperCut failure loses nothing and is visible: the step runs under a
 * savepoint; when PaperCut fails, its writes (a ledger claim, a settlement, a charge) are rolled back to the
 * savepoint, the failure is stored on the person (kind, reason, count) in the job's transaction, which then commits,
 * and the same job is queued again with backoff (30 s, 60 s, 120 s, …). After {@link RETRY_LIMIT} retries the person
 * is `dead` — the dead letter: the reason stays on the staff screen until a staff retry — and
 * `papercut.account.sync-failed` tells subscribers and staff screens each time. (The kernel joins a nested
 * `withTenant` to the open transaction, so a failure cannot be stored "beside" a job that throws; hence no throw.)
 */
import { membersDirectory } from '@tessera/plugin-members/contract'
import type { PaperCutContext } from './papercut-config.ts'
import { PaperCutError } from './papercut-error.ts'
import { usernameFor } from './username.ts'
import { getAccount, saveFailure } from '../store/accounts-store.ts'
import { accountSyncFailed } from '../contract/index.ts'

/** Retries after the first failed attempt (then the person is dead-lettered). */
export const RETRY_LIMIT = 4
/** Delay of the first retry; each further one doubles it. */
export const RETRY_DELAY_SECONDS = 30

/** The job to queue again when the step fails. */
export interface RetryJob {
  name: string
  data: Record<string, unknown>
}

/** Runs `fn`; on a `PaperCutError` its writes are undone, the failure stored and `retry` queued; returns undefined then. */
export async function withRecordedFailure<T>(ctx: PaperCutContext, personId: string, retry: RetryJob, fn: () => Promise<T>): Promise<T | undefined> {
  await ctx.db.query('SAVEPOINT papercut_step')
  let result: T
  try {
    result = await fn()
  } catch (error) {
    if (!(error instanceof PaperCutError)) throw error
    await ctx.db.query('ROLLBACK TO SAVEPOINT papercut_step')
    const username = (await getAccount(ctx.db, personId))?.username
      ?? usernameFor(personId, (await ctx.services.get(membersDirectory).getPerson(personId))?.email ?? null, ctx.config().usernames)
    const { failures, dead } = await saveFailure(ctx.db, { personId, username, kind: error.kind, reason: error.message, retryLimit: RETRY_LIMIT })
    await ctx.events.publish(accountSyncFailed, { personId, kind: error.kind, dead })
    if (!dead) await ctx.jobs.send(retry.name, retry.data, { startAfter: RETRY_DELAY_SECONDS * 2 ** (failures - 1) })
    ctx.log.warn({ personId, kind: error.kind, failures, dead, err: error.message }, 'PaperCut call failed')
    return undefined
  }
  await ctx.db.query('RELEASE SAVEPOINT papercut_step')
  return result
}
