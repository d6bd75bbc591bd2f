/**
 * Reactions to billing, without depending on it: `billing.membership.created|ended|suspended|reactivated` update this
 * plugin's copy of the membership (`membership-state.ts`) and, when it changed, push fresh grant sets to every agent
 * of the tenant at once — the same sync as for a member's status change, so an ended or suspended membership stops
 * opening doors within seconds. A tenant without billing simply never receives these events.
 */
import type { EventHandler } from '@tessera/sdk'
import { syncAgents } from '../domain/grant-sync.ts'
import { applyMembershipEvent } from '../domain/membership-state.ts'

export const onMembershipChanged: EventHandler = async (event, ctx) => {
  if (await applyMembershipEvent(ctx, event.name, event.payload, event.publishedAt)) await syncAgents(ctx)
}
