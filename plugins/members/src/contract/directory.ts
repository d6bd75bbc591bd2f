/**
 * The `directory` service ref and interface: how other plugins find the person of a user, read a person or an
 * organisation (to check that an id they are about to store exists in the current tenant), and ask whether a person
 * may currently use the space. Every call runs on the caller's tenant transaction.
 */
import { defineServiceRef } from '@tessera/sdk'
import type { Person } from './person-schemas.ts'
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
}

/**
 * The ref of members' `directory` service: consumers declare `dependsOn: { members: '^1.0.0' }`,
 * `consumes: [membersDirectory]` and call `ctx.services.get(membersDirectory)`.
 */
export const membersDirectory = defineServiceRef<Directory>({ plugin: 'members', id: 'directory', version: '^1.0.0' })
