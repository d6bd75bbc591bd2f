/**
 * Idempotency for driver operations keyed by a request id. The first call with a given id runs the operation; any
 * later or concurrent call with the same id gets the same promise, so the relay is pulsed once however often the
 * kernel retries. Failed outcomes (a result the caller marks as retryable, or a thrown error) are forgotten so a
 * retry after the device comes back can succeed. Memory is bounded: the oldest ids are evicted first.
 */

/** Options of {@link IdempotentRequests}. */
export interface IdempotentRequestsOptions<R> {
  /** How many request ids to remember (default 1000). */
  maxEntries?: number
  /** Return `true` for results that should not be remembered (e.g. `{ ok: false }`), so a retry runs again. */
  isRetryable?: (result: R) => boolean
}

/** Remembers the outcome of each request id. */
export class IdempotentRequests<R> {
  readonly #entries = new Map<string, Promise<R>>()
  readonly #maxEntries: number
  readonly #isRetryable: (result: R) => boolean

  /** @param options - capacity and which results to forget */
  constructor(options: IdempotentRequestsOptions<R> = {}) {
    this.#maxEntries = options.maxEntries ?? 1000
    this.#isRetryable = options.isRetryable ?? (() => false)
  }

  /**
   * Run `operation` once per `requestId`.
   *
   * @param requestId - the idempotency key
   * @param operation - runs only if the id is new (or its earlier attempt was retryable)
   * @returns the first (non-retryable) outcome for this id
   */
  run(requestId: string, operation: () => Promise<R>): Promise<R> {
    const existing = this.#entries.get(requestId)
    if (existing) return existing
    const promise = operation().then(
      (result) => {
        if (this.#isRetryable(result) && this.#entries.get(requestId) === promise) this.#entries.delete(requestId)
        return result
      },
      (error: unknown) => {
        if (this.#entries.get(requestId) === promise) this.#entries.delete(requestId)
        throw error
      },
    )
    this.#entries.set(requestId, promise)
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value as string
      this.#entries.delete(oldest)
    }
    return promise
  }

  /** Whether an outcome (or an in-flight attempt) is remembered for `requestId`. */
  has(requestId: string): boolean {
    return this.#entries.has(requestId)
  }
}
