/**
 * The driver's configuration, as the site agent's config file gives it (`drivers[].config`): untrusted JSON, checked
 * here with a clear message per field.
 */

/** Configuration of one door. */
export interface LockConfig {
  /** Name of the in-memory board to drive (default `default`). A real driver names its device here (host, port…). */
  board: string
  /** Relock by itself after `durationMs` (default `true`). */
  pulseMode?: boolean
  /** Report `held-open` after this many ms (default 30 000; 0 disables). */
  heldOpenAfterMs?: number
  /** How often the board is read (ms, default 100). */
  pollIntervalMs?: number
}

/**
 * Check configuration from JSON.
 *
 * @param raw - the `config` value (`undefined`/`null` mean defaults)
 * @returns the typed configuration
 * @throws Error naming the offending field
 */
export function parseLockConfig(raw: unknown): LockConfig {
  if (raw === undefined || raw === null) return { board: 'default' }
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error('template-lock config must be an object')
  const config = raw as Record<string, unknown>
  for (const key of Object.keys(config)) {
    if (!['board', 'pulseMode', 'heldOpenAfterMs', 'pollIntervalMs'].includes(key)) throw new Error(`template-lock config: unknown field "${key}"`)
  }
  const board = config.board ?? 'default'
  if (typeof board !== 'string' || board.length === 0 || board.length > 100) throw new Error('template-lock config: board must be a name of 1 to 100 characters')
  if (config.pulseMode !== undefined && typeof config.pulseMode !== 'boolean') throw new Error('template-lock config: pulseMode must be a boolean')
  const heldOpenAfterMs = integer(config, 'heldOpenAfterMs', 0, 3_600_000)
  const pollIntervalMs = integer(config, 'pollIntervalMs', 10, 60_000)
  return {
    board,
    ...(config.pulseMode !== undefined ? { pulseMode: config.pulseMode } : {}),
    ...(heldOpenAfterMs !== undefined ? { heldOpenAfterMs } : {}),
    ...(pollIntervalMs !== undefined ? { pollIntervalMs } : {}),
  }
}

function integer(config: Record<string, unknown>, key: string, min: number, max: number): number | undefined {
  const value = config[key]
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`template-lock config: ${key} must be an integer from ${min} to ${max}`)
  }
  return value
}
