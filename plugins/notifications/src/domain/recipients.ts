/**
 * Who a message goes to: a person of members (their e-mail, and their login's user id), a user of the tenant (the
 * kernel's identity), an organisation (its e-mail, for invoices), or an address given as it is. Anonymised people and
 * people or organisations without an address have no recipient: the message is not queued.
 */
import { membersDirectory } from '@tessera/plugin-members/contract'
import type { NotificationRecipient } from '../contract/notifications-outbox.ts'
import type { NotificationsContext } from './notifications-config.ts'

/** A resolved recipient. */
export interface Recipient {
  email: string
  name: string
  userId: string | null
}

/** Whom to resolve: the outbox's recipients plus an organisation (a payer). */
export type RecipientRef = NotificationRecipient | { organisationId: string }

/** The recipient of `to`, or undefined when there is no address. */
export async function resolveRecipient(ctx: NotificationsContext, to: RecipientRef): Promise<Recipient | undefined> {
  if ('email' in to) return to.email ? { email: to.email, name: to.name ?? to.email, userId: null } : undefined
  if ('userId' in to) {
    const user = await ctx.identity.get(to.userId)
    return user ? { email: user.email, name: user.name, userId: user.id } : undefined
  }
  const directory = ctx.services.get(membersDirectory)
  if ('organisationId' in to) {
    const org = await directory.getOrganisation(to.organisationId)
    return org?.email ? { email: org.email, name: org.name, userId: null } : undefined
  }
  const person = await directory.getPerson(to.personId)
  if (!person?.email || person.anonymised) return undefined
  return { email: person.email, name: person.name, userId: person.userId }
}

/** The recipient of a billing payer. */
export const payerRecipient = (payer: { payerType: string; payerId: string }): RecipientRef =>
  payer.payerType === 'organisation' ? { organisationId: payer.payerId } : { personId: payer.payerId }
