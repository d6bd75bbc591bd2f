/**
 * A person's login: inviting them to sign in as a member, and removing their login. Inviting goes through
 * `ctx.identity`, which applies the role rule (nobody grants, lowers or removes a role at or above their own) and
 * never lowers an existing member's role. A person whose e-mail belongs to a user of another tenant gets a pending
 * invitation (`login: 'invited'`; no user id is revealed) and is linked when that user accepts
 * (`onInvitationAccepted`). A person already linked to one login is never silently re-linked to another: that is a
 * 409 until the old login is removed explicitly. Each change publishes `members.person.updated` with `login`.
 */
import { problem } from '@tessera/sdk'
import type { PluginContext } from '@tessera/sdk'
import type { Person } from '../contract/person-schemas.ts'
import { personUpdated } from '../contract/members-events.ts'
import { updatePerson, pendingInvitationOf, otherPersonWithLink } from '../store/person-store.ts'

/** Invites an active person with an e-mail address; returns false when nothing changed (already linked or invited). */
export async function invitePerson(ctx: PluginContext, person: Person): Promise<boolean> {
  if (person.status !== 'active') throw problem.conflict(`Only active people can be invited; this person is ${person.status}.`)
  if (!person.email) throw problem.unprocessable('This person has no e-mail address to invite.', [{ pointer: '/email', detail: 'is required to invite' }])
  const result = await ctx.identity.invite({ email: person.email, name: person.name, role: 'member' })
  // thrown conflicts roll the invitation back with the rest of the request
  if (person.userId && person.userId !== result.user?.id) {
    throw problem.conflict('This person is linked to another login; remove it first (DELETE /people/:id/login) to link the new e-mail.')
  }
  if (result.status === 'member') {
    if (person.userId === result.user!.id) return false
    if (await otherPersonWithLink(ctx.db, person.id, { userId: result.user!.id })) throw problem.conflict('The login of this e-mail already belongs to another person here.')
    await updatePerson(ctx.db, person.id, { userId: result.user!.id, invitationId: null })
  } else {
    const previous = await pendingInvitationOf(ctx.db, person.id)
    if (previous === result.invitationId) return false
    if (await otherPersonWithLink(ctx.db, person.id, { invitationId: result.invitationId! })) throw problem.conflict('The user of this e-mail is already invited as another person here.')
    if (previous) await ctx.identity.cancelInvitation(previous)
    await updatePerson(ctx.db, person.id, { invitationId: result.invitationId })
  }
  await ctx.events.publish(personUpdated, { id: person.id, fields: ['login'], organisationId: person.organisationId })
  return true
}

/** Removes a person's login and any pending invitation (the role rule applies: 403, nothing changed). */
export async function removeLogin(ctx: PluginContext, person: Person): Promise<void> {
  const pending = await pendingInvitationOf(ctx.db, person.id)
  if (!person.userId && !pending) return
  if (person.userId) await ctx.identity.revoke(person.userId)
  if (pending) await ctx.identity.cancelInvitation(pending)
  await updatePerson(ctx.db, person.id, { userId: null, invitationId: null })
  await ctx.events.publish(personUpdated, { id: person.id, fields: ['login'], organisationId: person.organisationId })
}
