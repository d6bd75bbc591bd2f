/**
 * The `modbus` driver definition, for registration in a `DriverRegistry` (the site agent registers it by default).
 * Instances created through it share the process-wide bus pool, so locks on the same board share one queue.
 */
import { defineDriver } from '@tessera/driver-sdk'
import { ModbusLock } from './modbus-lock.ts'
import { parseModbusLockConfig } from './modbus-lock-config.ts'
import type { ModbusLockConfig } from './modbus-lock-config.ts'

/** The `modbus` lock driver (relay boards over Modbus TCP or RTU). */
export const modbusDriver = defineDriver({
  kind: 'lock',
  id: 'modbus',
  description: 'Door lock on a Modbus TCP/RTU relay board, with optional door-sensor input',
  parseConfig: (raw: unknown): ModbusLockConfig => parseModbusLockConfig(raw),
  create: (config: ModbusLockConfig) => ModbusLock.create(config),
})
