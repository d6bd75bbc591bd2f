/**
 * The first (bulk) sync: queues every issued invoice and credit note of the tenant (billing's `invoices` service,
 * page by page), their payers as contacts and their payments, then starts the sync job. Already-known documents are
 * left as they are, so starting it again after a crash or for a second time queues nothing twice. Progress is the
 * documents' states (`GET /connection` → `firstSync`).
 */
import { billingInvoices } from '@tessera/plugin-billing/contract'
import type { XeroContext } from './xero-config.ts'
import { queueMany } from '../store/document-store.ts'
import { saveConnection } from '../store/connection-store.ts'

/** Queues the tenant's documents; returns how many were new. */
export async function startFirstSync(ctx: XeroContext): Promise<{ queued: number }> {
  const invoices = ctx.services.get(billingInvoices)
  let queued = 0
  const payers = new Map<string, { tesseraId: string; parentId: string; label: string }>()
  const paid: string[] = []
  for (let offset = 0; ; offset += 200) {
    const page = await invoices.list({ limit: 200, offset })
    const issued = page.items.filter((i) => i.number && i.status !== 'draft')
    for (const i of issued) if (!payers.has(i.payerId)) payers.set(i.payerId, { tesseraId: i.payerId, parentId: i.payerType, label: i.payerName ?? '' })
    queued += await queueMany(ctx.db, 'invoice', issued.filter((i) => i.kind === 'invoice').map((i) => ({ tesseraId: i.id, parentId: i.payerId, label: i.number! })))
    queued += await queueMany(ctx.db, 'credit_note', issued.filter((i) => i.kind === 'credit_note').map((i) => ({ tesseraId: i.id, parentId: i.payerId, label: i.number! })))
    paid.push(...issued.filter((i) => i.amountPaid > 0).map((i) => i.id))
    if (page.items.length < 200 || offset + 200 >= page.total) break
  }
  queued += await queueMany(ctx.db, 'contact', [...payers.values()])
  for (const invoiceId of paid) {
    const payments = await invoices.payments(invoiceId)
    queued += await queueMany(ctx.db, 'payment', payments.filter((p) => !p.reference?.startsWith('xero:')).map((p) => ({ tesseraId: p.id, parentId: invoiceId, label: p.reference ?? p.method })))
  }
  // void invoices are mirrored too (their number is part of the sequence), then voided
  await ctx.db.query(
    `UPDATE xero.documents SET action = 'void' WHERE kind = 'invoice' AND state = 'pending' AND tessera_id = ANY($1::text[])`,
    [await voidIds(ctx)])
  await saveConnection(ctx.db, { first_sync: 'running' })
  await ctx.jobs.send('sync', { first: true })
  return { queued }
}

async function voidIds(ctx: XeroContext): Promise<string[]> {
  const invoices = ctx.services.get(billingInvoices)
  const ids: string[] = []
  for (let offset = 0; ; offset += 200) {
    const page = await invoices.list({ status: 'void', limit: 200, offset })
    ids.push(...page.items.filter((i) => i.number).map((i) => i.id))
    if (page.items.length < 200) break
  }
  return ids
}
