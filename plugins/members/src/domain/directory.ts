/**
 * Members' implementation of the `directory` service (`membersDirectory` in the contract): find the person of a
 * user, read a person or an organisation (how other plugins check that an id they are about to store exists in this
 * tenant), ask whether a person may currently use the space, page through people with their consent and record a
 * consent decision heard by another plugin. Runs on the caller's tenant transaction.
 */
import type { PluginContext } from '@tessera/sdk'
import type { Directory } from '../contract/directory.ts'
import { getPerson, getPersonByUserId, pageOfPeople } from '../store/person-store.ts'
import { recordConsent } from './marketing-consent.ts'
import { getOrganisation } from '../store/organisation-store.ts'

/** Builds the service for the plugin context. */
export function directory(ctx: PluginContext): Directory {
  return {
    personByUserId: (userId) => getPersonByUserId(ctx.db, userId),
    getPerson: (id) => getPerson(ctx.db, id),
    getOrganisation: (id) => getOrganisation(ctx.db, id),
    async isActive(personId) {
      return (await getPerson(ctx.db, personId))?.status === 'active'
    },
    listPeople: ({ limit, after }) => pageOfPeople(ctx.db, limit, after ?? null),
    recordConsent: (personId, { granted, source }) => recordConsent(ctx, personId, granted, source),
  }
}
