/**
 * The `directory` service other plugins use (declared `members` in `dependsOn`): find the person of a user, read a
 * person or an organisation (how other plugins check that an id they are about to store exists in this tenant), and
 * ask whether a person may currently use the space. Runs on the caller's tenant transaction.
 */
import type { PluginContext } from '@tessera/sdk'
import { getPerson, getPersonByUserId } from '../store/person-store.ts'
import type { Person } from '../store/person-store.ts'
import { getOrganisation } from '../store/organisation-store.ts'
import type { Organisation } from '../store/organisation-store.ts'

/** The directory as other plugins see it. */
export interface Directory {
  /** The person linked to a user account in the current tenant. */
  personByUserId(userId: string): Promise<Person | undefined>
  getPerson(id: string): Promise<Person | undefined>
  /** An organisation of the current tenant, or `undefined` (another tenant's id included). */
  getOrganisation(id: string): Promise<Organisation | undefined>
  /** True when the person exists and their status is `active`. */
  isActive(personId: string): Promise<boolean>
}

/** Builds the service for the plugin context. */
export function directory(ctx: PluginContext): Directory {
  return {
    personByUserId: (userId) => getPersonByUserId(ctx.db, userId),
    getPerson: (id) => getPerson(ctx.db, id),
    getOrganisation: (id) => getOrganisation(ctx.db, id),
    async isActive(personId) {
      return (await getPerson(ctx.db, personId))?.status === 'active'
    },
  }
}
