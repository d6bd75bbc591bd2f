/**
 * The simulator runs the SDK's lock conformance suite against itself, plus checks of its own configuration
 * parsing and latch mode.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { runLockConformance, EventRecorder } from '@tessera/driver-sdk/conformance'
import { DriverRegistry } from '@tessera/driver-sdk'
import { SimulatedLock, simulatorDriver } from '../src/index.ts'

runLockConformance({
  name: 'simulator',
  create: async ({ heldOpenAfterMs }) => {
    const lock = await SimulatedLock.create({ heldOpenAfterMs, initiallyEnergised: true })
    return {
      driver: lock,
      sensor: lock.sensor,
      coilState: async () => lock.relayEnergised,
      kill: async () => lock.kill(),
      revive: async () => lock.revive(),
      close: () => lock.close(),
    }
  },
})

describe('simulator driver', () => {
  it('is created through a registry from JSON config and rejects bad config', async () => {
    const registry = new DriverRegistry().register(simulatorDriver)
    assert.deepEqual(registry.list(), [{ id: 'simulator', kind: 'lock', description: simulatorDriver.description }])
    const lock = await registry.create('simulator', { heldOpenAfterMs: 100 }, 'lock')
    assert.equal((await lock.status()).state, 'locked')
    await lock.close()
    await assert.rejects(registry.create('simulator', { heldOpenAfterMs: 'soon' }), /heldOpenAfterMs/)
    await assert.rejects(registry.create('simulator', { colour: 'red' }), /unknown field "colour"/)
    await assert.rejects(registry.create('simulator', {}, 'printer'), /not a printer driver/)
  })

  it('latch mode stays unlocked until lock()', async () => {
    const lock = await SimulatedLock.create({ pulseMode: false })
    const events = new EventRecorder(lock)
    try {
      const result = await lock.unlock({ requestId: 'latch', durationMs: 20, actor: { kind: 'staff', id: 'u1' } })
      assert.equal(result.ok && result.relockAt, null)
      await new Promise((resolve) => setTimeout(resolve, 80))
      assert.equal((await lock.status()).state, 'unlocked')
      assert.equal(lock.relayEnergised, true)
      await lock.lock()
      assert.equal(lock.relayEnergised, false)
      assert.deepEqual(events.kinds(), ['unlocked', 'relocked'])
    } finally {
      await lock.close()
    }
  })
})
