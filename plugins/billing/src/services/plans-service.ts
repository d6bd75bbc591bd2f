/**
 * `billing.plans` (contract `billingPlans`), which other plugins read (access groups, print quota, Wi-Fi): the plans and features that apply to a
 * person today — their own active memberships and those of their organisation.
 */
import type { BillingContext } from '../domain/billing-config.ts'
import { PLAN_COLS } from '../domain/memberships.ts'
import type { Plan } from '../domain/memberships.ts'
import type { PayerType } from '../domain/payer.ts'
import type { PlansService } from '../contract/plans-service.ts'
import { membersDirectory } from '@tessera/plugin-members/contract'

/** Builds the service for `ctx`. */
export function plansService(ctx: BillingContext): PlansService {
  const activePlans = async (payerType: PayerType, payerId: string, on = new Date().toISOString().slice(0, 10)) => {
    const orgId = payerType === 'person' ? (await ctx.services.get(membersDirectory).getPerson(payerId))?.organisationId ?? null : null
    return ctx.db.many<Plan & Record<string, unknown>>(
      `SELECT ${PLAN_COLS.split(', ').map((c) => `p.${c}`).join(', ')} FROM billing.memberships m JOIN billing.plans p ON p.id = m.plan_id
       WHERE ((m.payer_type = $1 AND m.payer_id = $2) OR (m.payer_type = 'organisation' AND m.payer_id = $4::uuid))
         AND m.status = 'active' AND m.starts_on <= $3::date AND (m.ends_on IS NULL OR m.ends_on >= $3::date)
       ORDER BY (m.payer_type = 'person'), m.starts_on`, [payerType, payerId, on, orgId])
  }
  return {
    activePlans,
    async features(payerType, payerId, on) {
      return Object.assign({}, ...(await activePlans(payerType, payerId, on)).map((p) => p.features))
    },
    getPlan: (id) => ctx.db.one<Plan & Record<string, unknown>>(`SELECT ${PLAN_COLS} FROM billing.plans WHERE id = $1`, [id]),
  }
}
