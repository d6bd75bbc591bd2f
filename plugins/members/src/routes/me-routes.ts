/**
 * Self-service: `GET /me` returns the person linked to the signed-in user (404 when the user is not a member here).
 * It needs `members.self`, held by every role, so a member can read their own record and nothing else. `PUT /me/consent`
 * lets them grant or withdraw their own marketing consent (source `self`). `GET /me/linked` answers whether the signed-in
 * user is a person here at all (`{ linked }`), the shell's `ui.self` question for staff.
 */
import { problem } from '@tessera/sdk'
import type { PluginApp, PluginContext } from '@tessera/sdk'
import { personSchema, consentBody } from '../contract/person-schemas.ts'
import { membersPermissions } from '../contract/members-permissions.ts'
import { getPersonByUserId } from '../store/person-store.ts'
import { recordConsent } from '../domain/marketing-consent.ts'

/** Registers `/me` and `/me/consent`. */
export function meRoutes(app: PluginApp, ctx: PluginContext): void {
  const me = async () => {
    const actor = ctx.actor()
    const person = actor.type === 'user' ? await getPersonByUserId(ctx.db, actor.id) : undefined
    if (!person) throw problem.notFound('Your account is not linked to a member record in this space.')
    return person
  }

  app.get('/me', {
    config: { permission: membersPermissions.self },
    schema: { response: { 200: personSchema } },
  }, me)

  // the shell's question (ui.self): is the signed-in user a person here? Answered without a 404, so asking is quiet
  app.get('/me/linked', {
    config: { permission: membersPermissions.self },
    schema: { response: { 200: { type: 'object', additionalProperties: false, required: ['linked'], properties: { linked: { type: 'boolean' } } } } },
  }, async () => {
    const actor = ctx.actor()
    return { linked: actor.type === 'user' && Boolean(await getPersonByUserId(ctx.db, actor.id)) }
  })

  app.put('/me/consent', {
    config: { permission: membersPermissions.self },
    schema: { body: consentBody, response: { 200: personSchema } },
  }, async (req) => {
    const person = await me()
    await recordConsent(ctx, person.id, req.body.granted, 'self')
    return me()
  })
}
