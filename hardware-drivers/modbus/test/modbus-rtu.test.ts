/**
 * The Modbus driver over Modbus RTU: a real serial line made of a `socat` pty pair started by the test, with
 * `modbus-serial`'s `ServerSerial` playing the relay board on the far end. Runs the SDK lock conformance suite
 * (every capability level: relay, sensor, fail-secure) over RTU, then what only a serial line does: the adapter
 * disappearing and coming back, and several locks on one RS-485 line sharing one request queue.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { EventEmitter } from 'node:events'
import { EventRecorder, runLockConformance } from '@tessera/driver-sdk/conformance'
import { ModbusBus, ModbusBusPool, ModbusLock } from '../src/index.ts'
import type { ModbusLockConfig } from '../src/index.ts'
import { RtuRelayBoard, socatUnavailable } from './rtu-relay-board.ts'

const missing = socatUnavailable()
const FAST = { pollIntervalMs: 10, debounceMs: 20, timeoutMs: 1000 } // a loaded machine answers a 9600-baud request in well over 300 ms

function configFor(board: RtuRelayBoard, extra: Partial<ModbusLockConfig> = {}): ModbusLockConfig {
  return { transport: 'rtu', path: board.path, baudRate: 9600, unitId: 1, coil: 0, sensorInput: 0, ...FAST, ...extra }
}

runLockConformance({
  name: 'modbus (RTU relay board on a socat pty pair)',
  skip: missing ?? undefined,
  expectLevels: ['relay', 'sensor', 'fail-secure'],
  create: async ({ heldOpenAfterMs }) => {
    const board = await RtuRelayBoard.start({ energisedCoils: [0] })
    const lock = await ModbusLock.create(configFor(board, { heldOpenAfterMs }), { pool: new ModbusBusPool() })
    return {
      driver: lock,
      sensor: { setOpen: (open: boolean) => board.setSensor(open) },
      coilState: async () => board.coil(0),
      kill: () => board.kill(),
      revive: () => board.revive(),
      close: async () => {
        await lock.close()
        await board.close()
      },
    }
  },
})

describe('modbus lock over RTU', { skip: missing ?? false }, () => {
  it('goes offline when the serial adapter disappears and recovers, relay off, when it is plugged back in', async () => {
    const board = await RtuRelayBoard.start()
    const lock = await ModbusLock.create(configFor(board), { pool: new ModbusBusPool() })
    const events = new EventRecorder(lock)
    try {
      const unlocked = await lock.unlock({ requestId: 'rtu-1', durationMs: 10_000, actor: { kind: 'system', id: 't' } })
      assert.equal(unlocked.ok, true, JSON.stringify(unlocked))
      assert.equal(board.coil(0), true)
      await board.unplug()
      await events.waitFor('offline')
      const refused = await lock.unlock({ requestId: 'rtu-2', durationMs: 100, actor: { kind: 'system', id: 't' } })
      assert.equal(refused.ok, false)
      const relock = await lock.lock()
      assert.equal(relock.ok, false)
      if (!relock.ok) assert.equal(relock.reason, 'offline', 'a relock while the line is gone is reported, and kept pending')
      await board.plugIn()
      await events.waitFor('online', { timeoutMs: 5000 })
      await events.waitFor('relocked', { timeoutMs: 3000 })
      assert.equal(board.coil(0), false, 'the relay is switched off once the line is back')
      const again = await lock.unlock({ requestId: 'rtu-2', durationMs: 100, actor: { kind: 'system', id: 't' } })
      assert.equal(again.ok, true, `a refused request id can be retried: ${JSON.stringify(again)}`)
      await events.waitFor('relocked', { count: 2 })
    } finally {
      await lock.close()
      await board.close()
    }
  })

  it('a transport error between requests drops the connection instead of crashing the process; the next request reconnects', async () => {
    const board = await RtuRelayBoard.start({ energisedCoils: [0] })
    const bus = new ModbusBus({ transport: 'rtu', path: board.path, baudRate: 9600, parity: 'none' })
    try {
      const first = await bus.run(1, FAST.timeoutMs, async (client) => ({ client, coils: (await client.readCoils(0, 1)).data }))
      assert.deepEqual(first.coils.slice(0, 1), [true])
      // what the serial port reports when the adapter goes away mid-write (EIO), outside any request
      assert.doesNotThrow(() => (first.client as unknown as EventEmitter).emit('error', new Error('EIO: i/o error, write')), 'the error has a listener')
      const second = await bus.run(1, FAST.timeoutMs, async (client) => ({ client, coils: (await client.readCoils(0, 1)).data }))
      assert.notEqual(second.client, first.client, 'a new connection after the error')
      assert.deepEqual(second.coils.slice(0, 1), [true])
    } finally {
      await bus.close()
      await board.close()
    }
  })

  it('sends one frame at a time on the line, for several locks on one RS-485 bus', async () => {
    const board = await RtuRelayBoard.start({ responseDelayMs: 5 })
    const pool = new ModbusBusPool()
    const locks = await Promise.all([0, 1, 2].map((coil) => ModbusLock.create(configFor(board, { coil, sensorInput: coil }), { pool })))
    const recorders = locks.map((lock) => new EventRecorder(lock))
    try {
      assert.deepEqual(pool.keys(), [`rtu://${board.path}`])
      const results = await Promise.all(
        locks.map((lock, i) => lock.unlock({ requestId: `r${i}`, durationMs: 50, actor: { kind: 'system', id: 't' } })),
      )
      assert.ok(results.every((r) => r.ok), JSON.stringify(results))
      await Promise.all(recorders.map((r) => r.waitFor('relocked')))
      assert.deepEqual([board.coil(0), board.coil(1), board.coil(2)], [false, false, false])
      assert.equal(board.maxConcurrentRequests, 1)
    } finally {
      await Promise.all(recorders.map((r) => r.stop()))
      await Promise.all(locks.map((lock) => lock.close()))
      await board.close()
    }
  })
})
