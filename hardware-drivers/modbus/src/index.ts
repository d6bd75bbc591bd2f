/**
 * `@tessera/driver-modbus`: door locks on Modbus relay boards (TCP, or RTU over a serial line). Use
 * `ModbusLock.create(config)` directly, or register `modbusDriver` in a `DriverRegistry`.
 */
export { ModbusLock } from './modbus-lock.ts'
export type { ModbusLockOptions } from './modbus-lock.ts'
export { parseModbusLockConfig } from './modbus-lock-config.ts'
export type { ModbusLockConfig, ResolvedModbusLockConfig } from './modbus-lock-config.ts'
export { busKey, isModbusException, ModbusBus } from './modbus-bus.ts'
export type { ModbusEndpoint } from './modbus-bus.ts'
export { defaultBusPool, ModbusBusPool } from './modbus-bus-pool.ts'
export type { ModbusBusLease } from './modbus-bus-pool.ts'
export { DebouncedInput } from './debounced-input.ts'
export { modbusDriver } from './modbus-driver.ts'
