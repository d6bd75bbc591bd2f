/**
 * The plugin's own `access.grants.changed`: a change marked some agents (all of the tenant's without `agentIds`) in
 * its transaction; this subscriber runs after that transaction committed and pushes their grant sets.
 */
import { on } from '@tessera/sdk'
import { grantsChanged } from '../contract/index.ts'
import { syncAgents } from '../domain/grant-sync.ts'
import type { AccessContext } from '../domain/access-config.ts'

/** Pushes the grant sets of the agents named in the event (all when absent). */
export const onGrantsChanged = on(grantsChanged, async (event, ctx: AccessContext) => {
  await syncAgents(ctx, event.payload.agentIds)
})
