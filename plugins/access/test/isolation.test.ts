/**
 * Tenancy and multiple kernel instances: an agent authenticates only within its own tenant (a valid secret with
 * another tenant's URL gets 4401); another tenant's staff cannot see or unlock its doors; with two kernel instances
 * on one database, a credential change made through the instance that does *not* hold the agent's socket still
 * reaches the agent (the instance holding the socket polls for push requests), and so does a print job queued there;
 * a revoked agent is disconnected and cannot come back.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createTestKernel } from '@tessera/sdk/testing'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import bookings from '@tessera/plugin-bookings'
import access from '../src/index.ts'
import { boot, world, startAgent, agentUrl, waitFor, rawAgent, sleep } from './helpers.ts'
import type { World } from './helpers.ts'

let t: Awaited<ReturnType<typeof boot>>
let t2: Awaited<ReturnType<typeof createTestKernel>>
let a: World
let b: World
let site: Awaited<ReturnType<typeof startAgent>>
let doorA: string

before(async () => {
  t = await boot({ workers: false }) // holds the agent's socket but runs no subscribers: every push request comes from t2
  t2 = await createTestKernel({ plugins: [members, spaces, bookings, access], workers: true, databaseUrl: t.databaseUrl })
  a = await world(t)
  b = await world(t)
  doorA = await a.door('front', { unlockDurationMs: 200 })
  site = await startAgent(a, agentUrl(t.port, a), [
    { deviceId: 'front', driver: 'simulator', config: {}, unlockDurationMs: 200 },
    { deviceId: 'desk', driver: 'printer-simulator', config: { printMs: 20 } },
  ])
  await site.agent.waitUntilConnected(10_000)
})
after(async () => {
  await site?.close()
  await t2?.close()
  await t?.close()
})

test('an agent is known only in its own tenant; other tenants see none of its doors', async () => {
  const wrongTenant = await rawAgent(`ws://127.0.0.1:${t.port}${b.connectPath}`, a.agentId, a.agentSecret)
  assert.equal(await wrongTenant.closeCode(), 4401)
  assert.equal((await b.call('GET', '/access/doors')).json().items.length, 0)
  assert.equal((await b.call('GET', `/access/doors/${doorA}`)).statusCode, 404)
  assert.equal((await b.call('POST', `/access/doors/${doorA}/unlock`, {})).statusCode, 404)
  assert.equal((await b.call('GET', `/access/agents/${a.agentId}`)).statusCode, 404)
  assert.equal(site.agent.connected, true)
})

test('a change made on another kernel instance reaches the agent within 5 s', async () => {
  const call2 = (method: 'POST' | 'GET', url: string, payload?: object) =>
    t2.request({ method, url: `/api/v1${url}`, session: a.staff, ...(payload ? { payload } : {}) })
  const m = await a.member()
  const group = await call2('POST', '/access/groups', { name: 'G', doorIds: [doorA], members: [{ kind: 'person', id: m.personId }] })
  assert.equal(group.statusCode, 201, group.body)
  const cred = await call2('POST', '/access/credentials', { personId: m.personId, type: 'pin', value: '8642' })
  assert.equal(cred.statusCode, 201, cred.body)
  const check = () => site.agent.checkCredential({ deviceId: 'front', type: 'pin', value: '8642' })
  await waitFor(async () => ((await check()).granted ? true : undefined), 15_000, 'granted via the other instance')
  assert.equal((await call2('POST', `/access/credentials/${cred.json().id}/revoke`, {})).statusCode, 200)
  await waitFor(async () => ((await check()).granted ? undefined : true), 5000, 'revoked via the other instance')
  // commands go out from the instance holding the socket: the other one answers 503 (see the README)
  const remote = await call2('POST', `/access/doors/${doorA}/unlock`, {})
  assert.equal(remote.statusCode, 503)
  assert.equal(remote.json().outcome, 'offline')
  assert.equal((await a.unlock(doorA)).statusCode, 200)
})

test('a print job queued on the instance without the agent\'s socket is printed (the holder\'s poll sends it)', async () => {
  const printer = await a.ok(a.call('POST', '/access/printers', { name: 'Desk', agentId: a.agentId, deviceId: 'desk', driver: 'printer-simulator', locationId: a.locationId, purposes: ['receipts'] }))
  const queued = await t2.request({ method: 'POST', url: '/api/v1/access/print-jobs', session: a.staff, payload: { requestId: `other-instance-${Date.now()}`, printerId: printer.id, document: { kind: 'text', text: 'from t2' } } })
  assert.equal(queued.statusCode, 201, queued.body)
  const id = queued.json().id as string
  await waitFor(async () => ((await a.call('GET', `/access/print-jobs/${id}`)).json().state === 'completed' ? true : undefined), 15_000, 'printed via the socket\'s instance')
})

test('a revoked agent is disconnected and cannot reconnect', async () => {
  assert.equal((await a.call('POST', `/access/agents/${a.agentId}/revoke`, {})).statusCode, 200)
  await waitFor(() => (site.agent.connected ? undefined : true), 5000, 'disconnected')
  await sleep(1000)
  assert.equal(site.agent.connected, false)
  const agent = (await a.call('GET', `/access/agents/${a.agentId}`)).json()
  assert.equal(agent.connected, false)
  assert.ok(agent.revokedAt)
})
