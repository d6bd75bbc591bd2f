/**
 * Site agents (HTTP only): registration (staff; the secret is shown once), health (connection, last heartbeat,
 * devices, grant versions), revocation, and a manual grant push. The agent's own link is `link/agent-socket.ts`.
 */
import { randomUUID } from 'node:crypto'
import { deriveCredentialKey, hashCredential } from '@tessera/driver-sdk'
import { problem } from '@tessera/sdk'
import type { PluginApp } from '@tessera/sdk'
import { accessPermissions, agentSchema, createAgentBody, emptyBody, idParams, listOf, registeredAgentSchema, syncResultSchema } from '../contract/index.ts'
import { newAgentSecret, sealSecret } from '../domain/secret-box.ts'
import { syncAgent } from '../domain/grant-sync.ts'
import type { AccessContext } from '../domain/access-config.ts'
import { agentHubOf } from '../link/agent-hub.ts'
import { activeCards, agentIsActive, getAgent, insertAgent, insertCardHash, listAgents, revokeAgent } from '../store/agents-store.ts'

const manage = { permission: accessPermissions.manage }

/** Registers `/agents` routes. */
export function agentRoutes(app: PluginApp, ctx: AccessContext): void {
  app.get('/agents', { config: { permission: accessPermissions.read }, schema: { response: { 200: listOf(agentSchema) } } },
    async () => ({ items: await listAgents(ctx.db) }))

  app.get('/agents/:id', { config: { permission: accessPermissions.read }, schema: { params: idParams, response: { 200: agentSchema } } }, async (req) => {
    const agent = await getAgent(ctx.db, req.params.id)
    if (!agent) throw problem.notFound('No such agent.')
    return agent
  })

  app.post('/agents', { config: manage, schema: { body: createAgentBody, response: { 201: registeredAgentSchema } } }, async (req, reply) => {
    const { name } = req.body
    const id = randomUUID()
    const secret = newAgentSecret()
    await insertAgent(ctx.db, id, name, sealSecret(ctx, secret, id))
    // card numbers are kept, so existing cards work at the new agent; PINs are not (see the README)
    const key = deriveCredentialKey(secret)
    for (const c of await activeCards(ctx.db)) await insertCardHash(ctx.db, c.id, id, hashCredential(key, 'card', c.card_uid))
    await ctx.audit.record({ action: 'agent.register', target: `agent:${id}`, data: { name } })
    const connectPath = `/api/v1/access/agents/connect?tenant=${ctx.tenant().id}`
    reply.code(201)
    return { id, name, secret, connectPath, connectUrl: `${req.protocol === 'https' ? 'wss' : 'ws'}://${req.host}${connectPath}` }
  })

  app.post('/agents/:id/revoke', { config: manage, schema: { params: idParams, body: emptyBody, response: { 200: agentSchema } } }, async (req) => {
    const { id } = req.params
    const agent = await revokeAgent(ctx.db, id)
    if (!agent) throw problem.notFound('No such agent.')
    agentHubOf(ctx).get(id)?.socket.close(4401, 'agent revoked')
    await ctx.audit.record({ action: 'agent.revoke', target: `agent:${id}` })
    return agent
  })

  app.post('/agents/:id/sync', {
    config: { ...manage, audit: 'agent.sync' },
    schema: { params: idParams, body: emptyBody, response: { 200: syncResultSchema } },
  }, async (req) => {
    const { id } = req.params
    if (!(await agentIsActive(ctx.db, id))) throw problem.notFound('No such agent.')
    const r = await syncAgent(ctx, id)
    return { pushed: r.pushed, version: r.version, grants: r.grants }
  })
}
