/**
 * The plugin's jobs (queues `xero.<job>`): `sync` drains the documents (see `domain/sync-run.ts`), `refresh-tokens`
 * (every 5 minutes per tenant) refreshes the access token before it expires — which also keeps the 60-day refresh
 * token alive — and restarts a sync that has pending documents, `inbound-invoice` applies a webhook event, and
 * `reconcile` reads the mirrored invoices back from Xero.
 */
import type { JobDefinition } from '@tessera/sdk'
import type { XeroConfig } from '../domain/xero-config.ts'
import type { ResolvedXeroOptions } from '../domain/xero-options.ts'
import { runSync } from '../domain/sync-run.ts'
import { accessToken } from '../domain/connection.ts'
import { withXeroApi } from '../domain/api-session.ts'
import { applyInvoiceFromXero } from '../domain/webhook.ts'
import { refreshFromXero } from '../domain/reconciliation.ts'
import { trySyncLock } from '../store/connection-store.ts'
import { hasPending } from '../store/document-store.ts'

/** The jobs, bound to the plugin's options. */
export function xeroJobs(opts: ResolvedXeroOptions): Record<string, JobDefinition<XeroConfig>> {
  return {
    sync: {
      retryLimit: 10, retryDelaySeconds: 10, retryBackoff: true,
      async handler(_job, ctx) {
        await runSync(ctx, opts)
      },
    },
    'refresh-tokens': {
      cron: '*/5 * * * *',
      async handler(_job, ctx) {
        if (!(await trySyncLock(ctx.db, ctx.tenant().id))) return
        await accessToken(ctx, opts)
        if (await hasPending(ctx.db)) await ctx.jobs.send('sync', { cron: true })
      },
    },
    'inbound-invoice': {
      retryLimit: 20, retryDelaySeconds: 5,
      async handler(job, ctx) {
        await withXeroApi(ctx, opts, (api) => applyInvoiceFromXero(ctx, api, String(job.data.xeroInvoiceId)))
      },
    },
    reconcile: {
      retryLimit: 5, retryDelaySeconds: 10,
      async handler(_job, ctx) {
        await withXeroApi(ctx, opts, (api) => refreshFromXero(ctx, api))
      },
    },
  }
}
