/**
 * Plans and memberships. A membership belongs to one payer and one plan from `startsOn` to `endsOn` (inclusive, open
 * when null). Billing is monthly in advance: each calendar month a membership covers gets one charge
 * (`membership:<id>:<YYYY-MM>`) of the plan price prorated by day (see proration.ts) and its credits top-up
 * (`topup:<id>:<YYYY-MM>`, prorated by the same rule). Ending a membership early corrects the charges of the months
 * after the end: still open → the amount is reduced; already invoiced → a credit note for the difference, so what
 * was billed always equals the prorated amount. A plan change ends the membership the day before and starts a new one.
 */
import { problem } from '@tessera/sdk'
import type { BillingContext } from './billing-config.ts'
import { prorate, periodOf, nextPeriod, addDays } from './proration.ts'
import { addCharge, creditNote } from './invoicing.ts'
import { applyCredits } from './wallet.ts'
import { divRoundHalfEven } from '../contract/money.ts'
import type { Payer, PayerType } from './payer.ts'
import type { Plan, Membership } from '../contract/wire-types.ts'
import { membershipCreated, membershipEnded } from '../contract/membership-events.ts'

export type { Plan, Membership } from '../contract/wire-types.ts'

export const PLAN_COLS = `id, code, name, monthly_price::float8 AS "monthlyPrice", included_credits AS "includedCredits", tax_rate_bp AS "taxRateBp", features, active, location_id AS "locationId"`
export const MEMBERSHIP_COLS = `id, payer_type AS "payerType", payer_id AS "payerId", plan_id AS "planId", starts_on::text AS "startsOn",
  ends_on::text AS "endsOn", status, replaces_id AS "replacesId"`

export const getPlan = (ctx: BillingContext, id: string) => ctx.db.one<Plan & Record<string, unknown>>(`SELECT ${PLAN_COLS} FROM billing.plans WHERE id = $1`, [id])
export const getMembership = (ctx: BillingContext, id: string) => ctx.db.one<Membership & Record<string, unknown>>(`SELECT ${MEMBERSHIP_COLS} FROM billing.memberships WHERE id = $1`, [id])

/** Makes sure the membership's charge and credits for `period` exist (idempotent). */
export async function chargeMembershipPeriod(ctx: BillingContext, m: Membership, plan: Plan, period: string): Promise<void> {
  const p = prorate(plan.monthlyPrice, period, m.startsOn, m.endsOn)
  if (p.days === 0) return
  const payer: Payer = { payerType: m.payerType, payerId: m.payerId }
  const partial = p.days < p.daysInPeriod ? ` (${p.days}/${p.daysInPeriod} days)` : ''
  await addCharge(ctx, { ...payer, description: `${plan.name} ${period}${partial}`, unitAmount: p.amount, taxRateBp: plan.taxRateBp, source: `membership:${m.id}:${period}`, locationId: plan.locationId ?? null })
  const credits = p.days === p.daysInPeriod ? plan.includedCredits : divRoundHalfEven(plan.includedCredits * p.days, p.daysInPeriod)
  await applyCredits(ctx, payer, credits, `${plan.name} ${period}`, `topup:${m.id}:${period}`)
}

/** Creates a membership and bills its first month. */
export async function createMembership(ctx: BillingContext, input: Payer & { planId: string; startsOn: string; endsOn?: string | null; replacesId?: string }): Promise<Membership> {
  const plan = await getPlan(ctx, input.planId)
  if (!plan) throw problem.unprocessable('No such plan.', [{ pointer: '/body/planId', detail: 'unknown plan' }])
  if (!plan.active) throw problem.unprocessable('The plan is not active.')
  const m = (await ctx.db.one<Membership & Record<string, unknown>>(
    `INSERT INTO billing.memberships (payer_type, payer_id, plan_id, starts_on, ends_on, replaces_id) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING ${MEMBERSHIP_COLS}`,
    [input.payerType, input.payerId, input.planId, input.startsOn, input.endsOn ?? null, input.replacesId ?? null]))!
  await chargeMembershipPeriod(ctx, m, plan, periodOf(m.startsOn))
  await ctx.events.publish(membershipCreated, { id: m.id, payerType: m.payerType, payerId: m.payerId, planId: m.planId, startsOn: m.startsOn })
  return m
}

/** Ends a membership on `endsOn` (inclusive) and corrects the charges of the months after it. */
export async function endMembership(ctx: BillingContext, id: string, endsOn: string): Promise<Membership> {
  const cur = await ctx.db.one<Membership & Record<string, unknown>>(`SELECT ${MEMBERSHIP_COLS} FROM billing.memberships WHERE id = $1 FOR UPDATE`, [id])
  if (!cur) throw problem.notFound('No such membership.')
  if (endsOn < addDays(cur.startsOn, -1)) throw problem.unprocessable('The end lies before the start.')
  if (cur.endsOn !== null && cur.endsOn <= endsOn) throw problem.conflict('The membership already ends by then.')
  const plan = (await getPlan(ctx, cur.planId))!
  const ended = endsOn < cur.startsOn ? cur.startsOn : endsOn
  // a membership cancelled before it started: zero days (the row keeps ends_on = starts_on - 1 semantics via 0 coverage)
  await ctx.db.query('UPDATE billing.memberships SET ends_on = $2 WHERE id = $1', [id, ended])
  const charges = await ctx.db.many<{ source: string; invoice_id: string | null; unit_amount: number }>(
    `SELECT source, invoice_id, unit_amount::float8 FROM billing.charges WHERE source LIKE $1 AND source >= $2 ORDER BY source FOR UPDATE`,
    [`membership:${id}:%`, `membership:${id}:${periodOf(endsOn)}`])
  for (const c of charges) {
    const period = c.source.slice(-7)
    const due = endsOn < cur.startsOn ? 0 : prorate(plan.monthlyPrice, period, cur.startsOn, endsOn).amount
    const diff = c.unit_amount - due
    if (diff <= 0) continue
    if (!c.invoice_id) {
      if (due === 0) await ctx.db.query('DELETE FROM billing.charges WHERE source = $1', [c.source])
      else await ctx.db.query(`UPDATE billing.charges SET unit_amount = $2, description = description || ' — ends ' || $3 WHERE source = $1`, [c.source, due, endsOn])
    } else {
      await creditNote(ctx, c.invoice_id, [{ description: `${plan.name} ${period}: unused days after ${endsOn}`, unitAmount: diff, taxRateBp: plan.taxRateBp, locationId: plan.locationId ?? null }])
    }
  }
  await ctx.events.publish(membershipEnded, { id, payerType: cur.payerType, payerId: cur.payerId, endsOn })
  return (await getMembership(ctx, id))!
}

/** Moves a membership to another plan from `effectiveOn`: the old one ends the day before, a new one starts. */
export async function changePlan(ctx: BillingContext, id: string, planId: string, effectiveOn: string): Promise<Membership> {
  const cur = await getMembership(ctx, id)
  if (!cur) throw problem.notFound('No such membership.')
  if (effectiveOn <= cur.startsOn) throw problem.unprocessable('A plan change takes effect after the membership started.')
  await endMembership(ctx, id, addDays(effectiveOn, -1))
  return createMembership(ctx, { payerType: cur.payerType, payerId: cur.payerId, planId, startsOn: effectiveOn, endsOn: cur.endsOn, replacesId: id })
}

/** Active memberships covering any day of `period`, with their plans. */
export async function membershipsIn(ctx: BillingContext, period: string): Promise<{ m: Membership; plan: Plan }[]> {
  const first = `${period}-01`
  const last = `${nextPeriod(period)}-01`
  const rows = await ctx.db.many<Record<string, any>>(
    `SELECT ${MEMBERSHIP_COLS} FROM billing.memberships
     WHERE status = 'active' AND starts_on < $2::date AND (ends_on IS NULL OR ends_on >= $1::date) ORDER BY id`, [first, last])
  const out: { m: Membership; plan: Plan }[] = []
  for (const r of rows) out.push({ m: r as unknown as Membership, plan: (await getPlan(ctx, r.planId))! })
  return out
}
