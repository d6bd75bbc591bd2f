/**
 * Reactions to billing, without depending on it: `billing.membership.created|ended|suspended|reactivated` update this
 * plugin's copy of the membership (`membership-state.ts`) and, when it changed, push fresh grant sets to every agent
 * of the tenant at once — the same sync as for a member's status change, so an ended or suspended membership stops
 * opening doors within seconds. A tenant without billing simply never receives these events. Payloads are typed by
 * billing's event contracts (only the contract is imported; billing need not be installed).
 */
import { on } from '@tessera/sdk'
import { membershipCreated, membershipEnded, membershipReactivated, membershipSuspended } from '@tessera/plugin-billing/contract'
import { syncAgents } from '../domain/grant-sync.ts'
import { applyMembershipEvent } from '../domain/membership-state.ts'
import type { MembershipChange } from '../domain/membership-state.ts'
import type { AccessContext } from '../domain/access-config.ts'

async function apply(ctx: AccessContext, change: MembershipChange, publishedAt: string): Promise<void> {
  if (await applyMembershipEvent(ctx, change, publishedAt)) await syncAgents(ctx)
}

/** `billing.membership.created`: the membership's plan and start. */
export const onMembershipCreated = on(membershipCreated, (e, ctx: AccessContext) => apply(ctx, { kind: 'created', ...e.payload }, e.publishedAt))
/** `billing.membership.ended`: its end date. */
export const onMembershipEnded = on(membershipEnded, (e, ctx: AccessContext) => apply(ctx, { kind: 'ended', ...e.payload }, e.publishedAt))
/** `billing.membership.suspended`: no access while suspended. */
export const onMembershipSuspended = on(membershipSuspended, (e, ctx: AccessContext) => apply(ctx, { kind: 'suspended', ...e.payload }, e.publishedAt))
/** `billing.membership.reactivated`: access again. */
export const onMembershipReactivated = on(membershipReactivated, (e, ctx: AccessContext) => apply(ctx, { kind: 'reactivated', ...e.payload }, e.publishedAt))
