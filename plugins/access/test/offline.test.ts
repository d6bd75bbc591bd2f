/**
 * The site keeps working while its link to the kernel is cut (a TCP relay between agent and kernel is torn down):
 * a valid PIN still opens the door from the agent's signed grant cache, an unknown or a revoked one does not. The
 * decisions and door events are queued at the site and, after the link is restored, each reaches the kernel
 * exactly once — also when the agent (or anyone with its secret) delivers an event again.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { boot, world, startAgent, waitFor, LinkRelay, rawAgent, agentUrl } from './helpers.ts'
import type { World } from './helpers.ts'

let t: Awaited<ReturnType<typeof boot>>
let w: World
let relay: LinkRelay
let site: Awaited<ReturnType<typeof startAgent>>
let doorId: string

before(async () => {
  t = await boot()
  w = await world(t)
  doorId = await w.door('front', { unlockDurationMs: 200 })
  relay = new LinkRelay(t.port)
  await relay.restore()
  site = await startAgent(w, `ws://127.0.0.1:${relay.port}${w.connectPath}`, [{ deviceId: 'front', driver: 'simulator', config: {}, unlockDurationMs: 200 }])
  await site.agent.waitUntilConnected(10_000)
})
after(async () => {
  await site?.close()
  await relay?.cut()
  await t?.close()
})

const check = (value: string) => site.agent.checkCredential({ deviceId: 'front', type: 'pin', value })

test('link cut: valid PIN opens, unknown and revoked do not; after reconnecting every event arrives exactly once', async () => {
  const alice = await w.member('Alice')
  const bob = await w.member('Bob')
  await w.ok(w.call('POST', '/access/groups', { name: 'All', doorIds: [doorId], members: [{ kind: 'person', id: alice.personId }, { kind: 'person', id: bob.personId }] }))
  await w.ok(w.call('POST', '/access/credentials', { personId: alice.personId, type: 'pin', value: '1357' }))
  const bobPin = await w.ok(w.call('POST', '/access/credentials', { personId: bob.personId, type: 'pin', value: '2468' }))
  await waitFor(async () => ((await check('1357')).granted && (await check('2468')).granted ? true : undefined), 15_000, 'both PINs granted')
  await w.ok(w.call('POST', `/access/credentials/${bobPin.id}/revoke`, {}))
  await waitFor(async () => ((await check('2468')).granted ? undefined : true), 5000, 'Bob revoked')
  await waitFor(() => (site.agent.queuedEvents === 0 ? true : undefined), 5000, 'queue drained before the cut')

  await relay.cut()
  await waitFor(() => (site.agent.connected ? undefined : true), 5000, 'agent notices the cut')
  const ids: string[] = []
  const alices = await check('1357')
  assert.equal(alices.granted, true, 'valid PIN opens offline')
  assert.equal(alices.personId, alice.personId)
  ids.push(alices.eventId)
  for (const pin of ['2468', '0000']) {
    const d = await check(pin)
    assert.equal(d.granted, false, `${pin} refused offline`)
    assert.equal(d.reason, 'unknown-credential')
    ids.push(d.eventId)
  }
  await waitFor(async () => ((await site.agent.status()).devices[0].status?.state === 'locked' ? true : undefined), 3000, 'relocked')
  // 3 decisions + unlocked + relocked, queued on disk at the site (the relocked event is appended just after the state changes)
  await waitFor(() => (site.agent.queuedEvents >= 5 ? true : undefined), 3000, 'events queued at the site')
  const before = await t.adminQuery('SELECT count(*)::int AS n FROM access.events WHERE id = ANY($1::uuid[])', [ids])
  assert.equal(before.rows[0].n, 0, 'nothing reached the kernel while cut')
  // exactly what is waiting at the site (a relock of an earlier unlock may have joined the queue too)
  const queuedIds = site.agent.queuedEventIds
  assert.ok(ids.every((id) => queuedIds.includes(id)), 'the three decisions are queued')

  await relay.restore()
  await site.agent.waitUntilConnected(10_000)
  await waitFor(() => (site.agent.queuedEvents === 0 ? true : undefined), 10_000, 'queue drained')
  const rows = await t.adminQuery(
    `SELECT id, kind, reason, person_id FROM access.events WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
    [w.tenantId, queuedIds])
  assert.equal(rows.rowCount, queuedIds.length, 'every queued event stored, once')
  const counts = await t.adminQuery('SELECT id, count(*)::int AS n FROM access.events WHERE id = ANY($1::uuid[]) GROUP BY id', [ids])
  assert.deepEqual(counts.rows.map((r) => r.n), [1, 1, 1])
  const byId = new Map(rows.rows.map((r) => [r.id, r]))
  assert.equal(byId.get(ids[0]).kind, 'granted')
  assert.equal(byId.get(ids[0]).person_id, alice.personId)
  assert.equal(byId.get(ids[1]).kind, 'denied')
  assert.ok(rows.rows.some((r) => r.kind === 'unlocked') && rows.rows.some((r) => r.kind === 'relocked'))
  const log = (await w.call('GET', `/access/events?doorId=${doorId}`)).json().items as { id: string }[]
  for (const id of ids) assert.equal(log.filter((e) => e.id === id).length, 1)
})

test('an event delivered again is acked and stored once', async () => {
  await site.close() // a raw connection would otherwise be replaced by the agent's
  const stored = await t.adminQuery(`SELECT * FROM access.events WHERE tenant_id = $1 AND source = 'agent' AND category = 'access' LIMIT 1`, [w.tenantId])
  const e = stored.rows[0]
  const raw = await rawAgent(agentUrl(t.port, w), w.agentId, w.agentSecret)
  await raw.until((m) => m.find((x) => x.type === 'welcome'))
  const event = {
    id: e.id, agentId: w.agentId, deviceId: 'front', occurredAt: e.occurred_at.toISOString(), category: 'access',
    decision: e.kind, reason: e.reason, credentialType: 'pin', personId: e.person_id, grantsVersion: 1,
  }
  raw.send({ type: 'event', event })
  raw.send({ type: 'event', event })
  await raw.until((m) => (m.filter((x) => x.type === 'ack' && x.eventIds.includes(e.id)).length === 2 ? true : undefined))
  const n = await t.adminQuery('SELECT count(*)::int AS n FROM access.events WHERE id = $1', [e.id])
  assert.equal(n.rows[0].n, 1)
  await raw.close()
})
