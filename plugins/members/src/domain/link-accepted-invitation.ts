/**
 * The `onInvitationAccepted` hook: a user accepted the invitation a person's invite created, so the person is linked
 * to that user now (in the tenant's transaction, with the user as actor) — unless the person was anonymised or linked
 * meanwhile, or the user already belongs to another person here.
 */
import type { AcceptedInvitation, PluginContext } from '@tessera/sdk'

/** Links the invited person to the user who accepted. */
export async function linkAcceptedInvitation(ctx: PluginContext, accepted: AcceptedInvitation): Promise<void> {
  const row = await ctx.db.one<{ id: string; organisation_id: string | null }>(
    `UPDATE members.people p SET user_id = $1, invitation_id = NULL, updated_at = now()
      WHERE p.invitation_id = $2 AND p.user_id IS NULL AND p.anonymised_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM members.people q WHERE q.user_id = $1)
      RETURNING p.id, p.organisation_id`,
    [accepted.user.id, accepted.invitationId],
  )
  if (row) await ctx.events.publish('members.person.updated', { id: row.id, fields: ['login'], organisationId: row.organisation_id })
}
