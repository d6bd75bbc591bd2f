/**
 * `billing.plans`: the plans and merged plan features that apply to a payer on a day — read by access groups, the
 * print quota (PaperCut) and Wi-Fi. A person's plans include their organisation's.
 */
import { defineServiceRef } from '@tessera/sdk'
import type { PayerType } from './payer.ts'
import type { Plan } from './wire-types.ts'

/** `billing.plans`. @public */
export interface PlansService {
  /** Plans of the payer's active memberships covering `on` (`YYYY-MM-DD`, default today UTC); for a person also their organisation's. */
  activePlans(payerType: PayerType, payerId: string, on?: string): Promise<Plan[]>
  /** The features of those plans merged (a person's own plans win over the organisation's, later-started over earlier). */
  features(payerType: PayerType, payerId: string, on?: string): Promise<Record<string, unknown>>
  getPlan(id: string): Promise<Plan | undefined>
}

/** The ref of {@link PlansService}. @public */
export const billingPlans = defineServiceRef<PlansService>({ plugin: 'billing', id: 'plans', version: '^1.0.0' })
