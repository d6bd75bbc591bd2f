/**
 * Reactions to billing's membership events (`billing.membership.created|ended|suspended|reactivated`), typed by
 * billing's contract (billing need not be installed: then they never arrive). A person's membership updates this
 * plugin's copy and then the person's credential: a newly active member gets one; an ended or suspended membership
 * makes RADIUS refuse the login on its next request (it reads the view live). Organisation memberships are not
 * followed yet (the members directory lists no organisation's people).
 */
import { on } from '@tessera/sdk'
import { membershipCreated, membershipEnded, membershipReactivated, membershipSuspended } from '@tessera/plugin-billing/contract'
import type { WifiContext } from '../domain/wifi-config.ts'
import { followMemberships } from '../domain/credentials.ts'
import { ensureMembership, setEnd, setStart, setStatus } from '../store/memberships-store.ts'

type Payer = { id: string; payerType: 'person' | 'organisation'; payerId: string }

async function apply(ctx: WifiContext, p: Payer, change: () => Promise<void>): Promise<void> {
  if (p.payerType !== 'person') return
  await ensureMembership(ctx.db, p.id, p.payerId)
  await change()
  await followMemberships(ctx, p.payerId)
}

/** `billing.membership.created`: start, active. */
export const onMembershipCreated = on(membershipCreated, (e, ctx: WifiContext) =>
  apply(ctx, e.payload, async () => { await setStart(ctx.db, e.payload.id, e.payload.startsOn); await setStatus(ctx.db, e.payload.id, 'active', e.publishedAt) }))
/** `billing.membership.ended`: the last day. */
export const onMembershipEnded = on(membershipEnded, (e, ctx: WifiContext) =>
  apply(ctx, e.payload, () => setEnd(ctx.db, e.payload.id, e.payload.endsOn, e.publishedAt)))
/** `billing.membership.suspended`: no Wi-Fi while suspended. */
export const onMembershipSuspended = on(membershipSuspended, (e, ctx: WifiContext) =>
  apply(ctx, e.payload, () => setStatus(ctx.db, e.payload.id, 'suspended', e.publishedAt)))
/** `billing.membership.reactivated`: Wi-Fi again. */
export const onMembershipReactivated = on(membershipReactivated, (e, ctx: WifiContext) =>
  apply(ctx, e.payload, () => setStatus(ctx.db, e.payload.id, 'active', e.publishedAt)))
