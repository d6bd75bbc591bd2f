/**
 * Credentials (HTTP only; rules in `domain/credential-store.ts`): staff issue PINs (given or generated) and cards for
 * people and revoke them; a member gets a new own PIN (replacing the previous one) — generated, never chosen, so a
 * refusal cannot reveal someone else's PIN. Every change asks for a grant push to the agents (after commit, within
 * seconds).
 */
import { problem } from '@tessera/sdk'
import type { PluginApp } from '@tessera/sdk'
import { membersDirectory } from '@tessera/plugin-members/contract'
import { accessPermissions, createCredentialBody, credentialQuery, credentialSchema, emptyBody, idParams, listOf } from '../contract/index.ts'
import { createCredential, getCredential, issueGeneratedPin, listCredentials, revokeCredentials } from '../domain/credential-store.ts'
import { requestGrantSync } from '../domain/grant-sync.ts'
import { selfPerson } from '../domain/door-rights.ts'
import type { AccessContext } from '../domain/access-config.ts'

const manage = { permission: accessPermissions.manage }

/** Registers `/credentials` and `/me/pin`. */
export function credentialRoutes(app: PluginApp, ctx: AccessContext): void {
  app.get('/credentials', { config: manage, schema: { querystring: credentialQuery, response: { 200: listOf(credentialSchema) } } },
    async (req) => ({ items: await listCredentials(ctx, req.query) }))

  app.post('/credentials', { config: manage, schema: { body: createCredentialBody, response: { 201: credentialSchema } } }, async (req, reply) => {
    const body = req.body
    if (!(await ctx.services.get(membersDirectory).getPerson(body.personId))) {
      throw problem.unprocessable('No such person.', [{ pointer: '/body/personId', detail: 'no such person' }])
    }
    if (body.value === undefined && body.type === 'card') throw problem.unprocessable('Give the card number.', [{ pointer: '/body/value', detail: 'is required for a card' }])
    const credential = body.value === undefined
      ? await issueGeneratedPin(ctx, body.personId, body.label)
      : await createCredential(ctx, { ...body, value: body.value })
    await ctx.audit.record({ action: 'credential.issue', target: `credential:${credential.id}`, data: { personId: body.personId, type: body.type } })
    await requestGrantSync(ctx)
    reply.code(201)
    return credential
  })

  app.post('/credentials/:id/revoke', { config: manage, schema: { params: idParams, body: emptyBody, response: { 200: credentialSchema } } }, async (req) => {
    const { id } = req.params
    if (!(await getCredential(ctx, id))) throw problem.notFound('No such credential.')
    if ((await revokeCredentials(ctx, { id })).length) {
      await ctx.audit.record({ action: 'credential.revoke', target: `credential:${id}` })
      await requestGrantSync(ctx)
    }
    return (await getCredential(ctx, id))!
  })

  app.post('/me/pin', { config: { permission: accessPermissions.self }, schema: { body: emptyBody, response: { 201: credentialSchema } } }, async (_req, reply) => {
    const person = await selfPerson(ctx)
    if (person.status !== 'active') throw problem.forbidden(`Your membership is ${person.status}.`)
    await revokeCredentials(ctx, { personId: person.id, type: 'pin' })
    const credential = await issueGeneratedPin(ctx, person.id, 'self-service')
    await ctx.audit.record({ action: 'credential.new-own-pin', target: `credential:${credential.id}` })
    await requestGrantSync(ctx)
    reply.code(201)
    return credential
  })
}
