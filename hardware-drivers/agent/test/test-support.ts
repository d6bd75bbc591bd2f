/**
 * Shared setup for the site agent's tests: a throw-away data directory, a logger that records lines in memory so
 * tests can assert that refusals are logged, grant-set construction with real PIN hashes, and an agent factory
 * with timings short enough for fast tests.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deriveCredentialKey, hashCredential, signGrantSet } from '@tessera/driver-sdk'
import type { SignedAccessGrantSet } from '@tessera/driver-sdk'
import { createSiteAgent } from '../src/index.ts'
import type { AgentLogger, DeviceConfig, SiteAgent, SiteAgentOptions } from '../src/index.ts'
import type { FakeKernel } from './fake-kernel.ts'

/** The agent id used by the tests. */
export const AGENT_ID = 'site-1'
/** The shared secret used by the tests. */
export const SECRET = 'test-agent-secret-0123456789abcdef'

/** One recorded log line. */
export interface LogLine {
  level: 'info' | 'warn' | 'error'
  message: string
  fields: Record<string, unknown>
}

/** A logger that keeps lines in an array. */
export function memoryLogger(lines: LogLine[]): AgentLogger {
  return {
    info: (message, fields = {}) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields = {}) => lines.push({ level: 'warn', message, fields }),
    error: (message, fields = {}) => lines.push({ level: 'error', message, fields }),
  }
}

/** Make a temporary data directory; returns it and a cleanup function. */
export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-agent-'))
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) }
}

/** A simulator door with a short local unlock. */
export const FRONT_DOOR: DeviceConfig = { deviceId: 'front', driver: 'simulator', config: { heldOpenAfterMs: 5000 }, unlockDurationMs: 1000 }

/** Start an agent against a fake kernel with fast timings. */
export async function startAgent(
  kernel: FakeKernel,
  dataDir: string,
  extra: Partial<SiteAgentOptions> = {},
): Promise<{ agent: SiteAgent; logs: LogLine[] }> {
  const logs: LogLine[] = []
  const agent = await createSiteAgent({
    agentId: AGENT_ID,
    kernelUrl: kernel.url,
    agentSecret: SECRET,
    dataDir,
    drivers: [FRONT_DOOR],
    reconnect: { initialDelayMs: 20, maxDelayMs: 100, jitter: 0 },
    heartbeatIntervalMs: 1000,
    logger: memoryLogger(logs),
    ...extra,
  })
  return { agent, logs }
}

/** A grant for {@link grantSet}. */
export interface TestGrant {
  pin: string
  personId: string
  doorIds?: string[]
  validFrom?: number
  validUntil?: number
}

/** Build and sign a grant set with PIN hashes as the kernel computes them. */
export function grantSet(version: number, grants: TestGrant[], secret = SECRET): SignedAccessGrantSet {
  const key = deriveCredentialKey(SECRET)
  const now = Date.now()
  return signGrantSet(secret, {
    version,
    issuedAt: new Date(now).toISOString(),
    grants: grants.map((g) => ({
      credentialType: 'pin',
      credentialHash: hashCredential(key, 'pin', g.pin),
      doorIds: g.doorIds ?? ['front'],
      validFrom: new Date(g.validFrom ?? now - 60_000).toISOString(),
      validUntil: new Date(g.validUntil ?? now + 3_600_000).toISOString(),
      personId: g.personId,
    })),
  })
}

/** Sleep. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Poll a condition until it holds. */
export async function eventually(predicate: () => boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(10)
  }
}
