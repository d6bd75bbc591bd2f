/**
 * Invoices and credit notes: an issued Tessera invoice becomes an ACCREC invoice (a credit note an ACCRECCREDIT
 * credit note) with the same number, its lines with the mapped account code, tax type and tracking option of the
 * line's location, the payer's contact; a voided one is voided in Xero. A line at a location the mapping has no
 * tracking option for fails its document with a message naming the location (saving the mapping retries it). A batch
 * (up to 50) is first looked up by number (one call), so a document Xero already has — a re-run, a crash after Xero
 * accepted it — is linked, never created again; the rest are created in one call with an idempotency key, each
 * element's outcome (Xero id, or the validation message) on its document.
 * A document whose contact is not in Xero yet waits for it (the contact is queued); a failed contact fails it.
 */
import type { CreditNote, Invoice, LineItem } from 'xero-node'
import { billingInvoices } from '@tessera/plugin-billing/contract'
import { spacesCatalog } from '@tessera/plugin-spaces/contract'
import type { Invoice as TesseraInvoice } from '@tessera/plugin-billing/contract'
import type { XeroContext } from './xero-config.ts'
import type { XeroApi } from './xero-api.ts'
import { elementErrors } from './xero-api.ts'
import { idempotencyKey } from './idempotency-key.ts'
import { failed, synced, toAmount, toMinor } from './sync-outcome.ts'
import { accountFor, taxTypeFor, trackingFor } from './mapping.ts'
import type { EffectiveMapping } from './mapping.ts'
import { contactIds, documentOf, markSynced, queueDocument } from '../store/document-store.ts'
import type { DocumentRow } from '../store/document-store.ts'

/** What became of a batch: documents that wait for their contact are left pending. */
export interface BatchResult {
  waiting: string[]
}

/** The Xero lines of a document, or why it cannot be written (a line at a location without a tracking option). */
async function linesOf(ctx: XeroContext, inv: TesseraInvoice, m: EffectiveMapping): Promise<{ items: LineItem[] } | { error: string }> {
  const items: LineItem[] = []
  for (const [i, l] of (inv.lines ?? []).entries()) {
    const tracking = trackingFor(m, l.locationId)
    if (tracking.kind === 'unmapped') {
      const name = (await ctx.services.optional(spacesCatalog)?.getLocation(l.locationId!))?.name
      return {
        error: `Line ${i + 1} ("${l.description}") was sold at ${name ? `the location ${name}` : 'a location'} (${l.locationId}), which has no option of the Xero `
          + `tracking category "${tracking.category}": map the location on the mapping screen.`,
      }
    }
    const net = Math.abs(l.net)
    const even = l.quantity > 0 && net % l.quantity === 0
    items.push({
      description: even ? l.description : `${l.quantity} × ${l.description}`,
      quantity: even ? l.quantity : 1,
      unitAmount: toAmount(even ? net / l.quantity : net),
      accountCode: accountFor(m, l.source),
      taxType: taxTypeFor(m, l.taxRateBp),
      taxAmount: toAmount(Math.abs(l.tax)),
      ...(tracking.kind === 'option' ? { tracking: [{ name: tracking.category, option: tracking.option }] } : {}),
    })
  }
  return { items }
}

function day(iso: string | null): string | undefined {
  return iso ? iso.slice(0, 10) : undefined
}

/** Syncs one batch of pending invoice or credit-note documents (action `upsert`, or `void` not yet created). */
export async function syncInvoices(ctx: XeroContext, api: XeroApi, docs: DocumentRow[], m: EffectiveMapping): Promise<BatchResult> {
  const invoices = ctx.services.get(billingInvoices)
  const waiting: string[] = []
  const ready: { doc: DocumentRow; inv: TesseraInvoice; lines: LineItem[]; contactId: string }[] = []
  const loaded: { doc: DocumentRow; inv: TesseraInvoice; lines: LineItem[] }[] = []
  for (const doc of docs) {
    const inv = await invoices.get(doc.tessera_id)
    if (!inv || !inv.number) {
      await failed(ctx, doc, 'This invoice is not issued in Tessera.')
      continue
    }
    const built = await linesOf(ctx, inv, m)
    if ('error' in built) await failed(ctx, doc, built.error)
    else loaded.push({ doc, inv, lines: built.items })
  }
  const contacts = await contactIds(ctx.db, loaded.map((l) => l.inv.payerId))
  for (const { doc, inv, lines } of loaded) {
    const c = contacts.get(inv.payerId)
    if (c?.state === 'synced' && c.xeroId) ready.push({ doc, inv, lines, contactId: c.xeroId })
    else if (c?.state === 'failed') await failed(ctx, doc, `The contact ${c.label || inv.payerId} is not in Xero: ${c.error ?? 'it failed'}`)
    else {
      if (!c) await queueDocument(ctx.db, { kind: 'contact', tesseraId: inv.payerId, parentId: inv.payerType, label: inv.payerName ?? '' })
      waiting.push(doc.id)
    }
  }
  if (!ready.length) return { waiting }
  const credit = ready[0].doc.kind === 'credit_note'
  // 1. what Xero has already, by number
  const numbers = ready.map((r) => r.inv.number!)
  const existing = credit ? await api.creditNotesByNumber(numbers) : await api.invoicesByNumber(numbers)
  const create: typeof ready = []
  for (const r of ready) {
    const hit = existing.find((e) => (credit ? (e as CreditNote).creditNoteNumber : (e as Invoice).invoiceNumber) === r.inv.number)
    const id = hit && (credit ? (hit as CreditNote).creditNoteID : (hit as Invoice).invoiceID)
    if (id) await done(ctx, r.doc, id, hit as Invoice)
    else create.push(r)
  }
  if (!create.length) return { waiting }
  // 2. one create call for the rest
  const key = idempotencyKey(credit ? 'credit-notes' : 'invoices', create.map((r) => r.doc))
  const result = credit
    ? await api.createCreditNotes(create.map((r) => ({
      type: 'ACCRECCREDIT' as never, contact: { contactID: r.contactId }, creditNoteNumber: r.inv.number!, date: day(r.inv.issuedAt),
      status: 'AUTHORISED' as never, lineAmountTypes: 'Exclusive' as never, currencyCode: r.inv.currency as never, lineItems: r.lines,
    })), key)
    : await api.createInvoices(create.map((r) => ({
      type: 'ACCREC' as never, contact: { contactID: r.contactId }, invoiceNumber: r.inv.number!, reference: r.inv.period ?? undefined,
      date: day(r.inv.issuedAt), dueDate: day(r.inv.dueOn) ?? day(r.inv.issuedAt), status: 'AUTHORISED' as never,
      lineAmountTypes: 'Exclusive' as never, currencyCode: r.inv.currency as never, lineItems: r.lines,
    })), key)
  for (const [i, r] of create.entries()) {
    const el = result[i] as (Invoice & CreditNote) | undefined
    const error = el ? elementErrors(el) : 'Xero returned no result for this document'
    const id = el && (credit ? el.creditNoteID : el.invoiceID)
    if (error || !id) await failed(ctx, r.doc, error ?? 'Xero returned no id')
    else if (credit && r.inv.creditFor) await allocate(ctx, api, r.doc, r.inv, id, el)
    else await done(ctx, r.doc, id, el)
  }
  return { waiting }
}

/** A credit note of an invoice is allocated to that invoice in Xero (as Tessera credits it), then linked. */
async function allocate(ctx: XeroContext, api: XeroApi, doc: DocumentRow, cn: TesseraInvoice, xeroId: string, x: Invoice | undefined): Promise<void> {
  const target = await documentOf(ctx.db, 'invoice', cn.creditFor!)
  if (target?.xero_id && target.state === 'synced') {
    const [el] = await api.allocateCreditNote(xeroId, target.xero_id, toAmount(Math.abs(cn.total)), idempotencyKey('allocation', [doc]))
    const error = el ? elementErrors(el) : undefined
    if (error) {
      await markSynced(ctx.db, doc.id, xeroId)
      await failed(ctx, doc, `Created in Xero but not allocated to the invoice: ${error}`)
      return
    }
  }
  await done(ctx, doc, xeroId, x)
}

/** Links a created (or found) document; one to be voided stays pending for the void. */
async function done(ctx: XeroContext, doc: DocumentRow, xeroId: string, x: Invoice | undefined): Promise<void> {
  const snapshot = { status: String(x?.status ?? 'AUTHORISED'), total: toMinor(x?.total), amountDue: toMinor(x?.amountDue) }
  if (doc.action === 'void' && snapshot.status !== 'VOIDED') {
    await markSynced(ctx.db, doc.id, xeroId, snapshot)
    await queueDocument(ctx.db, { kind: doc.kind, tesseraId: doc.tessera_id, action: 'void' })
    return
  }
  await synced(ctx, doc, xeroId, snapshot)
}

/** Voids one invoice in Xero (its document has the Xero id). */
export async function voidInvoice(ctx: XeroContext, api: XeroApi, doc: DocumentRow): Promise<void> {
  const [el] = await api.voidInvoice(doc.xero_id!, idempotencyKey('void', [doc]))
  const error = el ? elementErrors(el) : undefined
  if (error) await failed(ctx, doc, error)
  else await synced(ctx, doc, doc.xero_id!, { status: 'VOIDED', total: toMinor(el?.total), amountDue: 0 })
}
