/**
 * The monthly invoice run of a tenant for a period `YYYY-MM`: every active membership covering the month gets its
 * charge and credits (idempotent by source), then every payer with open charges gets one invoice keyed
 * `run:<period>:<payer>` (unique), issued at once. Run twice — one after the other or concurrently — the second run
 * finds every key taken (a concurrent one waits on the first's uncommitted keys, then skips them) and makes nothing.
 * Numbers come from the locked counter row, so they stay gapless.
 */
import type { PluginContext } from '@tessera/sdk'
import { membershipsIn, chargeMembershipPeriod } from './memberships.ts'
import { draftFromCharges, issueInvoice } from './invoicing.ts'
import type { PayerType } from './payer.ts'

/** Runs period `period`; returns the ids of the invoices this run made. */
export async function runInvoices(ctx: PluginContext, period: string): Promise<string[]> {
  for (const { m, plan } of await membershipsIn(ctx, period)) await chargeMembershipPeriod(ctx, m, plan, period)
  const payers = await ctx.db.many<{ payer_type: PayerType; payer_id: string }>(
    'SELECT DISTINCT payer_type, payer_id FROM billing.charges WHERE invoice_id IS NULL ORDER BY payer_type, payer_id')
  const made: string[] = []
  for (const p of payers) {
    const id = await draftFromCharges(ctx, { payerType: p.payer_type, payerId: p.payer_id }, { runKey: `run:${period}:${p.payer_type}:${p.payer_id}`, period })
    if (!id) continue
    await issueInvoice(ctx, id)
    made.push(id)
  }
  await ctx.audit.record({ action: 'invoice-run', target: `period:${period}`, data: { invoices: made.length } })
  return made
}
