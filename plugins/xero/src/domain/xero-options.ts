/**
 * What the deployment (or a test) decides when it builds the plugin with `createXeroPlugin(options)`: the identity
 * endpoints (`XeroIdentity`), the accounting API's base path and Xero's limits. The defaults are Xero's real URLs
 * and limits; tests point both at the local fake and may shorten the rate-limit window (the mechanism stays the same).
 */
import type { XeroIdentity } from './xero-identity.ts'
import { httpXeroIdentity } from './xero-identity.ts'

/** Xero's limits per organisation. */
export interface XeroLimits {
  /** Calls per window (Xero: 60). */
  callsPerWindow: number
  /** The window, ms (Xero: 60,000). */
  windowMs: number
  /** Calls in flight at once (Xero: 5). */
  concurrent: number
  /** Calls per UTC day (Xero: 5,000). */
  callsPerDay: number
  /** Documents per batch call (Xero accepts up to 50 per call for the batch forms used). */
  batchSize: number
  /** How long one sync job works before it commits its progress and hands over to the next one, ms. */
  chunkMs: number
}

/** Options of `createXeroPlugin`. */
export interface XeroPluginOptions {
  identity?: XeroIdentity
  /** Base path of the accounting API (xero-node's `accountingApi.basePath`). */
  accountingBasePath?: string
  limits?: Partial<XeroLimits>
}

/** Options with every default filled in. */
export interface ResolvedXeroOptions {
  identity: XeroIdentity
  accountingBasePath: string
  limits: XeroLimits
}

/** Xero's documented limits. */
export const XERO_LIMITS: XeroLimits = { callsPerWindow: 60, windowMs: 60_000, concurrent: 5, callsPerDay: 5000, batchSize: 50, chunkMs: 10_000 }

/** Fills in the defaults. */
export function resolveOptions(options: XeroPluginOptions = {}): ResolvedXeroOptions {
  return {
    identity: options.identity ?? httpXeroIdentity(),
    accountingBasePath: options.accountingBasePath ?? 'https://api.xero.com/api.xro/2.0',
    limits: { ...XERO_LIMITS, ...options.limits, batchSize: Math.min(50, options.limits?.batchSize ?? 50), concurrent: Math.min(5, options.limits?.concurrent ?? 5) },
  }
}
