/**
 * Doors (a device on a site agent, placed at a location and optionally a resource), their live status, the event
 * log, and remote unlock. `POST /doors/:id/unlock` is open to staff holding `access.unlock` for any door and to
 * members for doors their groups open right now; it sends a signed `unlock` command with a request id (the
 * `Idempotency-Key` header, the body's `requestId`, or a fresh one) and answers with the agent's result. A
 * successful unlock is remembered by request id, so a retry with the same key returns the same answer without
 * pulsing the door again; a failed one is not, so a retry tries again. Every attempt is audited and logged.
 */
import { randomUUID } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { problem } from '@tessera/sdk'
import type { PluginContext } from '@tessera/sdk'
import {
  createDoorBody, doorSchema, eventQuery, eventSchema, idParams, listOf, pageQuery, problemSchema, unlockBody, unlockResultSchema, updateDoorBody,
} from '../contract/access-schemas.ts'
import { catalogOf } from '../domain/peer-services.ts'
import { openableDoors, selfPerson } from '../domain/door-rights.ts'
import { requestGrantSync } from '../domain/grant-sync.ts'
import { accessConfig } from '../domain/access-config.ts'
import type { AccessConfig } from '../domain/access-config.ts'
import { agentHubOf } from '../link/agent-hub.ts'

type DoorRow = {
  id: string; name: string; location_id: string; resource_id: string | null; agent_id: string; device_id: string; unlock_duration_ms: number
  lock_state: string | null; door_state: string | null; online: boolean | null; status_at: Date | null; agent_connected: boolean
}
const DOOR_SELECT = `SELECT d.id, d.name, d.location_id, d.resource_id, d.agent_id, d.device_id, d.unlock_duration_ms, d.lock_state, d.door_state,
  d.online, d.status_at, (a.connected AND a.last_seen_at > now() - interval '2 minutes') AS agent_connected FROM access.doors d JOIN access.agents a ON a.id = d.agent_id`
const toDoor = (r: DoorRow) => ({
  id: r.id, name: r.name, locationId: r.location_id, resourceId: r.resource_id, agentId: r.agent_id, deviceId: r.device_id,
  unlockDurationMs: r.unlock_duration_ms, lockState: r.lock_state, doorState: r.door_state, online: r.online, statusAt: r.status_at,
  agentConnected: r.agent_connected,
})

type EventRow = {
  id: string; source: string; agent_id: string | null; door_id: string | null; device_id: string | null; category: string; kind: string
  reason: string | null; credential_type: string | null; person_id: string | null; request_id: string | null; actor: Record<string, unknown> | null
  detail: string | null; occurred_at: Date; received_at: Date
}
const toEvent = (r: EventRow) => ({
  id: r.id, source: r.source, agentId: r.agent_id, doorId: r.door_id, deviceId: r.device_id, category: r.category, kind: r.kind, reason: r.reason,
  credentialType: r.credential_type, personId: r.person_id, requestId: r.request_id, actor: r.actor, detail: r.detail,
  occurredAt: r.occurred_at, receivedAt: r.received_at,
})

async function doorOr404(ctx: PluginContext, id: string) {
  const row = await ctx.db.one<DoorRow>(`${DOOR_SELECT} WHERE d.id = $1`, [id])
  if (!row) throw problem.notFound('No such door.')
  return row
}

function problemReply(reply: FastifyReply, status: number, title: string, detail: string, extra: Record<string, unknown> = {}) {
  reply.code(status).type('application/problem+json')
  return { type: 'about:blank', title, status, detail, ...extra }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/

/** Registers `/doors`, `/events` and `/me/doors`. */
export function doorRoutes(app: FastifyInstance, ctx: PluginContext): void {
  app.get('/doors', {
    config: { permission: 'access.read' },
    schema: { response: { 200: listOf(doorSchema) } },
  }, async () => ({ items: (await ctx.db.many<DoorRow>(`${DOOR_SELECT} ORDER BY d.name, d.id`)).map(toDoor) }))

  app.get('/doors/:id', {
    config: { permission: 'access.read' },
    schema: { params: idParams, response: { 200: doorSchema } },
  }, async (req) => toDoor(await doorOr404(ctx, (req.params as { id: string }).id)))

  app.post('/doors', {
    config: { permission: 'access.manage' },
    schema: { body: createDoorBody, response: { 201: doorSchema } },
  }, async (req, reply) => {
    const b = req.body as { name: string; locationId: string; resourceId?: string | null; agentId: string; deviceId: string; unlockDurationMs?: number }
    if (!(await catalogOf(ctx).getLocation(b.locationId))) throw problem.unprocessable('No such location.', [{ pointer: '/body/locationId', detail: 'no such location' }])
    if (b.resourceId) {
      const r = await catalogOf(ctx).getResource(b.resourceId)
      if (!r || r.locationId !== b.locationId) throw problem.unprocessable('No such resource at this location.', [{ pointer: '/body/resourceId', detail: 'no such resource at this location' }])
    }
    if (!(await ctx.db.one('SELECT 1 FROM access.agents WHERE id = $1 AND revoked_at IS NULL', [b.agentId]))) {
      throw problem.unprocessable('No such agent.', [{ pointer: '/body/agentId', detail: 'no such agent' }])
    }
    if (await ctx.db.one('SELECT 1 FROM access.doors WHERE agent_id = $1 AND device_id = $2', [b.agentId, b.deviceId])) {
      throw problem.conflict('This device of the agent is already a door.')
    }
    const cfg = accessConfig(ctx.config() as Partial<AccessConfig>)
    const row = await ctx.db.one<{ id: string }>(
      'INSERT INTO access.doors (name, location_id, resource_id, agent_id, device_id, unlock_duration_ms) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [b.name, b.locationId, b.resourceId ?? null, b.agentId, b.deviceId, b.unlockDurationMs ?? cfg.defaultUnlockMs])
    reply.code(201)
    return toDoor(await doorOr404(ctx, row!.id))
  })

  app.patch('/doors/:id', {
    config: { permission: 'access.manage' },
    schema: { params: idParams, body: updateDoorBody, response: { 200: doorSchema } },
  }, async (req) => {
    const { id } = req.params as { id: string }
    const door = await doorOr404(ctx, id)
    const b = req.body as { name?: string; resourceId?: string | null; unlockDurationMs?: number }
    if (b.resourceId) {
      const r = await catalogOf(ctx).getResource(b.resourceId)
      if (!r || r.locationId !== door.location_id) throw problem.unprocessable('No such resource at this location.', [{ pointer: '/body/resourceId', detail: 'no such resource at this location' }])
    }
    await ctx.db.query(
      `UPDATE access.doors SET name = coalesce($2, name), resource_id = CASE WHEN $3 THEN $4::uuid ELSE resource_id END,
         unlock_duration_ms = coalesce($5, unlock_duration_ms) WHERE id = $1`,
      [id, b.name ?? null, b.resourceId !== undefined, b.resourceId ?? null, b.unlockDurationMs ?? null])
    return toDoor(await doorOr404(ctx, id))
  })

  app.delete('/doors/:id', {
    config: { permission: 'access.manage' },
    schema: { params: idParams, response: { 204: { type: 'null' } } },
  }, async (req, reply) => {
    const door = await doorOr404(ctx, (req.params as { id: string }).id)
    await ctx.db.query('DELETE FROM access.doors WHERE id = $1', [door.id])
    await requestGrantSync(ctx, [door.agent_id])
    reply.code(204)
    return null
  })

  app.get('/doors/:id/events', {
    config: { permission: 'access.read' },
    schema: { params: idParams, querystring: pageQuery, response: { 200: listOf(eventSchema) } },
  }, async (req) => {
    const { limit, offset } = req.query as { limit: number; offset: number }
    const rows = await ctx.db.many<EventRow>('SELECT * FROM access.events WHERE door_id = $1 ORDER BY occurred_at DESC, id LIMIT $2 OFFSET $3',
      [(req.params as { id: string }).id, limit, offset])
    return { items: rows.map(toEvent) }
  })

  app.get('/events', {
    config: { permission: 'access.read' },
    schema: { querystring: eventQuery, response: { 200: listOf(eventSchema) } },
  }, async (req) => {
    const q = req.query as { limit: number; offset: number; doorId?: string; personId?: string }
    const rows = await ctx.db.many<EventRow>(
      `SELECT * FROM access.events WHERE ($1::uuid IS NULL OR door_id = $1) AND ($2::uuid IS NULL OR person_id = $2)
        ORDER BY occurred_at DESC, id LIMIT $3 OFFSET $4`, [q.doorId ?? null, q.personId ?? null, q.limit, q.offset])
    return { items: rows.map(toEvent) }
  })

  app.get('/me/doors', {
    config: { permission: 'access.self' },
    schema: { response: { 200: listOf(doorSchema) } },
  }, async () => {
    const person = await selfPerson(ctx)
    const ids = [...(await openableDoors(ctx, person, Date.now()))]
    return { items: (await ctx.db.many<DoorRow>(`${DOOR_SELECT} WHERE d.id = ANY($1::uuid[]) ORDER BY d.name, d.id`, [ids])).map(toDoor) }
  })

  app.post('/doors/:id/unlock', {
    config: { permission: 'access.self' },
    schema: {
      params: idParams, body: unlockBody,
      response: { 200: unlockResultSchema, 403: problemSchema, 409: problemSchema, 502: problemSchema, 503: problemSchema, 504: problemSchema },
    },
  }, (req, reply) => unlock(ctx, req, reply))
}

async function unlock(ctx: PluginContext, req: FastifyRequest, reply: FastifyReply) {
  const { id } = req.params as { id: string }
  const body = (req.body ?? {}) as { requestId?: string; durationMs?: number }
  const header = req.headers['idempotency-key']
  const key = typeof header === 'string' ? header : undefined
  if (key !== undefined && !REQUEST_ID.test(key)) throw problem.badRequest('The Idempotency-Key header must be 1–100 characters of A–Z a–z 0–9 . _ : -')
  if (key && body.requestId && key !== body.requestId) throw problem.badRequest('Idempotency-Key and requestId differ.')
  const requestId = key ?? body.requestId ?? randomUUID()
  const door = await doorOr404(ctx, id)
  const staff = ctx.can('access.unlock')
  const actorRef = ctx.actor()
  let actor: { kind: 'staff' | 'person'; id: string; via: string }
  let personId: string | null = null
  if (staff) {
    actor = { kind: 'staff', id: actorRef.id, via: 'api' }
  } else {
    const person = await selfPerson(ctx)
    personId = person.id
    actor = { kind: 'person', id: person.id, via: 'app' }
    if (body.durationMs !== undefined) throw problem.forbidden('Only staff choose the unlock duration.')
    if (!(await openableDoors(ctx, person, Date.now(), [door.id])).has(door.id)) {
      await logDecision(ctx, door, requestId, actor, personId, 'denied', person.status === 'active' ? 'no-access' : `person-${person.status}`)
      await ctx.audit.record({ action: 'door.unlock', target: `door:${door.id}`, data: { requestId, outcome: 'denied', actor } })
      return problemReply(reply, 403, 'Forbidden', 'You have no access to this door now.', { requestId, outcome: 'denied' })
    }
  }
  // rights first, then the remembered answer: a request id is not a way around the check
  await ctx.db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`access.unlock:${requestId}`])
  const done = await ctx.db.one<{ door_id: string; response: Record<string, unknown> }>('SELECT door_id, response FROM access.unlock_requests WHERE request_id = $1', [requestId])
  if (done) {
    if (done.door_id !== id) return problemReply(reply, 409, 'Conflict', 'This request id was used for another door.', { requestId })
    return done.response
  }
  const cfg = accessConfig(ctx.config() as Partial<AccessConfig>)
  const durationMs = body.durationMs ?? door.unlock_duration_ms
  const sent = agentHubOf(ctx).send(door.agent_id, 'unlock', { deviceId: door.device_id, durationMs, requestId, actor }, { timeoutMs: cfg.commandTimeoutMs, recordedBySender: true })
  const outcome = await sent.outcome
  const commandId = sent.command?.id ?? randomUUID()
  const reason = outcome.status === 'failed' ? outcome.error.code : outcome.status === 'rejected' ? outcome.reason : null
  const result = outcome.status === 'ok' ? outcome.result : outcome.status === 'failed' ? outcome.error : null
  await ctx.db.query(
    `INSERT INTO access.commands (id, agent_id, type, door_id, request_id, actor, status, reason, result, answered_at)
     VALUES ($1, $2, 'unlock', $3, $4, $5, $6, $7, $8, CASE WHEN $6 IN ('ok', 'failed', 'rejected') THEN now() END)`,
    [commandId, door.agent_id, door.id, requestId, JSON.stringify(actor), outcome.status, reason, JSON.stringify(result)])
  await logDecision(ctx, door, requestId, actor, personId, outcome.status === 'ok' ? 'granted' : 'denied', outcome.status === 'ok' ? 'remote-unlock' : `remote-unlock-${reason ?? outcome.status}`)
  await ctx.audit.record({ action: 'door.unlock', target: `door:${door.id}`, data: { requestId, outcome: outcome.status, reason, actor, durationMs } })
  if (outcome.status === 'ok') {
    const r = outcome.result as { unlockedAt?: string; relockAt?: string } | null
    const response = { requestId, doorId: door.id, ok: true, outcome: 'ok', unlockedAt: r?.unlockedAt ?? null, relockAt: r?.relockAt ?? null }
    await ctx.db.query('INSERT INTO access.unlock_requests (request_id, door_id, actor, response) VALUES ($1, $2, $3, $4)', [requestId, door.id, JSON.stringify(actor), JSON.stringify(response)])
    return response
  }
  if (outcome.status === 'offline') return problemReply(reply, 503, 'Service Unavailable', 'The door\'s site agent is not connected.', { requestId, outcome: 'offline' })
  if (outcome.status === 'timeout') return problemReply(reply, 504, 'Gateway Timeout', 'The site agent did not answer in time; retry with the same request id.', { requestId, outcome: 'timeout' })
  return problemReply(reply, 502, 'Bad Gateway', outcome.status === 'failed' ? outcome.error.message : outcome.message, { requestId, outcome: outcome.status, error: reason })
}

async function logDecision(ctx: PluginContext, door: DoorRow, requestId: string, actor: object, personId: string | null, kind: 'granted' | 'denied', reason: string) {
  await ctx.db.query(
    `INSERT INTO access.events (id, agent_id, door_id, device_id, source, category, kind, reason, person_id, request_id, actor, occurred_at)
     VALUES ($1, $2, $3, $4, 'kernel', 'access', $5, $6, $7, $8, $9, now())`,
    [randomUUID(), door.agent_id, door.id, door.device_id, kind, reason, personId, requestId, JSON.stringify(actor)])
}
