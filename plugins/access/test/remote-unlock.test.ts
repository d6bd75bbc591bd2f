/**
 * A real site agent (simulator door) connected to the kernel: the handshake, the first grant push, remote unlock by
 * staff (idempotent by Idempotency-Key, audited, logged), members' rights (only doors their groups open now), and
 * the live door status fed by the agent's events.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { boot, world, startAgent, agentUrl, waitFor } from './helpers.ts'
import type { World } from './helpers.ts'

let t: Awaited<ReturnType<typeof boot>>
let w: World
let site: Awaited<ReturnType<typeof startAgent>>
let frontId: string
let backId: string

before(async () => {
  t = await boot()
  w = await world(t)
  frontId = await w.door('front', { unlockDurationMs: 300 })
  backId = await w.door('back', { unlockDurationMs: 300 })
  site = await startAgent(w, agentUrl(t.port, w), [
    { deviceId: 'front', driver: 'simulator', config: {}, unlockDurationMs: 300 },
    { deviceId: 'back', driver: 'simulator', config: {}, unlockDurationMs: 300 },
  ])
  await site.agent.waitUntilConnected(10_000)
})
after(async () => {
  await site?.close()
  await t?.close()
})

test('the agent connects, is reported healthy and receives a signed grant set', async () => {
  const agent = await waitFor(async () => {
    const a = (await w.call('GET', `/access/agents/${w.agentId}`)).json()
    return a.connected && a.heartbeat && a.reportedGrantsVersion ? a : undefined
  }, 10_000, 'heartbeat')
  assert.equal(agent.devices.length, 2)
  assert.equal(site.agent.grantsVersion, agent.pushedGrantsVersion)
  const door = (await w.call('GET', `/access/doors/${frontId}`)).json()
  assert.equal(door.lockState, 'locked')
  assert.equal(door.online, true)
  assert.equal(door.agentConnected, true)
})

test('staff unlock remotely: the agent pulses the door once per request id; audited and logged', async () => {
  const res = await w.unlock(frontId, w.staff, {}, 'staff-unlock-1')
  assert.equal(res.statusCode, 200, res.body)
  const body = res.json()
  assert.equal(body.ok, true)
  assert.equal(body.requestId, 'staff-unlock-1')
  assert.ok(body.relockAt)
  const again = await w.unlock(frontId, w.staff, {}, 'staff-unlock-1')
  assert.deepEqual(again.json(), body, 'same key → same answer')
  const unlocked = await waitFor(async () => {
    const events = (await w.call('GET', `/access/doors/${frontId}/events`)).json().items as { kind: string; source: string; requestId: string | null }[]
    const fromAgent = events.filter((e) => e.source === 'agent' && e.kind === 'unlocked' && e.requestId === 'staff-unlock-1')
    return events.some((e) => e.source === 'agent' && e.kind === 'relocked') ? fromAgent : undefined
  }, 10_000, 'unlocked and relocked events')
  assert.equal(unlocked.length, 1, 'the door was pulsed once')
  const audit = await t.adminQuery(`SELECT actor_type, action, target, data FROM tessera.audit_log WHERE tenant_id = $1 AND action = 'door.unlock' AND data->>'outcome' = 'ok'`, [w.tenantId])
  assert.equal(audit.rowCount, 1)
  assert.equal(audit.rows[0].target, `door:${frontId}`)
  assert.equal(audit.rows[0].data.outcome, 'ok')
  const commands = await t.adminQuery(`SELECT status FROM access.commands WHERE tenant_id = $1 AND type = 'unlock' AND status = 'ok'`, [w.tenantId])
  assert.equal(commands.rowCount, 1, 'one executed unlock command')
})

test('members unlock only the doors their groups open now; denials are logged', async () => {
  const member = await w.member()
  const outsider = await w.member()
  await w.ok(w.call('POST', '/access/groups', { name: 'Front only', doorIds: [frontId], members: [{ kind: 'person', id: member.personId }] }))
  const ok = await w.unlock(frontId, member.cookie)
  assert.equal(ok.statusCode, 200, ok.body)
  const back = await w.call('POST', `/access/doors/${backId}/unlock`, {}, member.cookie)
  assert.equal(back.statusCode, 403)
  assert.equal((await w.call('POST', `/access/doors/${frontId}/unlock`, {}, outsider.cookie)).statusCode, 403)
  assert.equal((await w.call('POST', `/access/doors/${frontId}/unlock`, { durationMs: 60000 }, member.cookie)).statusCode, 403)
  const mine = (await w.call('GET', '/access/me/doors', undefined, member.cookie)).json().items.map((d: { id: string }) => d.id)
  assert.deepEqual(mine, [frontId])
  const denied = await t.adminQuery(`SELECT count(*)::int AS n FROM access.events WHERE tenant_id = $1 AND source = 'kernel' AND kind = 'denied'`, [w.tenantId])
  assert.equal(denied.rows[0].n, 2)
  assert.equal((await w.call('GET', '/access/doors', undefined, member.cookie)).statusCode, 403, 'members do not see the door list')
})

test('a closed time window keeps the door shut for a member', async () => {
  const member = await w.member()
  // a window that is never open now: one minute, twelve hours away from the current Amsterdam time
  const now = new Date(Date.now() + 12 * 3_600_000)
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now)
  const day = parts.find((p) => p.type === 'weekday')!.value.toLowerCase().slice(0, 3)
  const hh = parts.find((p) => p.type === 'hour')!.value
  const from = `${hh}:00`
  const to = `${hh}:01`
  await w.ok(w.call('POST', '/access/groups', { name: 'Night', doorIds: [backId], schedule: { [day]: [{ from, to }] }, members: [{ kind: 'person', id: member.personId }] }))
  assert.equal((await w.call('POST', `/access/doors/${backId}/unlock`, {}, member.cookie)).statusCode, 403)
})
