/**
 * The lock-driver conformance suite. `runLockConformance` registers `node:test` tests that check the behaviour
 * every Tessera lock driver promises, whoever wrote it: fail-secure at start, timed relock, idempotent unlock,
 * truthful status, event order, `held-open`, `forced`, and `offline`/`online` when the device dies and returns.
 * A driver package calls it from one of its own test files with a harness factory that starts a real (or
 * simulated) device and the driver under test; checks that need something the harness or the driver does not
 * offer (a controllable door sensor, a way to kill the device, pulse mode) are skipped, not failed.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { LockDriver, UnlockRequest } from '../lock-driver.ts'
import { EventRecorder } from './event-recorder.ts'

export { EventRecorder } from './event-recorder.ts'

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
}

/**
 * Register the conformance tests for a lock driver (call it at the top level of a `*.test.ts` file).
 *
 * @param options - suite name, harness factory and timings
 */
export function runLockConformance(options: LockConformanceOptions): void {
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

  const hasSensor = (h: LockConformanceHarness): boolean => Boolean(h.sensor) && h.driver.capabilities.doorSensor

  describe(`lock driver conformance: ${options.name}`, () => {
    it('is locked at start (fail-secure), with the relay de-energised', () =>
      withHarness(async (h) => {
        const status = await h.driver.status()
        assert.equal(status.state, 'locked')
        assert.equal(status.relockAt, null)
        if (h.coilState) assert.equal(await h.coilState(), false, 'relay must be off after start')
      }))

    it('unlock energises the relay, then relocks after durationMs', (t) =>
      withHarness(async (h, events) => {
        if (!h.driver.capabilities.pulseMode) return void t.skip('driver is not in pulse mode')
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
      }))

    it('a duplicate requestId returns the first result and does not pulse again', (t) =>
      withHarness(async (h, events) => {
        if (!h.driver.capabilities.pulseMode) return void t.skip('driver is not in pulse mode')
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
      }))

    it('status reflects locked and unlocked; lock() relocks early and is idempotent', () =>
      withHarness(async (h, events) => {
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
      }))

    it('refuses an invalid unlock request without touching the relay', () =>
      withHarness(async (h, events) => {
        const result = await h.driver.unlock(request('bad-1', -5))
        assert.equal(result.ok, false)
        if (!result.ok) assert.equal(result.reason, 'invalid-request')
        assert.equal((await h.driver.status()).state, 'locked')
        if (h.coilState) assert.equal(await h.coilState(), false)
        assert.equal(events.count('unlocked'), 0)
      }))

    it('emits events in order: unlocked → opened → closed → relocked', (t) =>
      withHarness(async (h, events) => {
        if (!hasSensor(h)) return void t.skip('no door sensor')
        const duration = Math.max(unlockMs * 3, 600)
        const result = await h.driver.unlock(request('order-1', duration))
        assert.equal(result.ok, true, JSON.stringify(result))
        await h.sensor!.setOpen(true)
        await events.waitFor('opened', { timeoutMs })
        assert.equal((await h.driver.status()).door, 'open')
        await h.sensor!.setOpen(false)
        await events.waitFor('closed', { timeoutMs })
        await events.waitFor('relocked', { timeoutMs: duration + timeoutMs })
        assert.deepEqual(events.kinds(), ['unlocked', 'opened', 'closed', 'relocked'])
        assert.equal((await h.driver.status()).door, 'closed')
      }))

    it('reports held-open when the door stays open beyond the limit, and not for a short opening', (t) =>
      withHarness(async (h, events) => {
        if (!hasSensor(h)) return void t.skip('no door sensor')
        await h.driver.unlock(request('held-1', 5_000))
        await h.sensor!.setOpen(true)
        const opened = await events.waitFor('opened', { timeoutMs })
        const held = await events.waitFor('held-open', { timeoutMs: heldOpenAfterMs + timeoutMs })
        const after = Date.parse(held.at) - Date.parse(opened.at)
        assert.ok(after >= heldOpenAfterMs - 5, `held-open after ${after} ms, limit ${heldOpenAfterMs} ms`)
        await h.sensor!.setOpen(false)
        await events.waitFor('closed', { timeoutMs })
        assert.deepEqual(events.kinds(), ['unlocked', 'opened', 'held-open', 'closed'])
        await h.sensor!.setOpen(true)
        await events.waitFor('opened', { count: 2, timeoutMs })
        await h.sensor!.setOpen(false)
        await events.waitFor('closed', { count: 2, timeoutMs })
        await new Promise((resolve) => setTimeout(resolve, heldOpenAfterMs + 100))
        assert.equal(events.count('held-open'), 1, 'a short opening is not held-open')
      }))

    it('reports forced when the door opens while locked', (t) =>
      withHarness(async (h, events) => {
        if (!hasSensor(h)) return void t.skip('no door sensor')
        await h.sensor!.setOpen(true)
        await events.waitFor('forced', { timeoutMs })
        await h.sensor!.setOpen(false)
        await events.waitFor('closed', { timeoutMs })
        assert.deepEqual(events.kinds(), ['opened', 'forced', 'closed'])
        assert.equal((await h.driver.status()).state, 'locked')
      }))

    it('reports offline when the device dies, refuses to unlock, and online when it returns', (t) =>
      withHarness(async (h, events) => {
        if (!h.kill || !h.driver.capabilities.reportsConnectivity) return void t.skip('harness cannot kill the device')
        await h.kill()
        await events.waitFor('offline', { timeoutMs })
        assert.equal((await h.driver.status()).online, false)
        const refused = await h.driver.unlock(request('offline-1'))
        assert.equal(refused.ok, false)
        if (!refused.ok) assert.equal(refused.reason, 'offline')
        if (!h.revive) return
        await h.revive()
        await events.waitFor('online', { timeoutMs })
        assert.equal((await h.driver.status()).online, true)
        if (h.coilState) assert.equal(await h.coilState(), false, 'relay is off after the device returns')
        const accepted = await h.driver.unlock(request('offline-1'))
        assert.equal(accepted.ok, true, 'a refused request id can be retried once the device is back')
        assert.deepEqual(events.kinds().slice(0, 3), ['offline', 'online', 'unlocked'])
      }))

    it('close() ends event streams', () =>
      withHarness(async (h) => {
        const stream = h.driver.events()
        await h.driver.close()
        const seen: string[] = []
        for await (const event of stream) seen.push(event.kind)
        assert.ok(!seen.includes('unlocked'))
      }))
  })
}
