/**
 * The Modbus driver against a real `modbus-serial` TCP server simulating a relay board: the SDK conformance suite,
 * then Modbus-specific behaviour (coil timing, debounce, held-open, forced, timeouts, one request at a time per
 * bus, configuration errors).
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { EventRecorder, runLockConformance } from '@tessera/driver-sdk/conformance'
import { ModbusBusPool, ModbusLock, parseModbusLockConfig } from '../src/index.ts'
import type { ModbusLockConfig } from '../src/index.ts'
import { RelayBoardServer } from './relay-board-server.ts'

const FAST = { pollIntervalMs: 10, debounceMs: 20, timeoutMs: 1000 }

function configFor(board: RelayBoardServer, extra: Partial<ModbusLockConfig> = {}): ModbusLockConfig {
  return { host: board.host, port: board.port, unitId: 1, coil: 0, sensorInput: 0, ...FAST, ...extra }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

runLockConformance({
  name: 'modbus (TCP relay board)',
  create: async ({ heldOpenAfterMs }) => {
    const board = await RelayBoardServer.start({ energisedCoils: [0] })
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

describe('modbus lock', () => {
  it('switches the coil on, then off after the duration, writing each once', async () => {
    const board = await RelayBoardServer.start()
    const lock = await ModbusLock.create(configFor(board), { pool: new ModbusBusPool() })
    const events = new EventRecorder(lock)
    try {
      assert.deepEqual(board.writesTo(0), [false], 'fail-secure write at start')
      const started = Date.now()
      const result = await lock.unlock({ requestId: 'r1', durationMs: 200, actor: { kind: 'person', id: 'p1', via: 'pin' } })
      assert.equal(result.ok, true)
      assert.equal(board.coil(0), true)
      await sleep(100)
      assert.equal(board.coil(0), true, 'still on half-way through')
      await events.waitFor('relocked')
      assert.ok(Date.now() - started >= 200)
      assert.equal(board.coil(0), false)
      assert.deepEqual(board.writesTo(0), [false, true, false])
      const unlocked = events.events.find((e) => e.kind === 'unlocked')
      assert.equal(unlocked?.requestId, 'r1')
      assert.deepEqual(unlocked?.actor, { kind: 'person', id: 'p1', via: 'pin' })
    } finally {
      await lock.close()
      await board.close()
    }
  })

  it('reports held-open when the door stays open longer than heldOpenAfterMs', async () => {
    const board = await RelayBoardServer.start()
    const lock = await ModbusLock.create(configFor(board, { heldOpenAfterMs: 150 }), { pool: new ModbusBusPool() })
    const events = new EventRecorder(lock)
    try {
      await lock.unlock({ requestId: 'r1', durationMs: 100, actor: { kind: 'person', id: 'p1' } })
      board.setSensor(true)
      await events.waitFor('held-open')
      assert.equal((await lock.status()).door, 'open')
      board.setSensor(false)
      await events.waitFor('closed')
      assert.deepEqual(events.kinds(), ['unlocked', 'opened', 'relocked', 'held-open', 'closed'])
    } finally {
      await lock.close()
      await board.close()
    }
  })

  it('reports forced when the sensor opens without an unlock', async () => {
    const board = await RelayBoardServer.start()
    const lock = await ModbusLock.create(configFor(board), { pool: new ModbusBusPool() })
    const events = new EventRecorder(lock)
    try {
      board.setSensor(true)
      const forced = await events.waitFor('forced')
      assert.equal(forced.requestId, undefined)
      assert.deepEqual(events.kinds(), ['opened', 'forced'])
      assert.equal(board.coil(0), false, 'a forced door does not unlock anything')
    } finally {
      await lock.close()
      await board.close()
    }
  })

  it('ignores sensor glitches shorter than debounceMs', async () => {
    const board = await RelayBoardServer.start()
    const lock = await ModbusLock.create(configFor(board, { debounceMs: 150 }), { pool: new ModbusBusPool() })
    const events = new EventRecorder(lock)
    try {
      const polls = board.requestCount
      board.setSensor(true)
      await sleep(50)
      board.setSensor(false)
      await sleep(250)
      assert.ok(board.requestCount - polls > 5, 'the sensor was polled during the glitch')
      assert.deepEqual(events.kinds(), [])
      board.setSensor(true)
      await events.waitFor('opened')
    } finally {
      await lock.close()
      await board.close()
    }
  })

  it('honours sensorOpenValue for normally-closed contacts', async () => {
    const board = await RelayBoardServer.start()
    board.setSensor(true)
    const lock = await ModbusLock.create(configFor(board, { sensorOpenValue: false }), { pool: new ModbusBusPool() })
    const events = new EventRecorder(lock)
    try {
      assert.equal((await lock.status()).door, 'closed')
      board.setSensor(false)
      await events.waitFor('forced')
    } finally {
      await lock.close()
      await board.close()
    }
  })

  it('reports offline when the board stops answering (timeout) and online when it answers again', async () => {
    const board = await RelayBoardServer.start()
    const lock = await ModbusLock.create(configFor(board, { timeoutMs: 100 }), { pool: new ModbusBusPool() })
    const events = new EventRecorder(lock)
    try {
      board.setUnresponsive(true)
      const offline = await events.waitFor('offline')
      assert.match(offline.detail ?? '', /timed out/i)
      const refused = await lock.unlock({ requestId: 'r1', durationMs: 100, actor: { kind: 'person', id: 'p1' } })
      assert.equal(refused.ok, false)
      assert.equal(board.coil(0), false)
      board.setUnresponsive(false)
      await events.waitFor('online')
      assert.equal((await lock.status()).online, true)
    } finally {
      await lock.close()
      await board.close()
    }
  })

  it('starts offline (without throwing) when the board is down, and fail-secures when it comes up', async () => {
    const board = await RelayBoardServer.start({ energisedCoils: [0] })
    await board.kill()
    const lock = await ModbusLock.create(configFor(board), { pool: new ModbusBusPool() })
    const events = new EventRecorder(lock)
    try {
      assert.equal((await lock.status()).online, false)
      await board.revive()
      await events.waitFor('online')
      for (let i = 0; i < 50 && board.coil(0); i++) await sleep(10)
      assert.equal(board.coil(0), false, 'coil switched off once the board answers')
    } finally {
      await lock.close()
      await board.close()
    }
  })

  it('sends one request at a time per bus, even for several locks on one board', async () => {
    const board = await RelayBoardServer.start({ responseDelayMs: 5 })
    const pool = new ModbusBusPool()
    const locks = await Promise.all(
      [0, 1, 2].map((coil) => ModbusLock.create(configFor(board, { coil, sensorInput: coil, timeoutMs: 500 }), { pool })),
    )
    try {
      assert.deepEqual(pool.keys(), [`tcp://127.0.0.1:${board.port}`])
      const results = await Promise.all(
        locks.map((lock, i) => lock.unlock({ requestId: `r${i}`, durationMs: 50, actor: { kind: 'system', id: 't' } })),
      )
      assert.ok(results.every((r) => r.ok))
      await sleep(150)
      assert.deepEqual([board.coil(0), board.coil(1), board.coil(2)], [false, false, false])
      assert.equal(board.maxConcurrentRequests, 1)
    } finally {
      await Promise.all(locks.map((lock) => lock.close()))
      await board.close()
    }
    assert.deepEqual(pool.keys(), [], 'the bus is released with its last lock')
  })

  it('would overlap requests without a shared bus (the concurrency check can fail)', async () => {
    const board = await RelayBoardServer.start({ responseDelayMs: 5 })
    const locks = await Promise.all(
      [0, 1, 2].map((coil) => ModbusLock.create(configFor(board, { coil, sensorInput: coil }), { pool: new ModbusBusPool() })),
    )
    try {
      await sleep(100)
      assert.ok(board.maxConcurrentRequests > 1)
    } finally {
      await Promise.all(locks.map((lock) => lock.close()))
      await board.close()
    }
  })

  it('rejects invalid configuration with the field name', () => {
    assert.throws(() => parseModbusLockConfig({ host: 'x' }), /coil/)
    assert.throws(() => parseModbusLockConfig({ coil: 1 }), /host is required/)
    assert.throws(() => parseModbusLockConfig({ host: 'x', coil: 1, pollIntervalMs: -1 }), /pollIntervalMs/)
    assert.throws(() => parseModbusLockConfig({ host: 'x', coil: 1, colour: 'red' }), /unknown field "colour"/)
    assert.throws(() => parseModbusLockConfig({ transport: 'rtu', coil: 1 }), /path is required/)
    assert.equal(parseModbusLockConfig({ host: 'x', coil: 3 }).port, 502)
  })
})
