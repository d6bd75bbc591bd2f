/**
 * Replay protection for signed commands. The store remembers each command id (a random UUID, used as a nonce)
 * until the command's expiry, after which the expiry check alone refuses it, so memory stays proportional to the
 * commands issued within one validity window. `remember` is check-and-set: it returns `false` for an id already
 * seen. A full store refuses new ids (fail-secure) rather than forgetting unexpired ones.
 */

/** Options of {@link NonceStore}. */
export interface NonceStoreOptions {
  /** Most nonces held at once (default 100 000); beyond that new nonces are refused. */
  maxEntries?: number
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number
}

/** Remembers nonces until they expire. */
export class NonceStore {
  readonly #entries = new Map<string, number>()
  readonly #maxEntries: number
  readonly #now: () => number

  /** @param options - capacity and clock */
  constructor(options: NonceStoreOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 100_000
    this.#now = options.now ?? Date.now
  }

  /**
   * Record a nonce unless it was seen before.
   *
   * @param nonce - the command id
   * @param keepUntilMs - epoch ms after which the nonce may be forgotten (the command's expiry plus clock skew)
   * @returns `true` if the nonce is new (and is now remembered), `false` if it is a replay or the store is full
   */
  remember(nonce: string, keepUntilMs: number): boolean {
    const now = this.#now()
    const known = this.#entries.get(nonce)
    if (known !== undefined && known >= now) return false
    if (this.#entries.size >= this.#maxEntries) this.prune()
    if (this.#entries.size >= this.#maxEntries) return false
    this.#entries.set(nonce, keepUntilMs)
    return true
  }

  /** Whether a nonce is currently remembered. */
  has(nonce: string): boolean {
    const until = this.#entries.get(nonce)
    return until !== undefined && until >= this.#now()
  }

  /** Drop nonces whose keep-until time has passed. */
  prune(): void {
    const now = this.#now()
    for (const [nonce, until] of this.#entries) if (until < now) this.#entries.delete(nonce)
  }

  /** Number of nonces held (including expired ones not yet pruned). */
  get size(): number {
    return this.#entries.size
  }

  /** The unexpired nonces with their keep-until times, e.g. to persist them across a restart. */
  entries(): Array<[nonce: string, keepUntilMs: number]> {
    this.prune()
    return [...this.#entries]
  }
}
