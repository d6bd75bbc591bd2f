/**
 * What the kernel does with an agent's messages once the link is authenticated, each in the agent's tenant
 * transaction: events are stored idempotently by their id (`ON CONFLICT DO NOTHING` — the agent delivers at least
 * once, so duplicates are expected) and only a newly stored event changes the door's live status and is published;
 * heartbeats refresh the agent's health and the doors' status; command answers are logged.
 */
import type { AgentEvent, HeartbeatMessage } from '@tessera/driver-sdk'
import type { AccessContext } from '../domain/access-config.ts'
import { doorEventLogged, doorStatusChanged } from '../contract/index.ts'
import type { DoorStatusChange } from '../contract/index.ts'
import type { CommandOutcome } from './agent-hub.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const uuidOrNull = (v: unknown): string | null => (typeof v === 'string' && UUID.test(v) ? v : null)
const text = (v: unknown, max = 200): string | null => (typeof v === 'string' ? v.slice(0, max) : null)

type DoorStatus = { id: string; lock_state: DoorStatusChange['lockState']; door_state: DoorStatusChange['doorState']; online: boolean | null }

/** The status change a lock event implies. */
function statusChange(kind: string): Partial<Record<'lock_state' | 'door_state' | 'online', string | boolean>> {
  switch (kind) {
    case 'unlocked': return { lock_state: 'unlocked', online: true }
    case 'relocked': return { lock_state: 'locked', online: true }
    case 'opened': case 'forced': case 'held-open': return { door_state: 'open', online: true }
    case 'closed': return { door_state: 'closed', online: true }
    case 'offline': return { online: false }
    case 'online': return { online: true }
    default: return {}
  }
}

async function publishStatus(ctx: AccessContext, door: DoorStatus): Promise<void> {
  await ctx.events.publish(doorStatusChanged, {
    doorId: door.id, lockState: door.lock_state, doorState: door.door_state, online: door.online,
  })
}

/** Stores one event; returns whether it was new. Throws only on a database failure (then the event is not acked). */
export async function ingestEvent(ctx: AccessContext, agentId: string, event: AgentEvent): Promise<boolean> {
  const isLock = event.category === 'lock'
  const kind = isLock ? text(event.kind, 40) : text((event as { decision?: unknown }).decision, 40)
  // normalised to the RFC 3339 form the event contract accepts (an agent's odd but parseable timestamp must not make
  // the publish — and so the ack — fail forever); unparseable or out-of-range times become the time of receipt
  const parsed = typeof event.occurredAt === 'string' ? Date.parse(event.occurredAt) : Number.NaN
  const year = new Date(parsed).getUTCFullYear()
  const occurredAt = Number.isNaN(parsed) || year < 1900 || year > 2999 ? new Date().toISOString() : new Date(parsed).toISOString()
  const stored = await ctx.db.one<{ door_id: string | null }>(
    `INSERT INTO access.events (id, agent_id, door_id, device_id, source, category, kind, reason, credential_type, person_id, request_id, actor, detail, occurred_at)
     VALUES ($1, $2, (SELECT id FROM access.doors WHERE agent_id = $2 AND device_id = $3), $3, 'agent', $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (tenant_id, id) DO NOTHING RETURNING door_id`,
    [
      event.id, agentId, text(event.deviceId, 100), isLock ? 'lock' : 'access', kind ?? 'unknown',
      isLock ? null : text(event.reason, 40), isLock ? null : text(event.credentialType, 10),
      isLock ? uuidOrNull(event.actor?.kind === 'person' ? event.actor.id : null) : uuidOrNull(event.personId),
      isLock ? text(event.requestId) : null, isLock && event.actor ? JSON.stringify(event.actor) : null,
      isLock ? text(event.detail, 500) : null, occurredAt,
    ])
  if (!stored) return false
  if (!stored.door_id) return true
  await ctx.events.publish(doorEventLogged, {
    doorId: stored.door_id, eventId: event.id, category: isLock ? 'lock' : 'access', kind: kind ?? 'unknown', occurredAt,
    reason: isLock ? null : text(event.reason, 40),
  })
  const change = isLock && kind ? statusChange(kind) : {}
  const cols = Object.keys(change)
  if (cols.length === 0) return true
  const door = await ctx.db.one<DoorStatus>(
    `UPDATE access.doors SET ${cols.map((c, i) => `${c} = $${i + 3}`).join(', ')}, status_at = $2
      WHERE id = $1 AND (status_at IS NULL OR status_at <= $2) RETURNING id, lock_state, door_state, online`,
    [stored.door_id, occurredAt, ...Object.values(change)])
  if (door) await publishStatus(ctx, door)
  return true
}

/** Refreshes agent health and door status from a heartbeat; returns whether another instance asked for a grant sync. */
export async function ingestHeartbeat(ctx: AccessContext, agentId: string, hb: HeartbeatMessage): Promise<boolean> {
  const agent = await ctx.db.one<{ wants_sync: boolean }>(
    `UPDATE access.agents SET last_seen_at = now(), last_heartbeat = $2, reported_grants_version = $3, connected = true
      WHERE id = $1 RETURNING coalesce(sync_requested_at > coalesce(pushed_at, '-infinity'), false) AS wants_sync`,
    [agentId, JSON.stringify({ uptimeMs: hb.uptimeMs, queuedEvents: hb.queuedEvents, devices: hb.devices, sentAt: hb.sentAt }),
      Number.isSafeInteger(hb.grantsVersion) ? hb.grantsVersion : null])
  for (const device of Array.isArray(hb.devices) ? hb.devices : []) {
    const s = device?.status
    const next = s
      ? { lock_state: s.state === 'unlocked' ? 'unlocked' : 'locked', door_state: s.door ?? 'unknown', online: s.online !== false }
      : { lock_state: null, door_state: null, online: false }
    const door = await ctx.db.one<DoorStatus>(
      `UPDATE access.doors SET lock_state = $3, door_state = $4, online = $5, status_at = now()
        WHERE agent_id = $1 AND device_id = $2
          AND (lock_state IS DISTINCT FROM $3 OR door_state IS DISTINCT FROM $4 OR online IS DISTINCT FROM $5)
        RETURNING id, lock_state, door_state, online`,
      [agentId, text(device?.deviceId, 100), next.lock_state, next.door_state, next.online])
    if (door) await publishStatus(ctx, door)
  }
  return agent?.wants_sync ?? false
}

/**
 * Logs an agent's answer to a command nobody here was waiting to record (grant pushes, commands sent by others):
 * the command's row moves from `sent` to its outcome (an answer never overwrites an earlier outcome, so a replayed
 * copy cannot hide the original's result; a `replayed` refusal never touches the row), and every refusal is also written to the event log as a `command`
 * event with the agent's reason — refusals are security events.
 */
export async function recordAnswer(ctx: AccessContext, agentId: string, commandId: string | null, commandType: string | null, outcome: CommandOutcome): Promise<void> {
  if (outcome.status === 'offline' || outcome.status === 'timeout') return
  const id = uuidOrNull(commandId)
  const reason = outcome.status === 'rejected' ? outcome.reason : outcome.status === 'failed' ? outcome.error.code : null
  const result = outcome.status === 'ok' ? outcome.result : outcome.status === 'failed' ? outcome.error : { message: outcome.message }
  if (outcome.status === 'rejected') {
    ctx.log.warn({ agentId, commandId, reason }, 'agent refused a command')
    await ctx.db.query(
      `INSERT INTO access.events (id, agent_id, source, category, kind, reason, request_id, detail, occurred_at)
       VALUES (gen_random_uuid(), $1, 'agent', 'command', 'rejected', $2, $3, $4, now())`,
      [agentId, reason, text(commandId, 100), text(outcome.message, 500)])
  }
  // "replayed" means a valid copy of this id was executed: its own answer tells the outcome
  if (!id || (outcome.status === 'rejected' && outcome.reason === 'replayed')) return
  await ctx.db.query(
    `INSERT INTO access.commands (id, agent_id, type, status, reason, result, answered_at) VALUES ($1, $2, $3, $4, $5, $6, now())
     ON CONFLICT (tenant_id, id) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason, answered_at = now(),
       result = CASE WHEN EXCLUDED.status = 'ok' THEN access.commands.result ELSE EXCLUDED.result END
     WHERE access.commands.status = 'sent'`,
    [id, agentId, text(commandType, 40), outcome.status, reason, JSON.stringify(result ?? null)])
}
