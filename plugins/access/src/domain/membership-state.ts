/**
 * Membership state heard from billing (`access.memberships`, see migration 003) and what it means for access:
 * the UTC intervals in which a person — or their organisation — holds an active membership (optionally of given
 * plans). Billing's dates are inclusive calendar days in UTC (its `plans` service reads "today" in UTC), so a
 * membership covers `[startsOn 00:00Z, endsOn + 1 day 00:00Z)`; a suspended membership covers nothing; one whose
 * `created` event has not arrived yet (start unknown) covers nothing either (fail-secure, the `created` event pushes).
 */
import type { AccessContext } from './access-config.ts'
import type { Interval } from './weekly-windows.ts'

const DAY = 86_400_000
type Row = { payer_type: 'person' | 'organisation'; payer_id: string; plan_id: string | null; starts_on: string; ends_on: string | null }

/** Sorts and merges overlapping or touching intervals. */
export function unionOf(list: Interval[]): Interval[] {
  const sorted = list.filter((i) => i.to > i.from).sort((a, b) => a.from - b.from)
  const out: Interval[] = []
  for (const i of sorted) {
    const last = out[out.length - 1]
    if (last && i.from <= last.to) last.to = Math.max(last.to, i.to)
    else out.push({ ...i })
  }
  return out
}

/** The intersection of two interval lists. */
export function intersect(a: Interval[], b: Interval[]): Interval[] {
  const x = unionOf(a)
  const y = unionOf(b)
  const out: Interval[] = []
  let i = 0
  let j = 0
  while (i < x.length && j < y.length) {
    const from = Math.max(x[i]!.from, y[j]!.from)
    const to = Math.min(x[i]!.to, y[j]!.to)
    if (to > from) out.push({ from, to })
    if (x[i]!.to < y[j]!.to) i++
    else j++
  }
  return out
}

/** A person as far as memberships are concerned. */
export interface Holder { id: string; organisationId: string | null }

/** The tenant's membership state, loaded once per grant build or rights check. */
export class MembershipState {
  /** Whether billing ever told this plugin about a membership of the tenant. */
  readonly hasData: boolean
  readonly #byPayer = new Map<string, { planId: string | null; iv: Interval }[]>()

  constructor(hasData: boolean, rows: Row[]) {
    this.hasData = hasData
    for (const r of rows) {
      const from = Date.parse(`${r.starts_on}T00:00:00Z`)
      const to = r.ends_on === null ? Number.MAX_SAFE_INTEGER : Date.parse(`${r.ends_on}T00:00:00Z`) + DAY
      const key = `${r.payer_type}:${r.payer_id}`
      this.#byPayer.set(key, [...(this.#byPayer.get(key) ?? []), { planId: r.plan_id, iv: { from, to } }])
    }
  }

  /** When `holder` (or their organisation) holds an active membership — of one of `planIds`, when given. */
  intervals(holder: Holder, planIds?: Set<string>): Interval[] {
    const rows = [
      ...(this.#byPayer.get(`person:${holder.id}`) ?? []),
      ...(holder.organisationId ? this.#byPayer.get(`organisation:${holder.organisationId}`) ?? [] : []),
    ]
    return unionOf(rows.filter((r) => !planIds || (r.planId !== null && planIds.has(r.planId))).map((r) => r.iv))
  }

  /** The plans `holder` (or their organisation) holds an active membership of at `at`. */
  plansAt(holder: Holder, at: number): string[] {
    const rows = [
      ...(this.#byPayer.get(`person:${holder.id}`) ?? []),
      ...(holder.organisationId ? this.#byPayer.get(`organisation:${holder.organisationId}`) ?? [] : []),
    ]
    return [...new Set(rows.filter((r) => r.planId !== null && r.iv.from <= at && at < r.iv.to).map((r) => r.planId!))]
  }

  /** Whether `holder` holds any active membership at `at`. */
  activeAt(holder: Holder, at: number): boolean {
    return this.intervals(holder).some((i) => i.from <= at && at < i.to)
  }
}

/** Loads the active memberships of the tenant (all payers). */
export async function loadMemberships(ctx: AccessContext): Promise<MembershipState> {
  const any = await ctx.db.one<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM access.memberships) AS any')
  if (!any?.any) return new MembershipState(false, [])
  const rows = await ctx.db.many<Row>(
    `SELECT payer_type, payer_id, plan_id, starts_on::text AS starts_on, ends_on::text AS ends_on FROM access.memberships
      WHERE status = 'active' AND starts_on IS NOT NULL AND (ends_on IS NULL OR ends_on >= starts_on)`)
  return new MembershipState(true, rows)
}

/** One membership change as billing's events describe it (payloads checked against billing's contract on delivery). */
export type MembershipChange =
  | { kind: 'created'; id: string; payerType: 'person' | 'organisation'; payerId: string; planId: string; startsOn: string; endsOn?: string | null }
  | { kind: 'ended'; id: string; payerType: 'person' | 'organisation'; payerId: string; endsOn: string }
  | { kind: 'suspended' | 'reactivated'; id: string; payerType: 'person' | 'organisation'; payerId: string }

/**
 * Applies one `billing.membership.*` event to the copy. Returns whether anything changed (an older event than the
 * one already applied for the same field changes nothing).
 */
export async function applyMembershipEvent(ctx: AccessContext, change: MembershipChange, publishedAt: string): Promise<boolean> {
  const { id, payerType, payerId } = change
  // the row, if this is the first event heard of this membership (status unknown yet → active, at -infinity)
  await ctx.db.query(
    `INSERT INTO access.memberships (membership_id, payer_type, payer_id, status, status_event_at)
     VALUES ($1, $2, $3, 'active', '-infinity') ON CONFLICT (tenant_id, membership_id) DO NOTHING`, [id, payerType, payerId])
  let changed = 0
  if (change.kind === 'created') {
    changed += (await ctx.db.query(
      `UPDATE access.memberships SET plan_id = $2, starts_on = $3::date
        WHERE membership_id = $1 AND (plan_id IS DISTINCT FROM $2 OR starts_on IS DISTINCT FROM $3::date)`,
      [id, change.planId, change.startsOn])).rowCount ?? 0
    changed += await setStatus(ctx, id, 'active', publishedAt)
    // billing's `created` carries no end today; honour one if it ever does
    if (change.endsOn !== undefined) changed += await setEnd(ctx, id, change.endsOn, publishedAt)
  } else if (change.kind === 'ended') {
    changed += await setEnd(ctx, id, change.endsOn, publishedAt)
  } else {
    changed += await setStatus(ctx, id, change.kind === 'suspended' ? 'suspended' : 'active', publishedAt)
  }
  return changed > 0
}

async function setStatus(ctx: AccessContext, id: string, status: 'active' | 'suspended', at: string): Promise<number> {
  return (await ctx.db.query(
    `UPDATE access.memberships SET status = $2, status_event_at = $3 WHERE membership_id = $1 AND status_event_at <= $3`,
    [id, status, at])).rowCount ?? 0
}

async function setEnd(ctx: AccessContext, id: string, endsOn: string | null, at: string): Promise<number> {
  return (await ctx.db.query(
    `UPDATE access.memberships SET ends_on = $2::date, ends_event_at = $3 WHERE membership_id = $1 AND (ends_event_at IS NULL OR ends_event_at <= $3)`,
    [id, endsOn, at])).rowCount ?? 0
}
