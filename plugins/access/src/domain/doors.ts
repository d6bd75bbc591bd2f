/**
 * Door rules: a door is a device of a (non-revoked) agent, at a location of `spaces` and optionally one of its
 * resources (checked through `spaces.catalog`, tenant-scoped) — a 422 naming the field otherwise; a device is one
 * door at most. Remote unlock is open to staff holding `access.unlock` for any door and to members for doors their
 * groups open right now; it sends a signed `unlock` command with a request id (the `Idempotency-Key` header, the
 * body's `requestId`, or a fresh one) and answers with the agent's result. A successful unlock is remembered by
 * request id, so a retry with the same key returns the same answer without pulsing the door again; a failed one is
 * not, so a retry tries again. Every attempt is audited and logged.
 */
import { randomUUID } from 'node:crypto'
import { problem } from '@tessera/sdk'
import { spacesCatalog } from '@tessera/plugin-spaces/contract'
import { accessPermissions } from '../contract/index.ts'
import type { Door, DoorInput, DoorPatch, UnlockInput, UnlockResult } from '../contract/index.ts'
import {
  deleteDoor, deviceIsDoor, getDoorRow, insertDecision, insertDoor, insertUnlockCommand, lockRequestId, rememberUnlock, rememberedUnlock, toDoor, updateDoorRow,
} from '../store/doors-store.ts'
import type { DoorRow } from '../store/doors-store.ts'
import { agentIsActive } from '../store/agents-store.ts'
import { agentHubOf } from '../link/agent-hub.ts'
import { openableDoors, selfPerson } from './door-rights.ts'
import { requestGrantSync } from './grant-sync.ts'
import type { AccessContext } from './access-config.ts'

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/

/** A door row; 404 when there is none. */
export async function doorRowOr404(ctx: AccessContext, id: string): Promise<DoorRow> {
  const row = await getDoorRow(ctx.db, id)
  if (!row) throw problem.notFound('No such door.')
  return row
}

async function checkResource(ctx: AccessContext, resourceId: string, locationId: string): Promise<void> {
  const r = await ctx.services.get(spacesCatalog).getResource(resourceId)
  if (!r || r.locationId !== locationId) throw problem.unprocessable('No such resource at this location.', [{ pointer: '/body/resourceId', detail: 'no such resource at this location' }])
}

/** Creates a door. */
export async function createDoor(ctx: AccessContext, b: DoorInput): Promise<Door> {
  if (!(await ctx.services.get(spacesCatalog).getLocation(b.locationId))) throw problem.unprocessable('No such location.', [{ pointer: '/body/locationId', detail: 'no such location' }])
  if (b.resourceId) await checkResource(ctx, b.resourceId, b.locationId)
  if (!(await agentIsActive(ctx.db, b.agentId))) throw problem.unprocessable('No such agent.', [{ pointer: '/body/agentId', detail: 'no such agent' }])
  if (await deviceIsDoor(ctx.db, b.agentId, b.deviceId)) throw problem.conflict('This device of the agent is already a door.')
  const id = await insertDoor(ctx.db, {
    name: b.name, locationId: b.locationId, resourceId: b.resourceId ?? null, agentId: b.agentId, deviceId: b.deviceId,
    unlockDurationMs: b.unlockDurationMs ?? ctx.config().defaultUnlockMs,
  })
  return toDoor(await doorRowOr404(ctx, id))
}

/** Changes a door's name, resource or unlock duration. */
export async function updateDoor(ctx: AccessContext, id: string, b: DoorPatch): Promise<Door> {
  const door = await doorRowOr404(ctx, id)
  if (b.resourceId) await checkResource(ctx, b.resourceId, door.location_id)
  await updateDoorRow(ctx.db, id, b)
  return toDoor(await doorRowOr404(ctx, id))
}

/** Deletes a door and pushes its agent's grants. */
export async function removeDoor(ctx: AccessContext, id: string): Promise<void> {
  const door = await doorRowOr404(ctx, id)
  await deleteDoor(ctx.db, door.id)
  await requestGrantSync(ctx, [door.agent_id])
}

/** The answer of a remote unlock: the result, or a problem (status, title, detail and extra members). */
export type UnlockAnswer =
  | { ok: true; result: UnlockResult }
  | { ok: false; status: 403 | 409 | 502 | 503 | 504; title: string; detail: string; extra: Record<string, unknown> }

/** Unlocks a door remotely (see the module comment); `idempotencyKey` is the request's `Idempotency-Key` header. */
export async function unlockDoor(ctx: AccessContext, id: string, body: UnlockInput, idempotencyKey: string | undefined): Promise<UnlockAnswer> {
  if (idempotencyKey !== undefined && !REQUEST_ID.test(idempotencyKey)) throw problem.badRequest('The Idempotency-Key header must be 1–100 characters of A–Z a–z 0–9 . _ : -')
  if (idempotencyKey && body.requestId && idempotencyKey !== body.requestId) throw problem.badRequest('Idempotency-Key and requestId differ.')
  const requestId = idempotencyKey ?? body.requestId ?? randomUUID()
  const door = await doorRowOr404(ctx, id)
  const actorRef = ctx.actor()
  let actor: { kind: 'staff' | 'person'; id: string; via: string }
  let personId: string | null = null
  const log = (kind: 'granted' | 'denied', reason: string) => insertDecision(ctx.db, { id: randomUUID(), door, requestId, actor, personId, kind, reason })
  if (ctx.can(accessPermissions.unlock)) {
    actor = { kind: 'staff', id: actorRef.id, via: 'api' }
  } else {
    const person = await selfPerson(ctx)
    personId = person.id
    actor = { kind: 'person', id: person.id, via: 'app' }
    if (body.durationMs !== undefined) throw problem.forbidden('Only staff choose the unlock duration.')
    if (!(await openableDoors(ctx, person, Date.now(), [door.id])).has(door.id)) {
      await log('denied', person.status === 'active' ? 'no-access' : `person-${person.status}`)
      await ctx.audit.record({ action: 'door.unlock', target: `door:${door.id}`, data: { requestId, outcome: 'denied', actor } })
      return { ok: false, status: 403, title: 'Forbidden', detail: 'You have no access to this door now.', extra: { requestId, outcome: 'denied' } }
    }
  }
  // rights first, then the remembered answer: a request id is not a way around the check
  await lockRequestId(ctx.db, requestId)
  const done = await rememberedUnlock<UnlockResult>(ctx.db, requestId)
  if (done) {
    if (done.door_id !== id) return { ok: false, status: 409, title: 'Conflict', detail: 'This request id was used for another door.', extra: { requestId } }
    return { ok: true, result: done.response }
  }
  const durationMs = body.durationMs ?? door.unlock_duration_ms
  const sent = agentHubOf(ctx).send(door.agent_id, 'unlock', { deviceId: door.device_id, durationMs, requestId, actor }, { timeoutMs: ctx.config().commandTimeoutMs, recordedBySender: true })
  const outcome = await sent.outcome
  const reason = outcome.status === 'failed' ? outcome.error.code : outcome.status === 'rejected' ? outcome.reason : null
  await insertUnlockCommand(ctx.db, {
    id: sent.command?.id ?? randomUUID(), agentId: door.agent_id, doorId: door.id, requestId, actor, status: outcome.status, reason,
    result: outcome.status === 'ok' ? outcome.result : outcome.status === 'failed' ? outcome.error : null,
  })
  await log(outcome.status === 'ok' ? 'granted' : 'denied', outcome.status === 'ok' ? 'remote-unlock' : `remote-unlock-${reason ?? outcome.status}`)
  await ctx.audit.record({ action: 'door.unlock', target: `door:${door.id}`, data: { requestId, outcome: outcome.status, reason, actor, durationMs } })
  if (outcome.status === 'ok') {
    const r = outcome.result as { unlockedAt?: string; relockAt?: string } | null
    const result: UnlockResult = { requestId, doorId: door.id, ok: true, outcome: 'ok', unlockedAt: r?.unlockedAt ?? null, relockAt: r?.relockAt ?? null }
    await rememberUnlock(ctx.db, requestId, door.id, actor, result)
    return { ok: true, result }
  }
  if (outcome.status === 'offline') return { ok: false, status: 503, title: 'Service Unavailable', detail: 'The door\'s site agent is not connected.', extra: { requestId, outcome: 'offline' } }
  if (outcome.status === 'timeout') return { ok: false, status: 504, title: 'Gateway Timeout', detail: 'The site agent did not answer in time; retry with the same request id.', extra: { requestId, outcome: 'timeout' } }
  return { ok: false, status: 502, title: 'Bad Gateway', detail: outcome.status === 'failed' ? outcome.error.message : outcome.message, extra: { requestId, outcome: outcome.status, error: reason } }
}
