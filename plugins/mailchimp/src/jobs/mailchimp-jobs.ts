/**
 * The plugin's jobs (queues `mailchimp.<job>`): `sync-person` brings one person's contact in line (after a consent
 * change, a profile change or anonymisation — see `subscribers/`), `sync-audience` starts the full sync of the
 * audience by batch operations, `poll-batches` follows its batches every second until they are finished. Throwing
 * retries (429/5xx already retried by the client); Mailchimp's refusals are stored, not retried.
 */
import type { JobDefinition } from '@tessera/sdk'
import type { MailchimpConfig } from '../domain/mailchimp-config.ts'
import { syncPerson } from '../domain/person-sync.ts'
import { pollAudienceSync, startAudienceSync } from '../domain/audience-sync.ts'
import { MailchimpError } from '../domain/mailchimp-client.ts'
import { updateRun, getRun } from '../store/sync-run-store.ts'

const refused = (e: unknown): e is MailchimpError => e instanceof MailchimpError && e.status >= 400 && e.status < 500 && e.status !== 429

export const mailchimpJobs: Record<string, JobDefinition<MailchimpConfig>> = {
  'sync-person': {
    retryLimit: 8, retryDelaySeconds: 2, retryBackoff: true,
    async handler(job, ctx) {
      await syncPerson(ctx, String(job.data.personId))
    },
  },
  'sync-audience': {
    retryLimit: 5, retryDelaySeconds: 5, retryBackoff: true,
    async handler(_job, ctx) {
      await startAudienceSync(ctx)
    },
  },
  'poll-batches': {
    retryLimit: 10, retryDelaySeconds: 2, retryBackoff: true,
    async handler(job, ctx) {
      const runId = String(job.data.runId)
      try {
        await pollAudienceSync(ctx, runId)
      } catch (error) {
        if (!refused(error)) throw error
        const run = await getRun(ctx.db, runId)
        await updateRun(ctx.db, runId, { finished: run?.finishedOperations ?? 0, errored: run?.erroredOperations ?? 0, status: 'failed', error: `${error.status}: ${error.message}` })
      }
    },
  },
}
