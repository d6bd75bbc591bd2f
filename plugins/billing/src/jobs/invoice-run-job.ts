/** The monthly invoice run (cron, per tenant): invoices the current month in advance. Idempotent (see invoice-run.ts). */
import type { JobDefinition } from '@tessera/sdk'
import { runInvoices } from '../domain/invoice-run.ts'
import { periodOf } from '../domain/proration.ts'

export const invoiceRunJob: JobDefinition = {
  cron: '0 2 1 * *',
  retryLimit: 5,
  retryDelaySeconds: 300,
  async handler(job, ctx) {
    const period = typeof job.data.period === 'string' ? job.data.period : periodOf(new Date())
    await runInvoices(ctx, period)
  },
}
