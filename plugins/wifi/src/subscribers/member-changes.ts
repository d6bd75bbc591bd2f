/**
 * Reactions to members' events (typed by members' contract): a person's status change re-evaluates their Wi-Fi (a
 * suspended or departed person is refused by RADIUS on the next request; back to active, accepted again); a person
 * added to an organisation, or moved into or out of one, gains or loses the organisation's memberships; an anonymised
 * person's login, NT hash, accounting sessions (device MACs) and membership copy are erased.
 */
import { on } from '@tessera/sdk'
import { personAnonymised, personCreated, personStatusChanged, personUpdated } from '@tessera/plugin-members/contract'
import type { WifiContext } from '../domain/wifi-config.ts'
import { followMemberships } from '../domain/credentials.ts'
import { eraseCredential } from '../store/credentials-store.ts'

/** `members.person.status-changed`: Wi-Fi only for active people. */
export const onPersonStatusChanged = on(personStatusChanged, async (e, ctx: WifiContext) => {
  await followMemberships(ctx, e.payload.id)
})

/** `members.person.created`: a person created into an organisation may hold its membership at once. */
export const onPersonCreated = on(personCreated, async (e, ctx: WifiContext) => {
  if (e.payload.organisationId) await followMemberships(ctx, e.payload.id)
})

/** `members.person.updated`: a changed organisation changes whose memberships count. */
export const onPersonUpdated = on(personUpdated, async (e, ctx: WifiContext) => {
  if (e.payload.fields.includes('organisationId')) await followMemberships(ctx, e.payload.id)
})

/** `members.person.anonymised`: erase what this plugin holds about the person. */
export const onPersonAnonymised = on(personAnonymised, async (e, ctx: WifiContext) => {
  await eraseCredential(ctx.db, e.payload.id)
  await ctx.audit.record({ action: 'wifi.credential.erase', target: `person:${e.payload.id}` })
})
