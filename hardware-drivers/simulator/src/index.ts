/**
 * `@tessera/driver-simulator`: an in-memory lock driver with a drivable door sensor, and an in-memory printer, for
 * development, demos and tests. Use `SimulatedLock.create(config)` / `SimulatedPrinter.create(config)` directly,
 * or register `simulatorDriver` / `printerSimulatorDriver` in a `DriverRegistry`.
 */
export { SimulatedLock } from './simulated-lock.ts'
export type { SimulatorLockConfig } from './simulated-lock.ts'
export { parseSimulatorConfig, parseSimulatorPrinterConfig, printerSimulatorDriver, simulatorDriver } from './simulator-driver.ts'
export { SimulatedPrinter } from './simulated-printer.ts'
export type { PrintedDocument, SimulatorPrinterConfig } from './simulated-printer.ts'
