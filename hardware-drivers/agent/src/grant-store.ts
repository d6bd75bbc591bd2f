/**
 * The agent's cache of the signed access grant set, kept in `grants.json` in the data directory so that doors keep
 * opening for valid credentials while the kernel is unreachable, including after a restart. The signature is
 * checked when a set arrives and again when it is loaded from disk; a file that fails the check is ignored (no
 * grants: fail-secure) and reported. A new set replaces the cached one only if its version is higher, so an old
 * set (which may still contain revoked grants) can never be reinstated.
 */
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { verifyGrantSet } from '@tessera/driver-sdk'
import type { HmacSecret, SignedAccessGrantSet } from '@tessera/driver-sdk'
import { writeFileAtomic } from './durable-file.ts'
import type { AgentLogger } from './agent-logger.ts'

/** Outcome of {@link GrantStore.replace}. */
export type GrantReplaceResult =
  | { ok: true; version: number; changed: boolean }
  | { ok: false; code: 'stale-version' | 'bad-signature' | 'invalid-payload'; message: string }

/** Signed grant set cache on disk. */
export class GrantStore {
  readonly #path: string
  readonly #secret: HmacSecret
  #current: SignedAccessGrantSet | null = null
  #chain: Promise<unknown> = Promise.resolve()

  /**
   * Open the cache, loading and verifying `grants.json` if present.
   *
   * @param options - data directory, the agent secret (verifies signatures), logger
   * @returns the store (empty if the file is missing or invalid)
   */
  static async open(options: { dir: string; secret: HmacSecret; logger: AgentLogger }): Promise<GrantStore> {
    await mkdir(options.dir, { recursive: true, mode: 0o700 })
    const store = new GrantStore(join(options.dir, 'grants.json'), options.secret)
    let text: string | null = null
    try {
      text = await readFile(store.#path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    if (text !== null) {
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch {
        parsed = null
      }
      const verified = verifyGrantSet(options.secret, parsed)
      if (verified.ok) {
        store.#current = verified.grantSet
        options.logger.info('grant cache loaded', { grantsVersion: verified.grantSet.version, grants: verified.grantSet.grants.length })
      } else {
        options.logger.error('grant cache on disk failed verification; starting with no grants', { reason: verified.reason })
      }
    }
    return store
  }

  private constructor(path: string, secret: HmacSecret) {
    this.#path = path
    this.#secret = secret
  }

  /** The verified grant set in force, or `null`. */
  get current(): SignedAccessGrantSet | null {
    return this.#current
  }

  /** Version of the set in force, or `null`. */
  get version(): number | null {
    return this.#current?.version ?? null
  }

  /**
   * Verify a signed set and make it current if its version is higher (re-sending the current set is accepted
   * as a no-op).
   *
   * @param input - untrusted signed grant set
   * @returns the new version, or why it was refused
   */
  replace(input: unknown): Promise<GrantReplaceResult> {
    const run = async (): Promise<GrantReplaceResult> => {
      const verified = verifyGrantSet(this.#secret, input)
      if (!verified.ok) {
        return { ok: false, code: verified.reason === 'bad-signature' ? 'bad-signature' : 'invalid-payload', message: verified.message }
      }
      const next = verified.grantSet
      const current = this.#current
      if (current && next.version === current.version && next.signature === current.signature) {
        return { ok: true, version: current.version, changed: false }
      }
      if (current && next.version <= current.version) {
        return { ok: false, code: 'stale-version', message: `version ${next.version} is not newer than ${current.version}` }
      }
      await writeFileAtomic(this.#path, `${JSON.stringify(next)}\n`)
      this.#current = next
      return { ok: true, version: next.version, changed: true }
    }
    const result = this.#chain.then(run, run)
    this.#chain = result.catch(() => {})
    return result
  }
}
