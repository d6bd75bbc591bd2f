/**
 * Brings one person's PaperCut user in line with Tessera: a person with an active membership (billing's plans
 * service: a suspended or ended membership is not active) and an active member record gets an internal user
 * (`api.addNewInternalUser` once — a redelivered event finds the user and only updates it) with their name, e-mail
 * and, when configured, their newest access card; printing is enabled while they qualify and disabled
 * (`disabled-print` TRUE) otherwise. A person who never qualified gets no user. Reads first, PaperCut calls next,
 * the local row last — so a failure writes nothing here and `record-failure.ts` can store the reason.
 */
import { randomBytes } from 'node:crypto'
import { membersDirectory } from '@tessera/plugin-members/contract'
import { billingPlans } from '@tessera/plugin-billing/contract'
import { accessCredentials } from '@tessera/plugin-access/contract'
import type { PaperCutContext } from './papercut-config.ts'
import { papercutApi } from './papercut-client.ts'
import { getAccount, saveSynced } from '../store/accounts-store.ts'
import { usernameFor } from './username.ts'
import { readCounters } from './counters.ts'

/** What a sync did. */
export type SyncOutcome = 'created' | 'updated' | 'skipped'

/** Whether the person may print now: an active member with an active membership today. */
export async function qualifies(ctx: PaperCutContext, personId: string): Promise<boolean> {
  if (!(await ctx.services.get(membersDirectory).isActive(personId))) return false
  return (await ctx.services.get(billingPlans).activePlans('person', personId)).length > 0
}

/** Syncs `personId` to PaperCut (throws a `PaperCutError` when PaperCut fails). */
export async function syncPerson(ctx: PaperCutContext, personId: string): Promise<SyncOutcome> {
  const person = await ctx.services.get(membersDirectory).getPerson(personId)
  const existing = await getAccount(ctx.db, personId)
  const active = person !== undefined && !person.anonymised && (await qualifies(ctx, personId))
  if (!existing && !active) return 'skipped'
  const username = existing?.username ?? usernameFor(personId, person?.email ?? null, ctx.config().usernames)
  const api = papercutApi(ctx)
  const card = ctx.config().cardNumbers && person && !person.anonymised ? (await ctx.services.get(accessCredentials).cardNumber(personId)) ?? '' : ''
  const fullName = person && !person.anonymised ? person.name : 'Former member'
  const email = person && !person.anonymised ? person.email ?? '' : ''
  let outcome: SyncOutcome = 'updated'
  if (!(await api.userExists(username))) {
    if (!active) return 'skipped'
    await api.addNewInternalUser({ username, password: randomBytes(18).toString('base64url'), fullName, email, cardId: card, pin: '' })
    outcome = 'created'
  }
  const properties: [string, string][] = [['full-name', fullName], ['email', email], ['disabled-print', active ? 'FALSE' : 'TRUE']]
  if (ctx.config().cardNumbers) properties.push(['primary-card-number', card])
  await api.setUserProperties(username, properties)
  const counters = await readCounters(api, username)
  await saveSynced(ctx.db, { personId, username, printEnabled: active, ...counters })
  return outcome
}
