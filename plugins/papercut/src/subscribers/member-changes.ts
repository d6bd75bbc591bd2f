/**
 * Reactions to members' events for people who have a PaperCut account: a changed name, e-mail or status, or an
 * anonymisation, queues a sync (name and e-mail follow; a person no longer active is disabled; an anonymised person's
 * PaperCut user keeps no name or e-mail).
 */
import { on } from '@tessera/sdk'
import { personAnonymised, personStatusChanged, personUpdated } from '@tessera/plugin-members/contract'
import type { PaperCutContext } from '../domain/papercut-config.ts'
import { getAccount } from '../store/accounts-store.ts'

async function queue(ctx: PaperCutContext, personId: string): Promise<void> {
  if (await getAccount(ctx.db, personId)) await ctx.jobs.send('sync-person', { personId })
}

/** `members.person.updated`. */
export const onPersonUpdated = on(personUpdated, (e, ctx: PaperCutContext) => queue(ctx, e.payload.id))
/** `members.person.status-changed`. */
export const onPersonStatusChanged = on(personStatusChanged, (e, ctx: PaperCutContext) => queue(ctx, e.payload.id))
/** `members.person.anonymised`. */
export const onPersonAnonymised = on(personAnonymised, (e, ctx: PaperCutContext) => queue(ctx, e.payload.id))
