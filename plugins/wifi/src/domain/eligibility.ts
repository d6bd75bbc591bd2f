/**
 * Who gets Wi-Fi, from billing's memberships (this plugin's copy of `billing.membership.*`): a person with an active
 * member record whose own membership is active — or whose organisation's is (members' directory says which
 * organisation a person belongs to) — and whose membership's plan gives Wi-Fi. A plan gives Wi-Fi unless its
 * features (billing's `billing.plans` service, an optional dependency) say `wifi: false`; with the tenant setting
 * `requirePlanFeature`, only plans whose features say `wifi: true` do. Without billing's service (billing not
 * running) plans are not consulted and only `requirePlanFeature` tenants are refused.
 *
 * The validity is a window: from the earliest start to the day after the latest end (billing's dates are inclusive
 * UTC days), open-ended when a membership has no end — RADIUS reads it live, so an end in the past or a suspension
 * needs no job.
 */
import { billingPlans } from '@tessera/plugin-billing/contract'
import type { WifiContext } from './wifi-config.ts'
import type { Validity } from '../store/credentials-store.ts'
import { activeMemberships } from '../store/memberships-store.ts'
import type { MembershipRow } from '../store/memberships-store.ts'

const DAY = 86_400_000

/** Whether a plan with these features gives Wi-Fi (`required`: only an explicit `wifi: true` does). */
export function planGivesWifi(features: Record<string, unknown> | undefined, required: boolean): boolean {
  const flag = features?.wifi
  return required ? flag === true : flag !== false
}

/** The validity window of a set of active memberships. */
export function windowOf(rows: MembershipRow[]): Validity {
  if (rows.length === 0) return { allowed: false, validFrom: null, validUntil: null }
  const from = rows.map((r) => r.starts_on).sort()[0]!
  const open = rows.some((r) => r.ends_on === null)
  const last = open ? null : rows.map((r) => r.ends_on!).sort().at(-1)!
  return {
    allowed: true,
    validFrom: new Date(`${from}T00:00:00Z`).toISOString(),
    validUntil: last === null ? null : new Date(Date.parse(`${last}T00:00:00Z`) + DAY).toISOString(),
  }
}

/** When `personId` (of `organisationId`) may use Wi-Fi, from their and their organisation's memberships and plans. */
export async function membershipValidity(ctx: WifiContext, personId: string, organisationId: string | null): Promise<Validity> {
  const rows = await activeMemberships(ctx.db, personId, organisationId)
  const required = ctx.config().requirePlanFeature
  const plans = ctx.services.optional(billingPlans)
  const gives = new Map<string, boolean>()
  const kept: MembershipRow[] = []
  for (const r of rows) {
    if (!plans || !r.plan_id) {
      if (!required) kept.push(r)
      continue
    }
    if (!gives.has(r.plan_id)) gives.set(r.plan_id, planGivesWifi((await plans.getPlan(r.plan_id))?.features as Record<string, unknown> | undefined, required))
    if (gives.get(r.plan_id)) kept.push(r)
  }
  return windowOf(kept)
}
