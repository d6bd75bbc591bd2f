/**
 * Configuration of an IPP printer as written in a site agent's config file, validated by `parseIppPrinterConfig`
 * (unknown fields and out-of-range values are refused, naming the field) with defaults applied.
 */
import type { PrintContentType } from '@tessera/driver-sdk'

/** Configuration of one IPP printer. */
export interface IppPrinterConfig {
  /** The printer's IPP URL, e.g. `ipp://10.0.5.30:631/ipp/print` or `ipp://cups.local:631/printers/FrontDesk`. */
  url: string
  /** `requesting-user-name` sent with every request; a job can only be cancelled by the same user (default `tessera`). */
  userName?: string
  /** Per-request deadline (ms, default 5000). */
  timeoutMs?: number
  /** How often printer state and active jobs are polled (ms, default 1000). */
  pollIntervalMs?: number
  /** Formats the printer accepts (default both `application/pdf` and `text/plain`). */
  contentTypes?: PrintContentType[]
}

/** A validated configuration with every default applied. */
export type ResolvedIppPrinterConfig = Required<IppPrinterConfig>

const KNOWN = new Set(['url', 'userName', 'timeoutMs', 'pollIntervalMs', 'contentTypes'])
const FORMATS: PrintContentType[] = ['application/pdf', 'text/plain']

/**
 * Validate an IPP printer configuration and apply defaults.
 *
 * @param raw - untrusted configuration
 * @returns the complete configuration
 * @throws Error naming the offending field
 */
export function parseIppPrinterConfig(raw: unknown): ResolvedIppPrinterConfig {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('ipp config must be an object')
  const c = raw as Record<string, unknown>
  for (const key of Object.keys(c)) if (!KNOWN.has(key)) throw new Error(`ipp config: unknown field "${key}"`)
  if (typeof c.url !== 'string' || !/^(ipps?|https?):\/\/[^/\s]+/.test(c.url)) {
    throw new Error('ipp config: url must be an ipp://, ipps://, http:// or https:// URL')
  }
  const userName = c.userName ?? 'tessera'
  if (typeof userName !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(userName)) throw new Error('ipp config: userName must be 1-64 letters, digits, dots, dashes or underscores')
  const contentTypes = c.contentTypes ?? FORMATS
  if (!Array.isArray(contentTypes) || contentTypes.length === 0 || !contentTypes.every((t) => FORMATS.includes(t))) {
    throw new Error(`ipp config: contentTypes must be a non-empty list of ${FORMATS.join(', ')}`)
  }
  return {
    url: c.url,
    userName,
    timeoutMs: integer(c, 'timeoutMs', 5000, 10, 120_000),
    pollIntervalMs: integer(c, 'pollIntervalMs', 1000, 10, 600_000),
    contentTypes: contentTypes as PrintContentType[],
  }
}

function integer(c: Record<string, unknown>, key: string, fallback: number, min: number, max: number): number {
  const value = c[key] ?? fallback
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw new Error(`ipp config: ${key} must be an integer between ${min} and ${max}`)
  }
  return value as number
}
