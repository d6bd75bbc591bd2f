/**
 * Members' changes flow to Xero: a person or organisation created, changed or anonymised is queued as a contact
 * document and the sync job is started (it does nothing until the tenant is connected; the documents wait).
 */
import { on } from '@tessera/sdk'
import { organisationCreated, organisationUpdated, personAnonymised, personCreated, personUpdated } from '@tessera/plugin-members/contract'
import type { XeroContext } from '../domain/xero-config.ts'
import { queueDocument, queueMany } from '../store/document-store.ts'

/** A change queues the contact again; a creation only when it is not known yet (the first sync may have it). */
async function queueContact(ctx: XeroContext, payerType: 'person' | 'organisation', id: string, created = false): Promise<void> {
  const queued = created
    ? (await queueMany(ctx.db, 'contact', [{ tesseraId: id, parentId: payerType, label: '' }])) > 0
    : await queueDocument(ctx.db, { kind: 'contact', tesseraId: id, parentId: payerType })
  if (queued) await ctx.jobs.send('sync', { trigger: 'members' }, { startAfter: 1 })
}

/** Subscriptions to `members.*`. */
export const memberSubscriptions = [
  on(personCreated, (e, ctx: XeroContext) => queueContact(ctx, 'person', e.payload.id, true)),
  on(personUpdated, (e, ctx: XeroContext) => queueContact(ctx, 'person', e.payload.id)),
  on(personAnonymised, (e, ctx: XeroContext) => queueContact(ctx, 'person', e.payload.id)),
  on(organisationCreated, (e, ctx: XeroContext) => queueContact(ctx, 'organisation', e.payload.id, true)),
  on(organisationUpdated, (e, ctx: XeroContext) => queueContact(ctx, 'organisation', e.payload.id)),
]
