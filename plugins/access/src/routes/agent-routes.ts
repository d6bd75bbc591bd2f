/**
 * Site agents: registration (staff; the secret is shown once), health (connection, last heartbeat, devices, grant
 * versions), revocation, and a manual grant push. The agent's own link is `link/agent-socket.ts`.
 */
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { deriveCredentialKey, hashCredential } from '@tessera/driver-sdk'
import { problem } from '@tessera/sdk'
import type { PluginContext } from '@tessera/sdk'
import { agentSchema, createAgentBody, emptyBody, idParams, listOf, registeredAgentSchema } from '../contract/access-schemas.ts'
import { newAgentSecret, sealSecret } from '../domain/secret-box.ts'
import { syncAgent } from '../domain/grant-sync.ts'
import { agentHubOf } from '../link/agent-hub.ts'

type AgentRow = {
  id: string; name: string; connected: boolean; last_seen_at: Date | null; software: string | null; devices: unknown[]
  last_heartbeat: Record<string, unknown> | null; reported_grants_version: string | null; pushed_grants_version: string | null
  pushed_at: Date | null; revoked_at: Date | null; created_at: Date
}

const num = (v: string | null) => (v === null ? null : Number(v))

function toAgent(r: AgentRow) {
  return {
    id: r.id, name: r.name, connected: r.connected, lastSeenAt: r.last_seen_at, software: r.software, devices: r.devices,
    heartbeat: r.last_heartbeat, reportedGrantsVersion: num(r.reported_grants_version), pushedGrantsVersion: num(r.pushed_grants_version),
    pushedAt: r.pushed_at, revokedAt: r.revoked_at, createdAt: r.created_at,
  }
}

/** `connected` is trusted only while heartbeats arrive (a crashed kernel instance cannot clear its flag). */
const LIVE = `(connected AND last_seen_at > now() - interval '2 minutes')`
const COLUMNS = `id, name, ${LIVE} AS connected, last_seen_at, software, devices, last_heartbeat, reported_grants_version, pushed_grants_version, pushed_at, revoked_at, created_at`

/** Registers `/agents` routes. */
export function agentRoutes(app: FastifyInstance, ctx: PluginContext): void {
  app.get('/agents', {
    config: { permission: 'access.read' },
    schema: { response: { 200: listOf(agentSchema) } },
  }, async () => ({ items: (await ctx.db.many<AgentRow>(`SELECT ${COLUMNS} FROM access.agents ORDER BY name, id`)).map(toAgent) }))

  app.get('/agents/:id', {
    config: { permission: 'access.read' },
    schema: { params: idParams, response: { 200: agentSchema } },
  }, async (req) => {
    const row = await ctx.db.one<AgentRow>(`SELECT ${COLUMNS} FROM access.agents WHERE id = $1`, [(req.params as { id: string }).id])
    if (!row) throw problem.notFound('No such agent.')
    return toAgent(row)
  })

  app.post('/agents', {
    config: { permission: 'access.manage' },
    schema: { body: createAgentBody, response: { 201: registeredAgentSchema } },
  }, async (req, reply) => {
    const { name } = req.body as { name: string }
    const id = randomUUID()
    const secret = newAgentSecret()
    await ctx.db.query('INSERT INTO access.agents (id, name, secret_box) VALUES ($1, $2, $3)', [id, name, sealSecret(ctx, secret, id)])
    // card numbers are kept, so existing cards work at the new agent; PINs are not (see the README)
    const key = deriveCredentialKey(secret)
    const cards = await ctx.db.many<{ id: string; card_uid: string }>(`SELECT id, card_uid FROM access.credentials WHERE type = 'card' AND revoked_at IS NULL`)
    for (const c of cards) {
      await ctx.db.query(`INSERT INTO access.credential_hashes (credential_id, agent_id, type, hash) VALUES ($1, $2, 'card', $3) ON CONFLICT DO NOTHING`,
        [c.id, id, hashCredential(key, 'card', c.card_uid)])
    }
    await ctx.audit.record({ action: 'agent.register', target: `agent:${id}`, data: { name } })
    const connectPath = `/api/v1/access/agents/connect?tenant=${ctx.tenant().id}`
    reply.code(201)
    return { id, name, secret, connectPath, connectUrl: `${req.protocol === 'https' ? 'wss' : 'ws'}://${req.host}${connectPath}` }
  })

  app.post('/agents/:id/revoke', {
    config: { permission: 'access.manage' },
    schema: { params: idParams, body: emptyBody, response: { 200: agentSchema } },
  }, async (req) => {
    const { id } = req.params as { id: string }
    const row = await ctx.db.one<AgentRow>(`UPDATE access.agents SET revoked_at = coalesce(revoked_at, now()), connected = false WHERE id = $1 RETURNING ${COLUMNS}`, [id])
    if (!row) throw problem.notFound('No such agent.')
    agentHubOf(ctx).get(id)?.socket.close(4401, 'agent revoked')
    await ctx.audit.record({ action: 'agent.revoke', target: `agent:${id}` })
    return toAgent(row)
  })

  app.post('/agents/:id/sync', {
    config: { permission: 'access.manage', audit: 'agent.sync' },
    schema: {
      params: idParams, body: emptyBody,
      response: { 200: { type: 'object', properties: { pushed: { type: 'boolean' }, version: { type: 'integer' }, grants: { type: 'integer' } } } },
    },
  }, async (req) => {
    const { id } = req.params as { id: string }
    if (!(await ctx.db.one('SELECT 1 FROM access.agents WHERE id = $1 AND revoked_at IS NULL', [id]))) throw problem.notFound('No such agent.')
    const r = await syncAgent(ctx, id)
    return { pushed: r.pushed, version: r.version, grants: r.grants }
  })
}
