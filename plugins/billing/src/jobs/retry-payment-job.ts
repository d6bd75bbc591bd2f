/** Dunning retry: charges the invoice again if it is still due (a payment in the meantime makes this a no-op). */
import type { JobDefinition } from '@tessera/sdk'
import type { BillingConfig } from '../domain/billing-config.ts'
import { chargeInvoice } from '../domain/card-payments.ts'

export const retryPaymentJob: JobDefinition<BillingConfig> = {
  retryLimit: 3,
  retryDelaySeconds: 60,
  async handler(job, ctx) {
    const invoiceId = job.data.invoiceId
    if (typeof invoiceId !== 'string') return
    const st = await ctx.db.one<{ status: string; payment_attempts: number }>('SELECT status, payment_attempts FROM billing.invoices WHERE id = $1', [invoiceId])
    // stale job (a newer attempt already ran, or the invoice is settled/voided)
    if (!st || st.status !== 'issued' || st.payment_attempts >= Number(job.data.attempt)) return
    await chargeInvoice(ctx, invoiceId)
  },
}
