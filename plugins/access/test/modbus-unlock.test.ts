/**
 * A Modbus relay board door through the whole chain: API → signed `unlock` command → real site agent → Modbus
 * driver → a real `modbus-serial` `ServerTCP` simulating the board. The coil goes on, then off after the duration;
 * the unlock is audited; opening the door too long yields `held-open` and a sensor change without an unlock yields
 * `forced`, both in the kernel's event log and the door's live status.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { RelayBoardServer } from '@tessera/driver-modbus/testing'
import { boot, world, startAgent, agentUrl, waitFor, sleep } from './helpers.ts'
import type { World } from './helpers.ts'

let t: Awaited<ReturnType<typeof boot>>
let w: World
let board: RelayBoardServer
let site: Awaited<ReturnType<typeof startAgent>>
let doorId: string

before(async () => {
  board = await RelayBoardServer.start({ energisedCoils: [1] })
  t = await boot()
  w = await world(t)
  doorId = await w.door('gate', { unlockDurationMs: 600 })
  site = await startAgent(w, agentUrl(t.port, w), [{
    deviceId: 'gate', driver: 'modbus', unlockDurationMs: 600,
    config: { host: board.host, port: board.port, unitId: 1, coil: 1, sensorInput: 1, pollIntervalMs: 20, debounceMs: 20, timeoutMs: 1000, heldOpenAfterMs: 500 },
  }])
  await site.agent.waitUntilConnected(10_000)
})
after(async () => {
  await site?.close()
  await t?.close()
  await board?.close()
})

const kinds = async () => (await t.adminQuery(`SELECT kind FROM access.events WHERE tenant_id = $1 AND source = 'agent' ORDER BY occurred_at, received_at`, [w.tenantId])).rows.map((r) => r.kind)

test('unlock from the API: the coil goes on, then off after the duration; audited', async () => {
  assert.equal(board.coil(1), false, 'fail-secure at agent start')
  const started = Date.now()
  const res = await w.unlock(doorId, w.staff, { durationMs: 700 }, 'modbus-1')
  assert.equal(res.statusCode, 200, res.body)
  assert.equal(res.json().ok, true)
  assert.equal(board.coil(1), true, 'coil on when the API answers')
  await waitFor(() => (board.coil(1) ? undefined : true), 5000, 'coil off')
  const elapsed = Date.now() - started
  assert.ok(elapsed >= 650, `relocked after ${elapsed} ms`)
  assert.deepEqual(board.writesTo(1), [false, true, false])

  const again = await w.unlock(doorId, w.staff, { durationMs: 700 }, 'modbus-1')
  assert.deepEqual(again.json(), res.json())
  assert.deepEqual(board.writesTo(1), [false, true, false], 'the retry did not pulse again')

  const audit = await t.adminQuery(`SELECT actor_type, actor_id, data FROM tessera.audit_log WHERE tenant_id = $1 AND action = 'door.unlock' AND data->>'outcome' = 'ok'`, [w.tenantId])
  assert.equal(audit.rowCount, 1)
  assert.equal(audit.rows[0].actor_type, 'user')
  assert.equal(audit.rows[0].data.requestId, 'modbus-1')
  assert.equal(audit.rows[0].data.durationMs, 700)
  await waitFor(async () => ((await kinds()).includes('relocked') ? true : undefined), 5000, 'relocked event')
  assert.equal((await w.call('GET', `/access/doors/${doorId}`)).json().lockState, 'locked')
})

test('held open after an unlock, and forced without one, reach the kernel', async () => {
  assert.equal((await w.unlock(doorId)).statusCode, 200)
  board.setSensor(true, 1)
  await waitFor(async () => ((await kinds()).includes('held-open') ? true : undefined), 5000, 'held-open')
  assert.equal((await w.call('GET', `/access/doors/${doorId}`)).json().doorState, 'open')
  board.setSensor(false, 1)
  await waitFor(async () => ((await w.call('GET', `/access/doors/${doorId}`)).json().doorState === 'closed' ? true : undefined), 5000, 'closed')
  await waitFor(() => (board.coil(1) ? undefined : true), 5000, 'coil off')
  await sleep(300)
  board.setSensor(true, 1)
  await waitFor(async () => ((await kinds()).includes('forced') ? true : undefined), 5000, 'forced')
  board.setSensor(false, 1)
})
