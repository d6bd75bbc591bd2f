/**
 * Self-service: `GET /me` returns the person linked to the signed-in user (404 when the user is not a member here).
 * It needs `members.self`, held by every role, so a member can read their own record and nothing else.
 */
import type { FastifyInstance } from 'fastify'
import { problem } from '@tessera/sdk'
import type { PluginContext } from '@tessera/sdk'
import { personSchema } from '../schemas/person-schemas.ts'
import { getPersonByUserId } from '../store/person-store.ts'

/** Registers `/me`. */
export function meRoutes(app: FastifyInstance, ctx: PluginContext): void {
  app.get('/me', {
    config: { permission: 'members.self' },
    schema: { response: { 200: personSchema } },
  }, async () => {
    const actor = ctx.actor()
    const person = actor.type === 'user' ? await getPersonByUserId(ctx.db, actor.id) : undefined
    if (!person) throw problem.notFound('Your account is not linked to a member record in this space.')
    return person
  })
}
