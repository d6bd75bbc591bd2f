/**
 * The plugin's own `access.print-jobs.pending`: a job was queued (or a cancel asked for) in a transaction that has
 * now committed; when this instance holds the agent's socket, its connection sends the work at once. Otherwise the
 * holder's 2 s poll, or the agent's next connection, picks it up.
 */
import { on } from '@tessera/sdk'
import { printJobsPending } from '../contract/index.ts'
import { agentHubOf } from '../link/agent-hub.ts'
import type { AccessContext } from '../domain/access-config.ts'

/** Wakes the agent's connection. */
export const onPrintJobsPending = on(printJobsPending, async (event, ctx: AccessContext) => {
  agentHubOf(ctx).get(event.payload.agentId)?.wake?.()
})
