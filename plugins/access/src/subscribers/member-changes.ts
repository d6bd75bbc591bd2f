/**
 * Reactions to members: a status change (suspended, left, reactivated) or an organisation change alters whose
 * grants exist, so every agent of the tenant gets a fresh grant set at once — this subscriber already runs after
 * the members transaction committed. An anonymised person's credentials are revoked. Payloads are typed by members'
 * event contracts (and checked against them on delivery).
 */
import { on } from '@tessera/sdk'
import { personAnonymised, personStatusChanged, personUpdated } from '@tessera/plugin-members/contract'
import { syncAgents } from '../domain/grant-sync.ts'
import { revokeCredentials } from '../domain/credential-store.ts'
import type { AccessContext } from '../domain/access-config.ts'

/** `members.person.status-changed`: push every agent. */
export const onPersonStatusChanged = on(personStatusChanged, async (_event, ctx: AccessContext) => {
  await syncAgents(ctx)
})

/** `members.person.updated`: push every agent when the person's organisation changed (group membership through it). */
export const onPersonUpdated = on(personUpdated, async (event, ctx: AccessContext) => {
  if (!event.payload.fields.includes('organisationId')) return
  await syncAgents(ctx)
})

/** `members.person.anonymised`: revoke the person's credentials, then push. */
export const onPersonAnonymised = on(personAnonymised, async (event, ctx: AccessContext) => {
  await revokeCredentials(ctx, { personId: event.payload.id })
  await syncAgents(ctx)
})
