/**
 * The simulated printer runs the SDK's printer conformance suite (every level: print, cancel, states, recovery)
 * and is created through a registry from JSON configuration.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { runPrinterConformance } from '@tessera/driver-sdk/conformance'
import { DriverRegistry } from '@tessera/driver-sdk'
import { printerSimulatorDriver, SimulatedPrinter } from '../src/index.ts'

runPrinterConformance({
  name: 'printer simulator',
  expectLevels: ['print', 'cancel', 'states', 'recovery'],
  timeoutMs: 3000,
  create: async () => {
    const printer = await SimulatedPrinter.create({ printMs: 20 })
    return {
      driver: printer,
      printedCount: async () => printer.printed.length,
      pause: async () => printer.pause(),
      resume: async () => printer.resume(),
      emptyMedia: async () => printer.emptyMedia(),
      refillMedia: async () => printer.refillMedia(),
      kill: async () => printer.kill(),
      revive: async () => printer.revive(),
      close: () => printer.close(),
    }
  },
})

describe('printer simulator driver', () => {
  it('is created through a registry from JSON config and rejects bad config', async () => {
    const registry = new DriverRegistry().register(printerSimulatorDriver)
    const printer = await registry.create('printer-simulator', { printMs: 5 }, 'printer')
    assert.equal((await printer.status()).state, 'idle')
    await printer.close()
    await assert.rejects(registry.create('printer-simulator', { printMs: 'fast' }), /printMs/)
    await assert.rejects(registry.create('printer-simulator', { colour: true }), /unknown field "colour"/)
    await assert.rejects(registry.create('printer-simulator', {}, 'lock'), /not a lock driver/)
  })
})
