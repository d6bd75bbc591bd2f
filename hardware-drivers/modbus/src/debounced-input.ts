/**
 * Debouncing of a polled digital input. Door contacts bounce and wiring picks up noise, so a raw reading only
 * becomes the accepted value after it has been read unchanged for `debounceMs`. The first reading is accepted
 * immediately (there is nothing to compare it with).
 */

/** Turns raw polled readings into stable values. */
export class DebouncedInput {
  readonly #debounceMs: number
  #stable: boolean | undefined
  #candidate: boolean | undefined
  #candidateSince = 0

  /** @param debounceMs - how long a new value must persist */
  constructor(debounceMs: number) {
    this.#debounceMs = debounceMs
  }

  /** The accepted value, or `undefined` before the first reading. */
  get value(): boolean | undefined {
    return this.#stable
  }

  /**
   * Feed one raw reading.
   *
   * @param raw - the reading
   * @param now - when it was read (epoch ms)
   * @returns the newly accepted value when the stable value changes (or on the first reading), else `undefined`
   */
  update(raw: boolean, now: number): boolean | undefined {
    if (this.#stable === undefined) {
      this.#stable = raw
      return raw
    }
    if (raw === this.#stable) {
      this.#candidate = undefined
      return undefined
    }
    if (this.#candidate !== raw) {
      this.#candidate = raw
      this.#candidateSince = now
    }
    if (now - this.#candidateSince >= this.#debounceMs) {
      this.#stable = raw
      this.#candidate = undefined
      return raw
    }
    return undefined
  }
}
