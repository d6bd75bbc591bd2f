/**
 * Contacts: members' people and organisations become Xero contacts with `ContactNumber` = the Tessera id. Before
 * anything is created, a batch is matched first by ContactNumber (one `where` call), then the rest by e-mail (one
 * call; a contact found that way gets the ContactNumber) — so a re-run, a crash mid-run or a contact someone already
 * typed into Xero never makes a duplicate. Then one create-or-update call writes the whole batch (up to 50), with an
 * idempotency key, and each element's outcome (its ContactID, or Xero's validation message) lands on its document.
 */
import type { Contact } from 'xero-node'
import { membersDirectory } from '@tessera/plugin-members/contract'
import type { XeroContext } from './xero-config.ts'
import type { XeroApi } from './xero-api.ts'
import { elementErrors } from './xero-api.ts'
import { idempotencyKey } from './idempotency-key.ts'
import { failed, synced } from './sync-outcome.ts'
import { setLabels } from '../store/document-store.ts'
import type { DocumentRow } from '../store/document-store.ts'

interface Wanted {
  doc: DocumentRow
  contact: Contact
  email?: string
}

function splitName(name: string): { firstName?: string; lastName?: string } {
  const parts = name.trim().split(/\s+/)
  return parts.length > 1 ? { firstName: parts.slice(0, -1).join(' '), lastName: parts[parts.length - 1] } : { firstName: parts[0] }
}

/** What Tessera says the contact of `doc` is (undefined: gone from members). */
async function wanted(ctx: XeroContext, doc: DocumentRow): Promise<Wanted | undefined> {
  const dir = ctx.services.get(membersDirectory)
  if (doc.parent_id === 'organisation') {
    const o = await dir.getOrganisation(doc.tessera_id)
    if (!o) return undefined
    return { doc, email: o.email ?? undefined, contact: { name: o.name, contactNumber: o.id, emailAddress: o.email ?? undefined } }
  }
  const p = await dir.getPerson(doc.tessera_id)
  if (!p) return undefined
  // an anonymised person keeps the contact (invoices point at it) without their name or e-mail, archived
  if (p.anonymised) return { doc, contact: { name: `Anonymised ${p.id.slice(0, 8)}`, contactNumber: p.id, emailAddress: '', firstName: '', lastName: '', contactStatus: 'ARCHIVED' as never } }
  return { doc, email: p.email ?? undefined, contact: { name: p.name, contactNumber: p.id, emailAddress: p.email ?? undefined, ...splitName(p.name) } }
}

/** Syncs one batch of pending contact documents. */
export async function syncContacts(ctx: XeroContext, api: XeroApi, docs: DocumentRow[]): Promise<void> {
  const batch: Wanted[] = []
  for (const d of docs) {
    const w = await wanted(ctx, d)
    if (w) batch.push(w)
    else await failed(ctx, d, 'This person or organisation no longer exists in Tessera.')
  }
  if (!batch.length) return
  await setLabels(ctx.db, batch.map((w) => ({ id: w.doc.id, label: w.contact.name ?? '' })))
  const xeroIds = new Map<string, string>()
  for (const w of batch) if (w.doc.xero_id) xeroIds.set(w.doc.id, w.doc.xero_id)
  // 1. by ContactNumber
  const unknown = batch.filter((w) => !xeroIds.has(w.doc.id))
  if (unknown.length) {
    const found = await api.contactsByNumber(unknown.map((w) => w.doc.tessera_id))
    for (const w of unknown) {
      const hit = found.find((c) => c.contactNumber === w.doc.tessera_id)
      if (hit?.contactID) xeroIds.set(w.doc.id, hit.contactID)
    }
  }
  // 2. by e-mail, only contacts without another Tessera id
  const byMail = batch.filter((w) => !xeroIds.has(w.doc.id) && w.email)
  if (byMail.length) {
    const found = await api.contactsByEmail([...new Set(byMail.map((w) => w.email!))])
    const taken = new Set<string>()
    for (const w of byMail) {
      const hit = found.find((c) => c.emailAddress?.toLowerCase() === w.email!.toLowerCase() && !c.contactNumber && c.contactID && !taken.has(c.contactID))
      if (hit?.contactID) {
        xeroIds.set(w.doc.id, hit.contactID)
        taken.add(hit.contactID)
      }
    }
  }
  // 3. one create-or-update call for the batch
  const body = batch.map((w) => ({ ...w.contact, ...(xeroIds.has(w.doc.id) ? { contactID: xeroIds.get(w.doc.id) } : {}) }))
  const result = await api.saveContacts(body, idempotencyKey('contacts', batch.map((w) => w.doc)))
  for (const [i, w] of batch.entries()) {
    const el = result[i]
    const error = el ? elementErrors(el) : 'Xero returned no result for this contact'
    if (error || !el?.contactID) await failed(ctx, w.doc, error ?? 'Xero returned no ContactID')
    else await synced(ctx, w.doc, el.contactID)
  }
}
