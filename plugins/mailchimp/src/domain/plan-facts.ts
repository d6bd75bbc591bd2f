/**
 * Where a person belongs, for their merge fields and tags: the names of the plans that apply to them today (their own
 * memberships and their organisation's — billing's `plans.activePlans`) and of the locations those plans are sold at
 * (billing's `Plan.locationId`, named by spaces' catalog). Both are optional dependencies: without billing a person
 * has no plans, without spaces their plans no location names. A plan change (billing's membership events) re-syncs
 * the person, and the tag changes make the old plan's tags inactive.
 */
import { billingPlans } from '@tessera/plugin-billing/contract'
import { spacesCatalog } from '@tessera/plugin-spaces/contract'
import type { MailchimpContext } from './mailchimp-config.ts'

/** A person's current plans and their locations, by name (each name once); `plans` is `null` without billing. */
export interface PlanFacts {
  plans: string[] | null
  locations: string[]
}

/** Looks up a person's {@link PlanFacts}; location names are read once per lookup function. */
export type PlanLookup = (personId: string) => Promise<PlanFacts>

/** A lookup for one sync (a person, or a whole audience). */
export function planLookup(ctx: MailchimpContext): PlanLookup {
  const plans = ctx.services.optional(billingPlans)
  const catalog = ctx.services.optional(spacesCatalog)
  const names = new Map<string, Promise<string | undefined>>()
  const locationName = (id: string) => {
    if (!names.has(id)) names.set(id, catalog!.getLocation(id).then((l) => l?.name))
    return names.get(id)!
  }
  return async (personId) => {
    if (!plans) return { plans: null, locations: [] }
    const facts = { plans: [] as string[], locations: [] as string[] }
    for (const p of await plans.activePlans('person', personId)) {
      if (!facts.plans.includes(p.name)) facts.plans.push(p.name)
      const name = catalog && p.locationId ? await locationName(p.locationId) : undefined
      if (name && !facts.locations.includes(name)) facts.locations.push(name)
    }
    return facts
  }
}

/** Whether billing is installed, so that people have plans (the plan merge field is created and sent only then). */
export function knowsPlans(ctx: MailchimpContext): boolean {
  return !!ctx.services.optional(billingPlans)
}
