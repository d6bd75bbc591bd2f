/**
 * The site agent's configuration file. The CLI reads a JSON file (the agent reads no environment variables) and
 * turns it into `SiteAgentOptions`: relative paths (`dataDir`, `agentSecretFile`) are resolved against the
 * file's directory, and the secret may be given inline (`agentSecret`) or, better, in a separate file readable
 * only by the agent's user (`agentSecretFile`). `driverPackages` names npm packages of drivers, resolved from the
 * file's directory. Driver configurations are validated later by each driver.
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { SiteAgentOptions } from './site-agent.ts'
import type { DeviceConfig } from './device-set.ts'

/** The JSON file's shape. */
export interface SiteAgentConfigFile {
  agentId: string
  kernelUrl: string
  /** The shared secret inline… */
  agentSecret?: string
  /** …or in a file (first line, trimmed). */
  agentSecretFile?: string
  /** Explicit credential-hash key; default derived from the secret. */
  credentialKey?: string
  dataDir: string
  /** npm names of driver packages, resolved from the config file's folder (then the agent's install folder). */
  driverPackages?: string[]
  drivers: DeviceConfig[]
  reconnect?: SiteAgentOptions['reconnect']
  heartbeatIntervalMs?: number
  resendAfterMs?: number
  handshakeTimeoutMs?: number
  clockSkewMs?: number
  lockout?: SiteAgentOptions['lockout']
}

/**
 * Read and check a configuration file.
 *
 * @param path - path of the JSON file
 * @returns options for `createSiteAgent` (without logger/registry)
 * @throws Error naming the problem
 */
export function loadSiteAgentConfig(path: string): SiteAgentOptions {
  const file = resolve(path)
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new Error(`cannot read agent config ${file}: ${error instanceof Error ? error.message : String(error)}`)
  }
  return parseSiteAgentConfig(raw, dirname(file))
}

/**
 * Check a parsed configuration.
 *
 * @param raw - parsed JSON
 * @param baseDir - directory relative paths are resolved against
 * @returns options for `createSiteAgent`
 * @throws Error naming the offending field
 */
export function parseSiteAgentConfig(raw: unknown, baseDir: string): SiteAgentOptions {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('agent config must be a JSON object')
  const c = raw as Partial<SiteAgentConfigFile>
  const need = (key: keyof SiteAgentConfigFile): string => {
    const value = c[key]
    if (typeof value !== 'string' || value === '') throw new Error(`agent config: ${key} must be a non-empty string`)
    return value
  }
  const agentId = need('agentId')
  const kernelUrl = need('kernelUrl')
  const dataDir = resolve(baseDir, need('dataDir'))
  let agentSecret = c.agentSecret
  if (c.agentSecretFile !== undefined) {
    if (agentSecret !== undefined) throw new Error('agent config: give agentSecret or agentSecretFile, not both')
    agentSecret = readFileSync(resolve(baseDir, c.agentSecretFile), 'utf8').split('\n')[0].trim()
  }
  if (typeof agentSecret !== 'string' || Buffer.byteLength(agentSecret) < 16) {
    throw new Error('agent config: agentSecret (or agentSecretFile) must hold at least 16 bytes')
  }
  if (c.driverPackages !== undefined && (!Array.isArray(c.driverPackages) || c.driverPackages.some((p) => typeof p !== 'string' || p === ''))) {
    throw new Error('agent config: driverPackages must be an array of package names')
  }
  if (!Array.isArray(c.drivers)) throw new Error('agent config: drivers must be an array')
  for (const [i, d] of c.drivers.entries()) {
    if (!d || typeof d.deviceId !== 'string' || typeof d.driver !== 'string') {
      throw new Error(`agent config: drivers[${i}] needs deviceId and driver`)
    }
  }
  return {
    agentId,
    kernelUrl,
    agentSecret,
    ...(c.credentialKey !== undefined ? { credentialKey: c.credentialKey } : {}),
    dataDir,
    driverPackages: c.driverPackages ?? [],
    packageDir: baseDir,
    drivers: c.drivers,
    reconnect: c.reconnect,
    heartbeatIntervalMs: c.heartbeatIntervalMs,
    resendAfterMs: c.resendAfterMs,
    handshakeTimeoutMs: c.handshakeTimeoutMs,
    clockSkewMs: c.clockSkewMs,
    lockout: c.lockout,
  }
}
