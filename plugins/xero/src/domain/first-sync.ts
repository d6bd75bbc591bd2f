/**
 * The first (bulk) sync: queues every person of the tenant as a contact (members' `directory.listPeople`, keyset pages)
 * with the organisations they belong to, every issued invoice and credit note (billing's `invoices` service, page by
 * page) with their payers as contacts (an organisation without members is reached only as a payer: members' contract
 * lists no organisations) and their payments, then starts the sync job. Already-known documents are
 * left as they are, so starting it again after a crash or for a second time queues nothing twice. Progress is the
 * documents' states (`GET /connection` → `firstSync`).
 */
import { billingInvoices } from '@tessera/plugin-billing/contract'
import { membersDirectory } from '@tessera/plugin-members/contract'
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
  queued += await queuePeople(ctx)
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

/** Queues every person (and each organisation a person belongs to) as a contact, page by page; returns how many were new. */
async function queuePeople(ctx: XeroContext): Promise<number> {
  const directory = ctx.services.get(membersDirectory)
  const orgs = new Map<string, string>()
  let queued = 0
  for (let after: string | null = null; ;) {
    const page = await directory.listPeople({ limit: 1000, after })
    queued += await queueMany(ctx.db, 'contact', page.map((p) => ({ tesseraId: p.id, parentId: 'person', label: p.name })))
    for (const p of page) if (p.organisationId && !orgs.has(p.organisationId)) orgs.set(p.organisationId, p.organisationName ?? '')
    if (page.length < 1000) break
    after = page[page.length - 1]!.id
  }
  queued += await queueMany(ctx.db, 'contact', [...orgs].map(([id, name]) => ({ tesseraId: id, parentId: 'organisation', label: name })))
  return queued
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
