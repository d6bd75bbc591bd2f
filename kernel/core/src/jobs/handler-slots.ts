/**
 * How many job handlers run at once in this instance, over every queue: each holds a connection of the runtime pool
 * for its tenant transaction, which requests share, so a burst of jobs never takes more than its share (half the pool)
 * and requests keep getting connections. Waiting handlers are let in in arrival order.
 */

/** A counting semaphore for job handlers. */
export class HandlerSlots {
  readonly #size: number
  #busy = 0
  readonly #waiting: (() => void)[] = []

  constructor(size: number) {
    this.#size = Math.max(1, size)
  }

  /** Runs `fn` once a slot is free. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#busy < this.#size) this.#busy++
    else await new Promise<void>((resolve) => this.#waiting.push(resolve)) // the slot is handed over, #busy unchanged
    try {
      return await fn()
    } finally {
      const next = this.#waiting.shift()
      if (next) next()
      else this.#busy--
    }
  }
}
