/**
 * `@tessera/driver-modbus/testing`: the Modbus TCP relay-board simulator other packages' tests drive doors with (the
 * site agent's and the access plugin's tests), reached by package export instead of a relative path.
 */
export { RelayBoardServer } from './relay-board-server.ts'
export type { CoilWrite, RelayBoardOptions } from './relay-board-server.ts'
