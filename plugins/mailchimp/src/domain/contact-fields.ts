/**
 * What a person looks like in the audience under the tenant's mapping: the merge fields (first and last name split
 * from the person's name, the organisation's name, the names of their current plans) and the tags (the configured
 * ones plus, optionally, the organisation's name, `Plan: <name>` per current plan and `Location: <name>` per location
 * of those plans — see `plan-facts.ts`).
 */
import type { Person } from '@tessera/plugin-members/contract'
import type { Mapping } from '../contract/mailchimp-schemas.ts'
import type { PlanFacts } from './plan-facts.ts'

/** Prefix of a plan tag. */
export const PLAN_TAG_PREFIX = 'Plan: '
/** Prefix of a location tag. */
export const LOCATION_TAG_PREFIX = 'Location: '

const NO_FACTS: PlanFacts = { plans: null, locations: [] }

/** Merge fields of `person` (a text merge field holds at most 255 characters). */
export function mergeFields(person: Person, m: Mapping, facts: PlanFacts = NO_FACTS): Record<string, string> {
  const [first, ...rest] = person.name.trim().split(/\s+/)
  const fields: Record<string, string> = { [m.firstNameField]: first ?? '', [m.lastNameField]: rest.join(' ') }
  if (m.organisationField) fields[m.organisationField] = person.organisationName ?? ''
  if (m.planField && facts.plans) fields[m.planField] = facts.plans.join(', ').slice(0, 255)
  return fields
}

/** Tags of `person` (Mailchimp tag names are at most 100 characters). */
export function tagsOf(person: Person, m: Mapping, facts: PlanFacts = NO_FACTS): string[] {
  const tags = new Set(m.tags)
  if (m.tagOrganisation && person.organisationName) tags.add(person.organisationName.slice(0, 100))
  if (m.tagPlan !== false) for (const p of facts.plans ?? []) tags.add(`${PLAN_TAG_PREFIX}${p}`.slice(0, 100))
  if (m.tagLocation !== false) for (const l of facts.locations) tags.add(`${LOCATION_TAG_PREFIX}${l}`.slice(0, 100))
  return [...tags]
}

/** Whether `person` may be subscribed: recorded consent, an e-mail address, not anonymised. */
export function maySubscribe(person: Person): person is Person & { email: string } {
  return person.marketingConsent.granted && !!person.email && !person.anonymised
}

/** The tag changes that turn `before` into `after`. */
export function tagChanges(before: readonly string[], after: readonly string[]): { name: string; status: 'active' | 'inactive' }[] {
  return [
    ...after.filter((t) => !before.includes(t)).map((name) => ({ name, status: 'active' as const })),
    ...before.filter((t) => !after.includes(t)).map((name) => ({ name, status: 'inactive' as const })),
  ]
}
