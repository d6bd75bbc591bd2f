/**
 * SQL of plans and of the staff reads of memberships and wallets (the routes hold no SQL).
 */
import type { BillingContext } from '../domain/billing-config.ts'
import { PLAN_COLS, MEMBERSHIP_COLS } from '../domain/memberships.ts'
import type { Membership, Plan, PlanInput } from '../contract/wire-types.ts'
import type { PayerType } from '../domain/payer.ts'

/** Every plan, cheapest first. */
export const listPlans = (ctx: BillingContext): Promise<Plan[]> =>
  ctx.db.many<Plan & Record<string, unknown>>(`SELECT ${PLAN_COLS} FROM billing.plans ORDER BY monthly_price, code`)

/** Creates a plan. */
export async function insertPlan(ctx: BillingContext, b: PlanInput): Promise<Plan> {
  return (await ctx.db.one<Plan & Record<string, unknown>>(
    `INSERT INTO billing.plans (code, name, monthly_price, included_credits, tax_rate_bp, features, active, location_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     RETURNING ${PLAN_COLS}`,
    [b.code, b.name, b.monthlyPrice, b.includedCredits ?? 0, b.taxRateBp ?? 0, JSON.stringify(b.features ?? {}), b.active ?? true, b.locationId ?? null]))!
}

/** Changes the given fields of a plan (the code stays); undefined when there is no such plan. */
export function updatePlan(ctx: BillingContext, id: string, b: Partial<PlanInput>): Promise<Plan | undefined> {
  return ctx.db.one<Plan & Record<string, unknown>>(
    `UPDATE billing.plans SET name = coalesce($2, name), monthly_price = coalesce($3, monthly_price), included_credits = coalesce($4, included_credits),
       tax_rate_bp = coalesce($5, tax_rate_bp), features = coalesce($6, features), active = coalesce($7, active),
       location_id = CASE WHEN $8::boolean THEN $9::uuid ELSE location_id END
     WHERE id = $1 RETURNING ${PLAN_COLS}`,
    [id, b.name ?? null, b.monthlyPrice ?? null, b.includedCredits ?? null, b.taxRateBp ?? null, b.features ? JSON.stringify(b.features) : null, b.active ?? null,
      b.locationId !== undefined, b.locationId ?? null])
}

/** Memberships by payer and plan, newest first (at most 500). */
export function listMemberships(ctx: BillingContext, q: { payerType?: PayerType; payerId?: string; planId?: string }): Promise<Membership[]> {
  return ctx.db.many<Membership & Record<string, unknown>>(
    `SELECT ${MEMBERSHIP_COLS} FROM billing.memberships WHERE ($1::text IS NULL OR payer_type = $1) AND ($2::uuid IS NULL OR payer_id = $2)
     AND ($3::uuid IS NULL OR plan_id = $3) ORDER BY starts_on DESC, created_at DESC LIMIT 500`, [q.payerType ?? null, q.payerId ?? null, q.planId ?? null])
}

/** Lifts a suspension; the payer when the membership was suspended, undefined otherwise. */
export async function unsuspendMembership(ctx: BillingContext, id: string): Promise<{ payerType: PayerType; payerId: string } | undefined> {
  return ctx.db.one<{ payerType: PayerType; payerId: string }>(
    `UPDATE billing.memberships SET status = 'active' WHERE id = $1 AND status = 'suspended' RETURNING payer_type AS "payerType", payer_id AS "payerId"`, [id])
}

/** Wallet balances, highest first, and how many wallets there are. */
export async function listWallets(ctx: BillingContext, limit: number, offset: number): Promise<{ rows: { payerType: PayerType; payerId: string; balance: number }[]; total: number }> {
  const rows = await ctx.db.many<{ payerType: PayerType; payerId: string; balance: number }>(
    `SELECT payer_type AS "payerType", payer_id AS "payerId", balance FROM billing.wallets ORDER BY balance DESC, payer_id LIMIT $1 OFFSET $2`, [limit, offset])
  const total = (await ctx.db.one<{ n: number }>('SELECT count(*)::int AS n FROM billing.wallets'))!.n
  return { rows, total }
}
