/**
 * GDPR anonymisation of a person: irreversible. Personal fields are erased, the id stays so other plugins' records
 * (bookings, invoices) keep their references, access to the tenant is revoked, the action is audited and announced
 * as `members.person.anonymised` so other plugins erase their own personal data.
 */
import type { PluginContext } from '@tessera/sdk'
import type { Person } from '../contract/person-schemas.ts'
import { personAnonymised } from '../contract/members-events.ts'
import { pendingInvitationOf, anonymisePerson } from '../store/person-store.ts'

/** Anonymises `person` (not yet anonymised), recording `reason` in the audit log. */
export async function anonymise(ctx: PluginContext, person: Person, reason: string | undefined): Promise<void> {
  if (person.userId) await ctx.identity.revoke(person.userId)
  const pending = await pendingInvitationOf(ctx.db, person.id)
  if (pending) await ctx.identity.cancelInvitation(pending)
  await anonymisePerson(ctx.db, person.id)
  await ctx.audit.record({ action: 'person.anonymise', target: `person:${person.id}`, data: { reason } })
  await ctx.events.publish(personAnonymised, { id: person.id })
}
