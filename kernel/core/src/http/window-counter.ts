/**
 * Counts per key (a client address, a tenant) in fixed windows aligned to the clock: one map lookup per event, no
 * timer; the counts are dropped when a new window starts. Used by the global rate limit.
 */

/** More keys than this in one window (a flood of forged forwarded addresses): the counts start over. */
const MAX_KEYS = 100_000

/** Counts per key in the current window. */
export class WindowCounter {
  readonly #windowMs: number
  #window = -1
  #counts = new Map<string, number>()

  constructor(windowMs: number) {
    this.#windowMs = windowMs
  }

  /** Counts one event of `key` at `now` (epoch ms); returns the key's count in the current window. */
  hit(key: string, now: number): number {
    const window = Math.floor(now / this.#windowMs)
    if (window !== this.#window || this.#counts.size >= MAX_KEYS) {
      this.#window = window
      this.#counts = new Map()
    }
    const count = (this.#counts.get(key) ?? 0) + 1
    this.#counts.set(key, count)
    return count
  }

  /** Milliseconds from `now` until the current window ends. */
  msLeft(now: number): number {
    return this.#windowMs - (now % this.#windowMs)
  }
}
