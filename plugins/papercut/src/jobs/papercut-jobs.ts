/**
 * PaperCut's jobs. `sync-person` pushes one person to PaperCut (after a membership or member change, or a staff
 * retry); `person-period` settles and tops up one person's period; `period-run` (daily, per tenant) queues both for
 * every account — so a membership that ended on a date, not by an event, is disabled the day after, and each period
 * is topped up and settled without anyone pressing a button. A PaperCut failure is stored on the person and the
 * job queued again with backoff, then dead-lettered (`record-failure.ts`: the person shows `dead` with the reason).
 * Both per-person jobs hold a per-person advisory lock for their transaction, so they never run for one person at once.
 */
import type { JobDefinition } from '@tessera/sdk'
import type { PaperCutConfig } from '../domain/papercut-config.ts'
import { syncPerson } from '../domain/person-sync.ts'
import { runPersonPeriod, today } from '../domain/period-run.ts'
import { withRecordedFailure } from '../domain/record-failure.ts'
import { getAccount, listAccounts, lockPerson } from '../store/accounts-store.ts'

const isDay = (v: unknown): v is string => typeof v === 'string' && /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(v)
const personOf = (data: Record<string, unknown>): string => {
  const id = data.personId
  if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error('job data needs a personId')
  return id
}

/** Pushes one person to PaperCut. */
export const syncPersonJob: JobDefinition<PaperCutConfig> = {
  async handler(job, ctx) {
    const personId = personOf(job.data)
    await lockPerson(ctx.db, personId)
    const outcome = await withRecordedFailure(ctx, personId, { name: 'sync-person', data: { personId } }, () => syncPerson(ctx, personId))
    // a person who may print gets this period's allowance at once (idempotent: the ledger claims it once)
    if (outcome !== undefined && outcome !== 'skipped' && (await getAccount(ctx.db, personId))?.printEnabled) {
      await ctx.jobs.send('person-period', { personId, on: today() })
    }
  },
}

/** Settles earlier periods and tops up the current one for one person. */
export const personPeriodJob: JobDefinition<PaperCutConfig> = {
  async handler(job, ctx) {
    const personId = personOf(job.data)
    const day = isDay(job.data.on) ? job.data.on : today()
    await lockPerson(ctx.db, personId)
    await withRecordedFailure(ctx, personId, { name: 'person-period', data: { personId, on: day } }, () => runPersonPeriod(ctx, personId, day))
  },
}

/** Daily, per tenant: queues a sync and a period run for every account. */
export const periodRunJob: JobDefinition<PaperCutConfig> = {
  cron: '20 0 * * *',
  async handler(job, ctx) {
    const day = isDay(job.data.on) ? job.data.on : today()
    for (const a of await listAccounts(ctx.db)) {
      await ctx.jobs.send('sync-person', { personId: a.personId })
      await ctx.jobs.send('person-period', { personId: a.personId, on: day }, { singletonKey: `period:${a.personId}:${day}` })
    }
  },
}
