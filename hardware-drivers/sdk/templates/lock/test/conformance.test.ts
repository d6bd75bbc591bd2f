/**
 * The driver passes the SDK's lock conformance suite at every level — `relay`, `sensor` and `fail-secure` — on a
 * fresh in-memory board per check (started with its relay energised, to prove the fail-secure start), and is created
 * from JSON configuration the way the site agent creates it.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { DriverRegistry } from '@tessera/driver-sdk'
import { runLockConformance } from '@tessera/driver-sdk/conformance'
import driver, { createRelayLock, InMemoryRelayBoard } from '../src/index.ts'

runLockConformance({
  name: 'template-lock',
  expectLevels: ['relay', 'sensor', 'fail-secure'],
  create: async ({ heldOpenAfterMs }) => {
    const board = new InMemoryRelayBoard({ energised: true })
    const lock = await createRelayLock(board, { heldOpenAfterMs, pollIntervalMs: 10 })
    return {
      driver: lock,
      sensor: { setOpen: (open) => board.setDoor(open) },
      coilState: async () => board.energised,
      kill: async () => board.powerOff(),
      revive: async () => board.powerOn(),
      close: () => lock.close(),
    }
  },
})

describe('template-lock definition', () => {
  it('is created from JSON config through a registry, and refuses bad config', async () => {
    const registry = new DriverRegistry().register(driver)
    const lock = await registry.create('template-lock', { board: 'test-door', pollIntervalMs: 10 }, 'lock')
    try {
      assert.equal((await lock.status()).state, 'locked')
      assert.equal(InMemoryRelayBoard.named('test-door').energised, false)
    } finally {
      await lock.close()
    }
    await assert.rejects(registry.create('template-lock', { pollIntervalMs: 'often' }), /pollIntervalMs must be an integer/)
    await assert.rejects(registry.create('template-lock', { colour: 'red' }), /unknown field "colour"/)
  })
})
