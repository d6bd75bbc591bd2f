/**
 * The `template-lock` lock driver for the Tessera site agent. The default export is the driver definition the agent
 * loads when its config names this package in `driverPackages`; a device then uses it with
 * `{ "deviceId": "front", "driver": "template-lock", "config": { "board": "front" } }`.
 */
import { defineDriver } from '@tessera/driver-sdk'
import { InMemoryRelayBoard } from './in-memory-relay-board.ts'
import { parseLockConfig } from './lock-config.ts'
import type { LockConfig } from './lock-config.ts'
import { createRelayLock } from './relay-lock.ts'

export { InMemoryRelayBoard } from './in-memory-relay-board.ts'
export type { InMemoryRelayBoardOptions } from './in-memory-relay-board.ts'
export { parseLockConfig } from './lock-config.ts'
export type { LockConfig } from './lock-config.ts'
export type { RelayBoard } from './relay-board.ts'
export { createRelayLock } from './relay-lock.ts'
export type { RelayLockOptions } from './relay-lock.ts'

/** The driver definition (`kind: 'lock'`, id `template-lock`). */
const driver = defineDriver({
  kind: 'lock',
  id: 'template-lock',
  description: 'template-lock: a relay lock (in-memory relay board until you wire real hardware)',
  parseConfig: parseLockConfig,
  create: (config: LockConfig) => createRelayLock(InMemoryRelayBoard.named(config.board), config),
})

export default driver
