/**
 * A counting semaphore: at most `max` tasks run at once; the rest wait in order.
 */

/** Runs tasks with at most `max` in flight. */
export class Limiter {
  readonly max: number
  #active = 0
  readonly #waiting: (() => void)[] = []

  constructor(max: number) {
    this.max = max
  }

  /** Runs `task` when a slot is free. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#active >= this.max) await new Promise<void>((resolve) => this.#waiting.push(resolve))
    this.#active++
    try {
      return await task()
    } finally {
      this.#active--
      this.#waiting.shift()?.()
    }
  }
}
