/**
 * Reconciliation: Tessera's issued invoices next to what Xero holds for each (status, total, amount due — refreshed by
 * the `reconcile` job, which reads the mirrored invoices back from Xero 50 at a time, and by webhooks), with the
 * differences named: missing in Xero, total, amount due (e.g. paid in Xero, open in Tessera), status.
 */
import { billingInvoices } from '@tessera/plugin-billing/contract'
import type { Reconciliation, ReconciliationRow } from '../contract/xero-schemas.ts'
import type { XeroContext } from './xero-config.ts'
import type { XeroApi } from './xero-api.ts'
import { toMinor } from './sync-outcome.ts'
import { getConnection, saveConnection } from '../store/connection-store.ts'
import { invoiceSnapshots, saveSnapshot } from '../store/document-store.ts'

const XERO_STATUS: Record<string, string> = { issued: 'AUTHORISED', paid: 'PAID', void: 'VOIDED' }

/** The latest `limit` invoices compared. */
export async function reconciliation(ctx: XeroContext, limit = 100): Promise<Reconciliation> {
  const page = await ctx.services.get(billingInvoices).list({ kind: 'invoice', limit })
  const issued = page.items.filter((i) => i.number)
  const snaps = new Map((await invoiceSnapshots(ctx.db, issued.map((i) => i.id))).map((s) => [s.tessera_id, s]))
  const rows: ReconciliationRow[] = issued.map((i) => {
    const s = snaps.get(i.id)
    const xero = s?.state === 'synced' && s.xero_status ? { status: s.xero_status, total: Number(s.xero_total), amountDue: Number(s.xero_amount_due) } : null
    const differences: string[] = []
    if (!xero) differences.push(s?.state === 'failed' ? 'failed in Xero' : 'not in Xero yet')
    else {
      if (xero.total !== i.total) differences.push('total')
      if (xero.amountDue !== i.amountDue) differences.push('amount due')
      if (XERO_STATUS[i.status] !== xero.status) differences.push('status')
    }
    return { invoiceId: i.id, number: i.number, tessera: { status: i.status, total: i.total, amountDue: i.amountDue }, xero, differences }
  })
  const conn = await getConnection(ctx.db)
  return { checkedAt: conn?.reconciled_at ? conn.reconciled_at.toISOString() : null, rows }
}

/** Reads the mirrored invoices back from Xero (by id, 50 per call). */
export async function refreshFromXero(ctx: XeroContext, api: XeroApi): Promise<number> {
  const ids = (await ctx.db.many<{ xero_id: string }>('SELECT xero_id FROM xero.documents WHERE kind = \'invoice\' AND xero_id IS NOT NULL ORDER BY updated_at DESC LIMIT 500')).map((r) => r.xero_id)
  let n = 0
  for (let i = 0; i < ids.length; i += 50) {
    for (const x of await api.invoicesById(ids.slice(i, i + 50))) {
      if (!x.invoiceID) continue
      await saveSnapshot(ctx.db, x.invoiceID, { status: String(x.status), total: toMinor(x.total), amountDue: toMinor(x.amountDue) })
      n++
    }
  }
  if (await getConnection(ctx.db)) await saveConnection(ctx.db, { reconciled_at: new Date() })
  return n
}
