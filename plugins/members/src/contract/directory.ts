/**
 * The `directory` service ref and interface: how other plugins find the person of a user, read a person or an
 * organisation (to check that an id they are about to store exists in the current tenant), and ask whether a person
 * may currently use the space; list people page by page with their marketing consent (newsletter sync), and record a
 * consent decision heard elsewhere (a Mailchimp unsubscribe). Every call runs on the caller's tenant transaction.
 */
import { defineServiceRef } from '@tessera/sdk'
import type { Person, ConsentSource } from './person-schemas.ts'
import type { Organisation } from './organisation-schemas.ts'

/** The members directory, as other plugins see it. */
export interface Directory {
  /** The person linked to a user account in the current tenant, or `undefined`. */
  personByUserId(userId: string): Promise<Person | undefined>
  /** A person of the current tenant, or `undefined` (another tenant's id included). */
  getPerson(id: string): Promise<Person | undefined>
  /** An organisation of the current tenant, or `undefined` (another tenant's id included). */
  getOrganisation(id: string): Promise<Organisation | undefined>
  /** True when the person exists and their status is `active`. */
  isActive(personId: string): Promise<boolean>
  /**
   * One page of the tenant's people (anonymised ones left out), ordered by id: pass the last id of a page as `after`
   * to get the next. `limit` is 1–1000. Each person carries `marketingConsent`.
   */
  listPeople(page: { limit: number; after?: string | null }): Promise<Person[]>
  /**
   * Records a marketing consent decision for a person (not anonymised): stores it with the time and `source`, audits
   * it and publishes `members.person.consent-changed`. Returns false when nothing changed (the same decision is already
   * recorded, the person is unknown or anonymised).
   */
  recordConsent(personId: string, decision: { granted: boolean; source: ConsentSource }): Promise<boolean>
}

/**
 * The ref of members' `directory` service: consumers declare `dependsOn: { members: '^1.0.0' }`,
 * `consumes: [membersDirectory]` and call `ctx.services.get(membersDirectory)`.
 */
export const membersDirectory = defineServiceRef<Directory>({ plugin: 'members', id: 'directory', version: '^1.0.0' })
