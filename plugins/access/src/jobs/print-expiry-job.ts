/**
 * Every ten minutes: print jobs still queued `printQueueMinutes` after they were queued (their agent or printer stayed
 * away) fail as `expired`, announced and audited like any other end — so a caller never waits for ever.
 */
import type { JobDefinition } from '@tessera/sdk'
import type { AccessConfig } from '../domain/access-config.ts'
import { expireJobs } from '../store/print-jobs-store.ts'
import { publishJob } from '../domain/print-job-events.ts'

export const printExpiryJob: JobDefinition<AccessConfig> = {
  cron: '*/10 * * * *',
  async handler(_job, ctx) {
    for (const job of await expireJobs(ctx.db, ctx.config().printQueueMinutes)) await publishJob(ctx, job)
  },
}
