/**
 * The `plans` service other plugins read (access groups, print quota, Wi-Fi): the plans and features that apply to a
 * person today — their own active memberships and those of their organisation.
 */
import type { PluginContext } from '@tessera/sdk'
import { PLAN_COLS } from '../domain/memberships.ts'
import type { Plan } from '../domain/memberships.ts'
import type { PayerType } from '../domain/payer.ts'
import { directoryOf } from '../domain/peer-services.ts'

/** `billing.plans`. @public */
export interface PlansService {
  /** Plans of the payer's active memberships covering `on` (default today, UTC); for a person also their organisation's. */
  activePlans(payerType: PayerType, payerId: string, on?: string): Promise<Plan[]>
  /** The features of those plans merged (a person's own plans win over the organisation's, later-started over earlier). */
  features(payerType: PayerType, payerId: string, on?: string): Promise<Record<string, unknown>>
  getPlan(id: string): Promise<Plan | undefined>
}

/** Builds the service for `ctx`. */
export function plansService(ctx: PluginContext): PlansService {
  const activePlans = async (payerType: PayerType, payerId: string, on = new Date().toISOString().slice(0, 10)) => {
    const orgId = payerType === 'person' ? (await directoryOf(ctx).getPerson(payerId))?.organisationId ?? null : null
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
