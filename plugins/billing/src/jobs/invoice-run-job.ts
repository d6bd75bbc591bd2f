/** The monthly invoice run (cron, per tenant): invoices the current month in advance. Idempotent (see invoice-run.ts). */
import type { JobDefinition } from '@tessera/sdk'
import type { BillingConfig } from '../domain/billing-config.ts'
import { runInvoices } from '../domain/invoice-run.ts'
import { periodOf } from '../domain/proration.ts'

export const invoiceRunJob: JobDefinition<BillingConfig> = {
  cron: '0 2 1 * *',
  retryLimit: 5,
  retryDelaySeconds: 300,
  async handler(job, ctx) {
    const period = typeof job.data.period === 'string' ? job.data.period : periodOf(new Date())
    // payers that failed are logged by the run and left for staff; the job itself succeeds (INV-8: never the whole run)
    const { invoices, failed } = await runInvoices(ctx, period)
    if (failed.length) ctx.log.warn({ period, invoices: invoices.length, failed }, 'invoice run finished with failed payers')
  },
}
