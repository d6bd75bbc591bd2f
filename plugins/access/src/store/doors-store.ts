/**
 * SQL of doors (with the live status agents report and whether their agent is connected), the door event log,
 * remote-unlock commands and the remembered answers of successful unlocks (by request id).
 */
import type { Db } from '@tessera/sdk'
import type { Door, DoorEvent, DoorEventQuery } from '../contract/index.ts'

/** A door row as the domain reads it. */
export type DoorRow = {
  id: string; name: string; location_id: string; resource_id: string | null; agent_id: string; device_id: string; unlock_duration_ms: number
  lock_state: Door['lockState']; door_state: Door['doorState']; online: boolean | null; status_at: Date | null; agent_connected: boolean
}
const DOOR_SELECT = `SELECT d.id, d.name, d.location_id, d.resource_id, d.agent_id, d.device_id, d.unlock_duration_ms, d.lock_state, d.door_state,
  d.online, d.status_at, (a.connected AND a.last_seen_at > now() - interval '2 minutes') AS agent_connected FROM access.doors d JOIN access.agents a ON a.id = d.agent_id`

/** The wire form of a door row. */
export const toDoor = (r: DoorRow): Door => ({
  id: r.id, name: r.name, locationId: r.location_id, resourceId: r.resource_id, agentId: r.agent_id, deviceId: r.device_id,
  unlockDurationMs: r.unlock_duration_ms, lockState: r.lock_state, doorState: r.door_state, online: r.online, statusAt: r.status_at?.toISOString() ?? null,
  agentConnected: r.agent_connected,
})

type EventRow = {
  id: string; source: DoorEvent['source']; agent_id: string | null; door_id: string | null; device_id: string | null; category: string; kind: string
  reason: string | null; credential_type: string | null; person_id: string | null; request_id: string | null; actor: Record<string, unknown> | null
  detail: string | null; occurred_at: Date; received_at: Date
}
const toEvent = (r: EventRow): DoorEvent => ({
  id: r.id, source: r.source, agentId: r.agent_id, doorId: r.door_id, deviceId: r.device_id, category: r.category, kind: r.kind, reason: r.reason,
  credentialType: r.credential_type, personId: r.person_id, requestId: r.request_id, actor: r.actor, detail: r.detail,
  occurredAt: r.occurred_at.toISOString(), receivedAt: r.received_at.toISOString(),
})

/** Every door, by name (only `ids` when given). */
export function listDoorRows(db: Db, ids?: string[]): Promise<DoorRow[]> {
  return db.many<DoorRow>(`${DOOR_SELECT} WHERE ($1::uuid[] IS NULL OR d.id = ANY($1::uuid[])) ORDER BY d.name, d.id`, [ids ?? null])
}

/** One door row, or undefined. */
export function getDoorRow(db: Db, id: string): Promise<DoorRow | undefined> {
  return db.one<DoorRow>(`${DOOR_SELECT} WHERE d.id = $1`, [id])
}

/** Whether a device of an agent is a door already. */
export async function deviceIsDoor(db: Db, agentId: string, deviceId: string): Promise<boolean> {
  return (await db.one('SELECT 1 FROM access.doors WHERE agent_id = $1 AND device_id = $2', [agentId, deviceId])) !== undefined
}

/** Inserts a door; returns its id. */
export async function insertDoor(db: Db, d: { name: string; locationId: string; resourceId: string | null; agentId: string; deviceId: string; unlockDurationMs: number }): Promise<string> {
  return (await db.one<{ id: string }>(
    'INSERT INTO access.doors (name, location_id, resource_id, agent_id, device_id, unlock_duration_ms) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [d.name, d.locationId, d.resourceId, d.agentId, d.deviceId, d.unlockDurationMs]))!.id
}

/** Changes a door's name, resource (when `resourceId` is not undefined) or unlock duration. */
export async function updateDoorRow(db: Db, id: string, b: { name?: string; resourceId?: string | null; unlockDurationMs?: number }): Promise<void> {
  await db.query(
    `UPDATE access.doors SET name = coalesce($2, name), resource_id = CASE WHEN $3 THEN $4::uuid ELSE resource_id END,
       unlock_duration_ms = coalesce($5, unlock_duration_ms) WHERE id = $1`,
    [id, b.name ?? null, b.resourceId !== undefined, b.resourceId ?? null, b.unlockDurationMs ?? null])
}

/** Deletes a door. */
export async function deleteDoor(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM access.doors WHERE id = $1', [id])
}

/** The event log, newest first, optionally of one door or person. */
export async function listEvents(db: Db, q: DoorEventQuery & { limit: number; offset: number }): Promise<DoorEvent[]> {
  const rows = await db.many<EventRow>(
    `SELECT * FROM access.events WHERE ($1::uuid IS NULL OR door_id = $1) AND ($2::uuid IS NULL OR person_id = $2)
      ORDER BY occurred_at DESC, id LIMIT $3 OFFSET $4`, [q.doorId ?? null, q.personId ?? null, q.limit, q.offset])
  return rows.map(toEvent)
}

/** Logs an access decision the kernel took (a remote unlock granted or denied). */
export async function insertDecision(db: Db, e: { id: string; door: DoorRow; requestId: string; actor: object; personId: string | null; kind: 'granted' | 'denied'; reason: string }): Promise<void> {
  await db.query(
    `INSERT INTO access.events (id, agent_id, door_id, device_id, source, category, kind, reason, person_id, request_id, actor, occurred_at)
     VALUES ($1, $2, $3, $4, 'kernel', 'access', $5, $6, $7, $8, $9, now())`,
    [e.id, e.door.agent_id, e.door.id, e.door.device_id, e.kind, e.reason, e.personId, e.requestId, JSON.stringify(e.actor)])
}

/** Serialises unlocks of one request id until the transaction ends. */
export async function lockRequestId(db: Db, requestId: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`access.unlock:${requestId}`])
}

/** The remembered answer of a successful unlock, by request id. */
export function rememberedUnlock<R extends Record<string, unknown>>(db: Db, requestId: string): Promise<{ door_id: string; response: R } | undefined> {
  return db.one<{ door_id: string; response: R }>('SELECT door_id, response FROM access.unlock_requests WHERE request_id = $1', [requestId])
}

/** Remembers the answer of a successful unlock. */
export async function rememberUnlock(db: Db, requestId: string, doorId: string, actor: object, response: object): Promise<void> {
  await db.query('INSERT INTO access.unlock_requests (request_id, door_id, actor, response) VALUES ($1, $2, $3, $4)', [requestId, doorId, JSON.stringify(actor), JSON.stringify(response)])
}

/** Records a sent unlock command and its outcome. */
export async function insertUnlockCommand(db: Db, c: { id: string; agentId: string; doorId: string; requestId: string; actor: object; status: string; reason: string | null; result: unknown }): Promise<void> {
  await db.query(
    `INSERT INTO access.commands (id, agent_id, type, door_id, request_id, actor, status, reason, result, answered_at)
     VALUES ($1, $2, 'unlock', $3, $4, $5, $6, $7, $8, CASE WHEN $6 IN ('ok', 'failed', 'rejected') THEN now() END)`,
    [c.id, c.agentId, c.doorId, c.requestId, JSON.stringify(c.actor), c.status, c.reason, JSON.stringify(c.result)])
}
