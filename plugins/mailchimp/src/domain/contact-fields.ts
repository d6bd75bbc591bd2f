/**
 * What a person looks like in the audience under the tenant's mapping: the merge fields (first and last name split
 * from the person's name, the organisation's name) and the tags (the configured ones plus, optionally, the
 * organisation's name). Plans and locations are not known to members and are not sent (see the README).
 */
import type { Person } from '@tessera/plugin-members/contract'
import type { Mapping } from '../contract/mailchimp-schemas.ts'

/** Merge fields of `person`. */
export function mergeFields(person: Person, m: Mapping): Record<string, string> {
  const [first, ...rest] = person.name.trim().split(/\s+/)
  const fields: Record<string, string> = { [m.firstNameField]: first ?? '', [m.lastNameField]: rest.join(' ') }
  if (m.organisationField) fields[m.organisationField] = person.organisationName ?? ''
  return fields
}

/** Tags of `person` (Mailchimp tag names are at most 100 characters). */
export function tagsOf(person: Person, m: Mapping): string[] {
  const tags = new Set(m.tags)
  if (m.tagOrganisation && person.organisationName) tags.add(person.organisationName.slice(0, 100))
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
