/**
 * `GET /alerts` (the dashboard's "Door alerts"): doors offline now — the door reported offline, or its site agent is
 * not connected — and the forced and held-open events the agent reported, newest first, of one location's doors when
 * asked; staff only. The events arrive over a real agent connection (the protocol's `event` messages).
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { boot, world, rawAgent, agentUrl } from './helpers.ts'
import type { World } from './helpers.ts'

let t: Awaited<ReturnType<typeof boot>>
before(async () => { t = await boot({ workers: false }) })
after(() => t.close())

const ALL_DAY = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ from: '00:00', to: '24:00' }]]))
const alerts = async (w: World, query = '', session?: string) => w.call('GET', `/access/alerts${query}`, undefined, session)

test('door alerts: offline doors and forced / held-open events, per location, staff only', async () => {
  const w = await world(t)
  const front = await w.door('front')
  const back = await w.door('back')
  const annex = await w.ok(w.call('POST', '/spaces/locations', { name: 'Annex', timezone: 'UTC', openingHours: ALL_DAY }))
  await w.door('annex', { locationId: annex.id })

  // no agent connected yet: every door is offline because of it
  const before = (await alerts(w, `?locationId=${w.locationId}`)).json()
  assert.deepEqual(before.offline.map((d: { doorId: string; reason: string }) => [d.doorId, d.reason]).sort(), [[front, 'agent-disconnected'], [back, 'agent-disconnected']].sort())
  assert.deepEqual(before.counts, { offline: 2, forced: 0, heldOpen: 0 })

  const raw = await rawAgent(agentUrl(t.port, w), w.agentId, w.agentSecret)
  await raw.until((m) => m.find((x) => x.type === 'welcome'))
  const send = (deviceId: string, kind: string, minutesAgo: number) => {
    const id = crypto.randomUUID()
    raw.send({ type: 'event', event: { id, agentId: w.agentId, deviceId, occurredAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(), category: 'lock', kind } })
    return id
  }
  const forced = send('front', 'forced', 30)
  const held = send('back', 'held-open', 10)
  send('back', 'offline', 5)
  send('annex', 'forced', 20)
  const stale = send('front', 'forced', 3 * 60) // three hours ago: outside `hours=2`
  await raw.until((m) => (m.filter((x) => x.type === 'ack').flatMap((x) => x.eventIds).length >= 5 ? true : undefined))

  const now = (await alerts(w, `?locationId=${w.locationId}`)).json()
  assert.deepEqual(now.offline.map((d: { doorId: string; reason: string }) => [d.doorId, d.reason]), [[back, 'door-offline']], 'the agent is connected; the back door said it is offline')
  assert.deepEqual(now.events.map((e: { id: string; kind: string; doorName: string }) => [e.id, e.kind, e.doorName]), [
    [held, 'held-open', 'Door back'], [forced, 'forced', 'Door front'], [stale, 'forced', 'Door front'],
  ], 'newest first, this location only')
  assert.deepEqual(now.counts, { offline: 1, forced: 2, heldOpen: 1 })
  const recent = (await alerts(w, `?locationId=${w.locationId}&hours=2`)).json()
  assert.deepEqual(recent.events.map((e: { id: string }) => e.id), [held, forced])
  // without a location: every door of the tenant
  assert.equal((await alerts(w)).json().counts.forced, 3)

  const member = await w.member()
  assert.equal((await alerts(w, '', member.cookie)).statusCode, 403)
  assert.equal((await alerts(w, '?hours=1000')).statusCode, 400)
  await raw.close()
})
