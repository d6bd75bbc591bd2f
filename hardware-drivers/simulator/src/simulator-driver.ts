/**
 * The `simulator` driver definition, for registration in a `DriverRegistry` (the site agent registers it by
 * default). Its `parseConfig` accepts the JSON form of {@link SimulatorLockConfig} and rejects anything else.
 */
import { defineDriver } from '@tessera/driver-sdk'
import { SimulatedLock } from './simulated-lock.ts'
import type { SimulatorLockConfig } from './simulated-lock.ts'
import { SimulatedPrinter } from './simulated-printer.ts'
import type { SimulatorPrinterConfig } from './simulated-printer.ts'

const BOOLEANS = ['pulseMode', 'doorSensor', 'initiallyEnergised', 'initiallyOpen'] as const
const NUMBERS = ['heldOpenAfterMs', 'latencyMs'] as const

/**
 * Validate simulator configuration from untrusted JSON.
 *
 * @param raw - the configuration value (`undefined`/`null` mean defaults)
 * @returns the typed configuration
 * @throws Error naming the offending field
 */
export function parseSimulatorConfig(raw: unknown): SimulatorLockConfig {
  if (raw === undefined || raw === null) return {}
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error('simulator config must be an object')
  const config = raw as Record<string, unknown>
  for (const key of Object.keys(config)) {
    if (!(BOOLEANS as readonly string[]).includes(key) && !(NUMBERS as readonly string[]).includes(key)) {
      throw new Error(`simulator config: unknown field "${key}"`)
    }
  }
  for (const key of BOOLEANS) {
    if (config[key] !== undefined && typeof config[key] !== 'boolean') throw new Error(`simulator config: ${key} must be a boolean`)
  }
  for (const key of NUMBERS) {
    const value = config[key]
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
      throw new Error(`simulator config: ${key} must be a non-negative number`)
    }
  }
  return config as SimulatorLockConfig
}

/** The `simulator` lock driver. */
export const simulatorDriver = defineDriver({
  kind: 'lock',
  id: 'simulator',
  description: 'In-memory lock with a simulated door sensor, for development and demos',
  parseConfig: parseSimulatorConfig,
  create: (config: SimulatorLockConfig) => SimulatedLock.create(config),
})

/**
 * Validate simulated-printer configuration from untrusted JSON.
 *
 * @param raw - the configuration value (`undefined`/`null` mean defaults)
 * @returns the typed configuration
 * @throws Error naming the offending field
 */
export function parseSimulatorPrinterConfig(raw: unknown): SimulatorPrinterConfig {
  if (raw === undefined || raw === null) return {}
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error('printer simulator config must be an object')
  const config = raw as Record<string, unknown>
  for (const key of Object.keys(config)) if (key !== 'printMs') throw new Error(`printer simulator config: unknown field "${key}"`)
  const printMs = config.printMs
  if (printMs !== undefined && (!Number.isInteger(printMs) || (printMs as number) < 0 || (printMs as number) > 60_000)) {
    throw new Error('printer simulator config: printMs must be an integer between 0 and 60000')
  }
  return config as SimulatorPrinterConfig
}

/** The `printer-simulator` printer driver. */
export const printerSimulatorDriver = defineDriver({
  kind: 'printer',
  id: 'printer-simulator',
  description: 'In-memory printer (queue, pause, paper, power), for development and demos',
  parseConfig: parseSimulatorPrinterConfig,
  create: (config: SimulatorPrinterConfig) => SimulatedPrinter.create(config),
})
