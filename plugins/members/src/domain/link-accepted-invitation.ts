/**
 * The `onInvitationAccepted` hook: a user accepted the invitation a person's invite created, so the person is linked
 * to that user now (in the tenant's transaction, with the user as actor) — unless the person was anonymised or linked
 * meanwhile, or the user already belongs to another person here.
 */
import type { AcceptedInvitation, PluginContext } from '@tessera/sdk'
import { personUpdated } from '../contract/members-events.ts'
import { linkInvitedPerson } from '../store/person-store.ts'

/** Links the invited person to the user who accepted. */
export async function linkAcceptedInvitation(ctx: PluginContext, accepted: AcceptedInvitation): Promise<void> {
  const linked = await linkInvitedPerson(ctx.db, accepted.user.id, accepted.invitationId)
  if (linked) await ctx.events.publish(personUpdated, { id: linked.id, fields: ['login'], organisationId: linked.organisationId })
}
