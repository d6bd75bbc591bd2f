/**
 * The monthly invoice run of a tenant for a period `YYYY-MM`: every active membership covering the month gets its
 * charge and credits (idempotent by source), then every payer with open charges gets one invoice keyed
 * `run:<period>:<payer>` (unique), issued at once. Run twice — one after the other or concurrently — the second run
 * finds every key taken (a concurrent one waits on the first's uncommitted keys, then skips them) and makes nothing.
 * Numbers come from the locked counter row, so they stay gapless.
 *
 * One bad record fails only itself (INV-8): each membership charge and each payer's invoice runs in its own savepoint;
 * an error there (an amount out of range, a constraint) rolls back that payer's statements only, is logged, and is
 * reported in the result's `failed` list (and the audit entry) while the run goes on with the others.
 */
import type { BillingContext } from './billing-config.ts'
import { membershipsIn, chargeMembershipPeriod } from './memberships.ts'
import { draftFromCharges, issueInvoice } from './invoicing.ts'
import type { PayerType } from './payer.ts'

/** A payer the run could not bill, and why. */
export interface FailedPayer {
  payerType: PayerType
  payerId: string
  /** `membership` (its charge for the period) or `invoice` (drafting or issuing its invoice). */
  step: 'membership' | 'invoice'
  reason: string
}

/** What one run did. */
export interface InvoiceRunResult {
  /** Ids of the invoices this run made. */
  invoices: string[]
  failed: FailedPayer[]
}

/** Runs period `period`. */
export async function runInvoices(ctx: BillingContext, period: string): Promise<InvoiceRunResult> {
  const failed: FailedPayer[] = []
  const isolated = async (payerType: PayerType, payerId: string, step: FailedPayer['step'], fn: () => Promise<void>) => {
    try {
      await ctx.db.savepoint(fn)
    } catch (err) {
      const reason = (err as Error).message
      failed.push({ payerType, payerId, step, reason })
      ctx.log.error({ err, period, payerType, payerId, step }, 'invoice run: payer failed, the run goes on')
    }
  }
  for (const { m, plan } of await membershipsIn(ctx, period)) {
    await isolated(m.payerType, m.payerId, 'membership', () => chargeMembershipPeriod(ctx, m, plan, period))
  }
  const payers = await ctx.db.many<{ payer_type: PayerType; payer_id: string }>(
    'SELECT DISTINCT payer_type, payer_id FROM billing.charges WHERE invoice_id IS NULL ORDER BY payer_type, payer_id')
  const invoices: string[] = []
  for (const p of payers) {
    await isolated(p.payer_type, p.payer_id, 'invoice', async () => {
      const id = await draftFromCharges(ctx, { payerType: p.payer_type, payerId: p.payer_id }, { runKey: `run:${period}:${p.payer_type}:${p.payer_id}`, period })
      if (!id) return
      await issueInvoice(ctx, id)
      invoices.push(id)
    })
  }
  await ctx.audit.record({ action: 'invoice-run', target: `period:${period}`, data: { invoices: invoices.length, failed: failed.map(({ payerType, payerId, step, reason }) => ({ payerType, payerId, step, reason })) } })
  return { invoices, failed }
}
