/**
 * The driver's configuration, as the site agent's config file gives it (`drivers[].config`): untrusted JSON, checked
 * here with a clear message per field.
 */
import { isAbsolute } from 'node:path'

/** Configuration of one printer. */
export interface PrinterConfig {
  /** Absolute path of the folder jobs are written to. A real driver names its printer here (URL, queue…). */
  folder: string
  /** How often the folder is checked for its state (ms, default 100). */
  pollIntervalMs?: number
}

/**
 * Check configuration from JSON.
 *
 * @param raw - the `config` value
 * @returns the typed configuration
 * @throws Error naming the offending field
 */
export function parsePrinterConfig(raw: unknown): PrinterConfig {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('template-printer config must be an object with a folder')
  const config = raw as Record<string, unknown>
  for (const key of Object.keys(config)) {
    if (key !== 'folder' && key !== 'pollIntervalMs') throw new Error(`template-printer config: unknown field "${key}"`)
  }
  if (typeof config.folder !== 'string' || !isAbsolute(config.folder) || config.folder.length > 1000) {
    throw new Error('template-printer config: folder must be an absolute path')
  }
  const poll = config.pollIntervalMs
  if (poll !== undefined && (typeof poll !== 'number' || !Number.isInteger(poll) || poll < 10 || poll > 60_000)) {
    throw new Error('template-printer config: pollIntervalMs must be an integer from 10 to 60000')
  }
  return { folder: config.folder, ...(poll !== undefined ? { pollIntervalMs: poll } : {}) }
}
