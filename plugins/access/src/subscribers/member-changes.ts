/**
 * Reactions to members: a status change (suspended, left, reactivated) or an organisation change alters whose
 * grants exist, so every agent of the tenant gets a fresh grant set at once — this subscriber already runs after
 * the members transaction committed. An anonymised person's credentials are revoked.
 */
import type { EventHandler } from '@tessera/sdk'
import { syncAgents } from '../domain/grant-sync.ts'
import { revokeCredentials } from '../domain/credential-store.ts'

export const onPersonStatusChanged: EventHandler = async (_event, ctx) => {
  await syncAgents(ctx)
}

export const onPersonUpdated: EventHandler = async (event, ctx) => {
  const fields = event.payload.fields
  if (Array.isArray(fields) && !fields.includes('organisationId')) return
  await syncAgents(ctx)
}

export const onPersonAnonymised: EventHandler = async (event, ctx) => {
  const personId = event.payload.id
  if (typeof personId !== 'string') return
  await revokeCredentials(ctx, { personId })
  await syncAgents(ctx)
}

/** The plugin's own `access.grants.changed`: push after the change committed. */
export const onGrantsChanged: EventHandler = async (event, ctx) => {
  const ids = event.payload.agentIds
  await syncAgents(ctx, Array.isArray(ids) ? ids.filter((i): i is string => typeof i === 'string') : undefined)
}
