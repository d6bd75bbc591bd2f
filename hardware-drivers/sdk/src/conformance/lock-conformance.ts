/**
 * The lock-driver conformance suite. `runLockConformance` registers `node:test` tests that check the behaviour
 * every Tessera lock driver promises, whoever wrote it, in three capability levels: `relay` (locked at start,
 * timed relock, idempotent unlock, truthful status, invalid requests refused, streams end on close), `sensor`
 * (event order, `held-open`, `forced`) and `fail-secure` (a relay left energised is switched off at start;
 * `offline` when the device dies, unlock refused, `online` with the relay off when it returns). A driver package
 * calls it from one of its own test files with a harness factory that starts a real (or simulated) device and the
 * driver under test. The last test reports which levels passed; a level the driver claims but the harness cannot
 * exercise fails it (see `capability-levels.ts`).
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { LockDriver, UnlockRequest } from '../lock-driver.ts'
import { LevelTracker, notClaimed, unverified } from './capability-levels.ts'
import type { ConformanceReport } from './capability-levels.ts'
import { EventRecorder } from './event-recorder.ts'

/** The lock suite's capability levels. */
export type LockConformanceLevel = 'relay' | 'sensor' | 'fail-secure'

const LOCK_LEVELS: readonly LockConformanceLevel[] = ['relay', 'sensor', 'fail-secure']

/** Settings the suite asks the harness to configure the driver with. */
export interface LockConformanceSettings {
  /** Configure the driver to report `held-open` after the door is open this long (ms). */
  heldOpenAfterMs: number
}

/** What a harness factory returns: a started driver and handles on the device behind it. */
export interface LockConformanceHarness {
  /** The driver under test, already created. Start the device with its relay energised when you can. */
  driver: LockDriver
  /** Drives the (real or simulated) door sensor. Omit when the hardware has none. */
  sensor?: { setOpen(open: boolean): void | Promise<void> }
  /** Reads the relay as the device sees it (`true` = energised/unlocked). */
  coilState?: () => Promise<boolean>
  /** Makes the device stop answering (power loss, cable pulled). */
  kill?: () => Promise<void>
  /** Brings a killed device back. */
  revive?: () => Promise<void>
  /** Closes the driver and stops the device. */
  close(): Promise<void>
}

/** Options of {@link runLockConformance}. */
export interface LockConformanceOptions {
  /** Suite name, e.g. `modbus driver`. */
  name: string
  /** Creates a fresh device + driver for one test; called once per test. */
  create: (settings: LockConformanceSettings) => Promise<LockConformanceHarness>
  /** Unlock pulse length used by the tests (ms, default 250). */
  unlockMs?: number
  /** `held-open` limit asked of the driver (ms, default 300). */
  heldOpenAfterMs?: number
  /** How long to wait for any one event (ms, default 3000). */
  eventTimeoutMs?: number
  /** Levels that must pass (the summary test fails otherwise), e.g. `['relay', 'sensor', 'fail-secure']`. */
  expectLevels?: LockConformanceLevel[]
  /** Skip the whole suite with this message (e.g. a required program is not installed). */
  skip?: string
}

/**
 * Register the conformance tests for a lock driver (call it at the top level of a `*.test.ts` file).
 *
 * @param options - suite name, harness factory, timings, expected levels
 * @returns the report, filled in as the tests run
 */
export function runLockConformance(options: LockConformanceOptions): ConformanceReport<LockConformanceLevel> {
  const levels = new LevelTracker<LockConformanceLevel>(`lock driver conformance: ${options.name}`, LOCK_LEVELS)
  const unlockMs = options.unlockMs ?? 250
  const heldOpenAfterMs = options.heldOpenAfterMs ?? 300
  const timeoutMs = options.eventTimeoutMs ?? 3000
  const request = (requestId: string, durationMs = unlockMs): UnlockRequest => ({
    requestId,
    durationMs,
    actor: { kind: 'system', id: 'conformance', via: 'test' },
  })

  async function withHarness(body: (h: LockConformanceHarness, events: EventRecorder) => Promise<void>): Promise<void> {
    const harness = await options.create({ heldOpenAfterMs })
    const events = new EventRecorder(harness.driver)
    try {
      await body(harness, events)
    } finally {
      await harness.close()
      await events.stop()
    }
  }

  const needSensor = (h: LockConformanceHarness): NonNullable<LockConformanceHarness['sensor']> => {
    if (!h.driver.capabilities.doorSensor) notClaimed('the driver has no door sensor')
    return h.sensor ?? unverified('the driver reads a door sensor but the harness gives no `sensor` handle')
  }
  const needPulse = (h: LockConformanceHarness): void => {
    if (!h.driver.capabilities.pulseMode) notClaimed('the driver is not in pulse mode')
  }
  const check = (level: LockConformanceLevel, name: string, body: (h: LockConformanceHarness, events: EventRecorder) => Promise<void>): void => {
    it(name, (t) => levels.run(level, name, t, () => withHarness(body)))
  }

  describe(levels.report.suite, { skip: options.skip ?? false }, () => {
    check('relay', 'is locked at start, with relockAt null', async (h) => {
      const status = await h.driver.status()
      assert.equal(status.state, 'locked')
      assert.equal(status.relockAt, null)
    })

    check('relay', 'unlock energises the relay, then relocks after durationMs', async (h, events) => {
      needPulse(h)
      const result = await h.driver.unlock(request('pulse-1'))
      assert.equal(result.ok, true, JSON.stringify(result))
      if (!result.ok) return
      assert.ok(result.relockAt, 'a pulse has a relock time')
      assert.equal(Date.parse(result.relockAt) - Date.parse(result.unlockedAt), unlockMs)
      if (h.coilState) assert.equal(await h.coilState(), true, 'relay on while unlocked')
      assert.equal((await h.driver.status()).state, 'unlocked')
      const relocked = await events.waitFor('relocked', { timeoutMs: unlockMs + timeoutMs })
      const held = Date.parse(relocked.at) - Date.parse(result.unlockedAt)
      assert.ok(held >= unlockMs - 5, `relocked after ${held} ms, expected at least ${unlockMs} ms`)
      if (h.coilState) assert.equal(await h.coilState(), false, 'relay off after the pulse')
      assert.equal((await h.driver.status()).state, 'locked')
      assert.deepEqual(events.kinds().filter((k) => k === 'unlocked' || k === 'relocked'), ['unlocked', 'relocked'])
    })

    check('relay', 'a duplicate requestId returns the first result and does not pulse again', async (h, events) => {
      needPulse(h)
      const [first, concurrent] = await Promise.all([h.driver.unlock(request('dup-1')), h.driver.unlock(request('dup-1'))])
      assert.equal(first.ok, true, JSON.stringify(first))
      assert.deepEqual(concurrent, first)
      assert.deepEqual(await h.driver.unlock(request('dup-1')), first)
      await events.waitFor('relocked', { timeoutMs: unlockMs + timeoutMs })
      const late = await h.driver.unlock(request('dup-1'))
      assert.deepEqual(late, first, 'a retry after the relock still gets the first result')
      assert.equal((await h.driver.status()).state, 'locked', 'the retry did not unlock again')
      if (h.coilState) assert.equal(await h.coilState(), false)
      assert.equal(events.count('unlocked'), 1)
      const other = await h.driver.unlock(request('dup-2'))
      assert.equal(other.ok, true, 'a different requestId does unlock')
      await events.waitFor('unlocked', { count: 2, timeoutMs })
    })

    check('relay', 'status reflects locked and unlocked; lock() relocks early and is idempotent', async (h, events) => {
      const result = await h.driver.unlock(request('status-1', 10_000))
      assert.equal(result.ok, true, JSON.stringify(result))
      const unlocked = await h.driver.status()
      assert.equal(unlocked.state, 'unlocked')
      assert.equal(unlocked.online, true)
      if (h.driver.capabilities.pulseMode) assert.ok(unlocked.relockAt)
      if (h.coilState) assert.equal(await h.coilState(), true)
      assert.deepEqual(await h.driver.lock(), { ok: true })
      await events.waitFor('relocked', { timeoutMs })
      const locked = await h.driver.status()
      assert.equal(locked.state, 'locked')
      assert.equal(locked.relockAt, null)
      if (h.coilState) assert.equal(await h.coilState(), false)
      assert.deepEqual(await h.driver.lock(), { ok: true })
      assert.equal(events.count('relocked'), 1, 'locking a locked door emits nothing')
    })

    check('relay', 'refuses an invalid unlock request without touching the relay', async (h, events) => {
      const result = await h.driver.unlock(request('bad-1', -5))
      assert.equal(result.ok, false)
      if (!result.ok) assert.equal(result.reason, 'invalid-request')
      assert.equal((await h.driver.status()).state, 'locked')
      if (h.coilState) assert.equal(await h.coilState(), false)
      assert.equal(events.count('unlocked'), 0)
    })

    check('relay', 'close() ends event streams', async (h) => {
      const stream = h.driver.events()
      await h.driver.close()
      const seen: string[] = []
      for await (const event of stream) seen.push(event.kind)
      assert.ok(!seen.includes('unlocked'))
    })

    check('sensor', 'emits events in order: unlocked → opened → closed → relocked', async (h, events) => {
      const sensor = needSensor(h)
      const duration = Math.max(unlockMs * 3, 600)
      const result = await h.driver.unlock(request('order-1', duration))
      assert.equal(result.ok, true, JSON.stringify(result))
      await sensor.setOpen(true)
      await events.waitFor('opened', { timeoutMs })
      assert.equal((await h.driver.status()).door, 'open')
      await sensor.setOpen(false)
      await events.waitFor('closed', { timeoutMs })
      await events.waitFor('relocked', { timeoutMs: duration + timeoutMs })
      assert.deepEqual(events.kinds(), ['unlocked', 'opened', 'closed', 'relocked'])
      assert.equal((await h.driver.status()).door, 'closed')
    })

    check('sensor', 'reports held-open when the door stays open beyond the limit, and not for a short opening', async (h, events) => {
      const sensor = needSensor(h)
      await h.driver.unlock(request('held-1', 5_000))
      await sensor.setOpen(true)
      const opened = await events.waitFor('opened', { timeoutMs })
      const held = await events.waitFor('held-open', { timeoutMs: heldOpenAfterMs + timeoutMs })
      const after = Date.parse(held.at) - Date.parse(opened.at)
      assert.ok(after >= heldOpenAfterMs - 5, `held-open after ${after} ms, limit ${heldOpenAfterMs} ms`)
      await sensor.setOpen(false)
      await events.waitFor('closed', { timeoutMs })
      assert.deepEqual(events.kinds(), ['unlocked', 'opened', 'held-open', 'closed'])
      await sensor.setOpen(true)
      await events.waitFor('opened', { count: 2, timeoutMs })
      await sensor.setOpen(false)
      await events.waitFor('closed', { count: 2, timeoutMs })
      await new Promise((resolve) => setTimeout(resolve, heldOpenAfterMs + 100))
      assert.equal(events.count('held-open'), 1, 'a short opening is not held-open')
    })

    check('sensor', 'reports forced when the door opens while locked', async (h, events) => {
      const sensor = needSensor(h)
      await sensor.setOpen(true)
      await events.waitFor('forced', { timeoutMs })
      await sensor.setOpen(false)
      await events.waitFor('closed', { timeoutMs })
      assert.deepEqual(events.kinds(), ['opened', 'forced', 'closed'])
      assert.equal((await h.driver.status()).state, 'locked')
    })

    check('fail-secure', 'switches a relay left energised off at start', async (h) => {
      const coilState = h.coilState ?? unverified('the harness gives no `coilState` to read the relay')
      assert.equal(await coilState(), false, 'relay must be off after start (the harness starts it energised)')
      assert.equal((await h.driver.status()).state, 'locked')
    })

    check('fail-secure', 'reports offline when the device dies, refuses to unlock, and online with the relay off when it returns', async (h, events) => {
      if (!h.driver.capabilities.reportsConnectivity) notClaimed('the driver does not report connectivity')
      const kill = h.kill ?? unverified('the harness cannot kill the device (`kill`)')
      const revive = h.revive ?? unverified('the harness cannot bring the device back (`revive`)')
      await kill()
      await events.waitFor('offline', { timeoutMs })
      assert.equal((await h.driver.status()).online, false)
      const refused = await h.driver.unlock(request('offline-1'))
      assert.equal(refused.ok, false)
      if (!refused.ok) assert.equal(refused.reason, 'offline')
      await revive()
      await events.waitFor('online', { timeoutMs })
      assert.equal((await h.driver.status()).online, true)
      if (h.coilState) assert.equal(await h.coilState(), false, 'relay is off after the device returns')
      const accepted = await h.driver.unlock(request('offline-1'))
      assert.equal(accepted.ok, true, 'a refused request id can be retried once the device is back')
      assert.deepEqual(events.kinds().slice(0, 3), ['offline', 'online', 'unlocked'])
    })

    it('reports the capability levels passed (relay, sensor, fail-secure)', (t) => levels.summarise(t, options.expectLevels))
  })
  return levels.report
}
