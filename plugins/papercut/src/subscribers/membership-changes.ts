/**
 * Reactions to billing's membership events: a person's membership created, ended, suspended or reactivated queues
 * a sync of that person (the sync asks billing's plans service whether they still hold an active membership, so
 * the order and redelivery of events do not matter). Memberships of organisations are not followed yet (members'
 * directory contract offers no list of an organisation's people).
 */
import { on } from '@tessera/sdk'
import { membershipCreated, membershipEnded, membershipReactivated, membershipSuspended } from '@tessera/plugin-billing/contract'
import type { PaperCutContext } from '../domain/papercut-config.ts'

async function queue(ctx: PaperCutContext, payload: { payerType: string; payerId: string }): Promise<void> {
  if (payload.payerType === 'person') await ctx.jobs.send('sync-person', { personId: payload.payerId })
}

/** `billing.membership.created`. */
export const onMembershipCreated = on(membershipCreated, (e, ctx: PaperCutContext) => queue(ctx, e.payload))
/** `billing.membership.ended`. */
export const onMembershipEnded = on(membershipEnded, (e, ctx: PaperCutContext) => queue(ctx, e.payload))
/** `billing.membership.suspended`: printing is disabled. */
export const onMembershipSuspended = on(membershipSuspended, (e, ctx: PaperCutContext) => queue(ctx, e.payload))
/** `billing.membership.reactivated`: printing is enabled again. */
export const onMembershipReactivated = on(membershipReactivated, (e, ctx: PaperCutContext) => queue(ctx, e.payload))
