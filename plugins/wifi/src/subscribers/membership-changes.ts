/**
 * Reactions to billing's membership events (`billing.membership.created|ended|suspended|reactivated`), typed by
 * billing's contract (billing need not be installed: then they never arrive). A membership — a person's own or an
 * organisation's — updates this plugin's copy, then the credential of every person it covers (the person, or each
 * person of the organisation): a newly eligible member gets one; an ended or suspended membership makes RADIUS
 * refuse the login on its next request (it reads the view live).
 */
import { on } from '@tessera/sdk'
import { membershipCreated, membershipEnded, membershipReactivated, membershipSuspended } from '@tessera/plugin-billing/contract'
import type { WifiContext } from '../domain/wifi-config.ts'
import { followMemberships } from '../domain/credentials.ts'
import { peopleCoveredBy } from '../domain/payer-people.ts'
import { ensureMembership, setEnd, setStart, setStatus } from '../store/memberships-store.ts'

type Payer = { id: string; payerType: 'person' | 'organisation'; payerId: string }

async function apply(ctx: WifiContext, p: Payer, change: () => Promise<void>): Promise<void> {
  await ensureMembership(ctx.db, p.id, p.payerType, p.payerId)
  await change()
  for (const personId of await peopleCoveredBy(ctx, p.payerType, p.payerId)) await followMemberships(ctx, personId)
}

/** `billing.membership.created`: plan, start, active. */
export const onMembershipCreated = on(membershipCreated, (e, ctx: WifiContext) =>
  apply(ctx, e.payload, async () => { await setStart(ctx.db, e.payload.id, e.payload.startsOn, e.payload.planId); await setStatus(ctx.db, e.payload.id, 'active', e.publishedAt) }))
/** `billing.membership.ended`: the last day. */
export const onMembershipEnded = on(membershipEnded, (e, ctx: WifiContext) =>
  apply(ctx, e.payload, () => setEnd(ctx.db, e.payload.id, e.payload.endsOn, e.publishedAt)))
/** `billing.membership.suspended`: no Wi-Fi while suspended. */
export const onMembershipSuspended = on(membershipSuspended, (e, ctx: WifiContext) =>
  apply(ctx, e.payload, () => setStatus(ctx.db, e.payload.id, 'suspended', e.publishedAt)))
/** `billing.membership.reactivated`: Wi-Fi again. */
export const onMembershipReactivated = on(membershipReactivated, (e, ctx: WifiContext) =>
  apply(ctx, e.payload, () => setStatus(ctx.db, e.payload.id, 'active', e.publishedAt)))
