/**
 * `@tessera/driver-simulator`: an in-memory lock driver with a drivable door sensor, for development, demos and
 * tests. Use `SimulatedLock.create(config)` directly, or register `simulatorDriver` in a `DriverRegistry`.
 */
export { SimulatedLock } from './simulated-lock.ts'
export type { SimulatorLockConfig } from './simulated-lock.ts'
export { parseSimulatorConfig, simulatorDriver } from './simulator-driver.ts'
