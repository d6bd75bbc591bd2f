/**
 * Configuration of a Modbus relay-board lock: where the board is (TCP host/port, or an RTU serial path), which
 * unit id and coil drive the lock, which discrete input (if any) reads the door sensor, and the timings (request
 * timeout, sensor polling, debounce, held-open limit). `parseModbusLockConfig` validates untrusted JSON and fills
 * in defaults, so the driver itself only ever sees a complete, typed configuration.
 */

/** Configuration as written in a site agent's config file. */
export interface ModbusLockConfig {
  /** `tcp` (default) for Modbus TCP, `rtu` for a serial line (RS-485) via `connectRTUBuffered`. */
  transport?: 'tcp' | 'rtu'
  /** TCP: board address. */
  host?: string
  /** TCP: port (default 502). */
  port?: number
  /** RTU: serial device, e.g. `/dev/ttyUSB0`. */
  path?: string
  /** RTU: baud rate (default 9600). */
  baudRate?: number
  /** RTU: parity (default `none`). */
  parity?: 'none' | 'even' | 'odd'
  /** Modbus unit (slave) id (default 1). */
  unitId?: number
  /** Coil (relay output) address that releases the lock when on. */
  coil: number
  /** Discrete input address of the door sensor; omit when there is none. */
  sensorInput?: number
  /** Input value that means "door open" (default `true`: a normally-open contact that closes when the door opens). */
  sensorOpenValue?: boolean
  /** Relock by itself after `durationMs` (default `true`); `false` latches until `lock()`. */
  pulseMode?: boolean
  /** Per-request response timeout, also the connect timeout (ms, default 1000). */
  timeoutMs?: number
  /** How often the sensor (or, without one, the coil, as a liveness check) is read (ms, default 200). */
  pollIntervalMs?: number
  /** A sensor change must persist this long before it counts (ms, default 100). */
  debounceMs?: number
  /** Report `held-open` after the door is open this long (ms, default 30 000; 0 disables). */
  heldOpenAfterMs?: number
}

/** A validated configuration with every default applied. */
export type ResolvedModbusLockConfig = Required<Omit<ModbusLockConfig, 'host' | 'path' | 'sensorInput'>> &
  Pick<ModbusLockConfig, 'host' | 'path' | 'sensorInput'>

const KNOWN = new Set([
  'transport', 'host', 'port', 'path', 'baudRate', 'parity', 'unitId', 'coil', 'sensorInput', 'sensorOpenValue',
  'pulseMode', 'timeoutMs', 'pollIntervalMs', 'debounceMs', 'heldOpenAfterMs',
])

/**
 * Validate a Modbus lock configuration and apply defaults.
 *
 * @param raw - untrusted configuration
 * @returns the complete configuration
 * @throws Error naming the offending field
 */
export function parseModbusLockConfig(raw: unknown): ResolvedModbusLockConfig {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('modbus config must be an object')
  const c = raw as Record<string, unknown>
  for (const key of Object.keys(c)) if (!KNOWN.has(key)) throw new Error(`modbus config: unknown field "${key}"`)
  const transport = c.transport ?? 'tcp'
  if (transport !== 'tcp' && transport !== 'rtu') throw new Error('modbus config: transport must be "tcp" or "rtu"')
  if (transport === 'tcp' && (typeof c.host !== 'string' || c.host === '')) throw new Error('modbus config: host is required for tcp')
  if (transport === 'rtu' && (typeof c.path !== 'string' || c.path === '')) throw new Error('modbus config: path is required for rtu')
  const parity = c.parity ?? 'none'
  if (parity !== 'none' && parity !== 'even' && parity !== 'odd') throw new Error('modbus config: parity must be none, even or odd')
  return {
    transport,
    host: c.host as string | undefined,
    path: c.path as string | undefined,
    port: integer(c, 'port', 502, 1, 65_535),
    baudRate: integer(c, 'baudRate', 9600, 50, 4_000_000),
    parity,
    unitId: integer(c, 'unitId', 1, 0, 255),
    coil: integer(c, 'coil', undefined, 0, 65_535),
    sensorInput: c.sensorInput === undefined ? undefined : integer(c, 'sensorInput', undefined, 0, 65_535),
    sensorOpenValue: boolean(c, 'sensorOpenValue', true),
    pulseMode: boolean(c, 'pulseMode', true),
    timeoutMs: integer(c, 'timeoutMs', 1000, 1, 60_000),
    pollIntervalMs: integer(c, 'pollIntervalMs', 200, 1, 60_000),
    debounceMs: integer(c, 'debounceMs', 100, 0, 60_000),
    heldOpenAfterMs: integer(c, 'heldOpenAfterMs', 30_000, 0, 86_400_000),
  }
}

function integer(c: Record<string, unknown>, key: string, fallback: number | undefined, min: number, max: number): number {
  const value = c[key] ?? fallback
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw new Error(`modbus config: ${key} must be an integer between ${min} and ${max}`)
  }
  return value as number
}

function boolean(c: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const value = c[key] ?? fallback
  if (typeof value !== 'boolean') throw new Error(`modbus config: ${key} must be a boolean`)
  return value
}
