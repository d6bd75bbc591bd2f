/**
 * A small multi-subscriber event channel for drivers. `publish` delivers an event synchronously to every listener
 * and to every open stream; `stream()` returns an async iterable with its own unbounded buffer (so a slow consumer
 * never loses events or blocks the driver), which ends when the channel is closed or the consumer breaks out of its
 * loop. Drivers implement `LockDriver.events()` as `channel.stream()`.
 */

/** Fan-out of events to listeners and async-iterable streams. */
export class EventChannel<T> {
  readonly #listeners = new Set<(event: T) => void>()
  readonly #closeHooks = new Set<() => void>()
  #closed = false

  /** Whether `close()` has been called. */
  get closed(): boolean {
    return this.#closed
  }

  /**
   * Deliver an event to every current subscriber. Ignored after `close()`. A listener that throws does not stop
   * delivery to the others.
   *
   * @param event - the event
   */
  publish(event: T): void {
    if (this.#closed) return
    for (const listener of [...this.#listeners]) {
      try {
        listener(event)
      } catch {
        // a faulty subscriber must not break the driver or the other subscribers
      }
    }
  }

  /**
   * Call `listener` for each event published from now on.
   *
   * @param listener - called synchronously on publish
   * @returns a function that unsubscribes
   */
  subscribe(listener: (event: T) => void): () => void {
    if (this.#closed) return () => {}
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  /**
   * A fresh async iterable over events published from now on. It subscribes immediately (not on first `next()`),
   * so no event published between this call and the first `next()` is lost.
   */
  stream(): AsyncIterable<T> {
    const buffer: T[] = []
    let wake: (() => void) | null = null
    let done = this.#closed
    const unsubscribe = this.subscribe((event) => {
      buffer.push(event)
      wake?.()
    })
    const onClose = (): void => {
      done = true
      wake?.()
    }
    this.#closeHooks.add(onClose)
    const finish = (): void => {
      done = true
      unsubscribe()
      this.#closeHooks.delete(onClose)
      wake?.()
    }
    const iterator: AsyncIterator<T> = {
      next: async (): Promise<IteratorResult<T>> => {
        while (buffer.length === 0 && !done) {
          await new Promise<void>((resolve) => {
            wake = resolve
          })
          wake = null
        }
        if (buffer.length > 0) return { value: buffer.shift() as T, done: false }
        finish()
        return { value: undefined, done: true }
      },
      return: async (): Promise<IteratorResult<T>> => {
        buffer.length = 0
        finish()
        return { value: undefined, done: true }
      },
    }
    return { [Symbol.asyncIterator]: () => iterator }
  }

  /** Stop delivery: drop every listener and end every stream once its buffered events are consumed. */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    this.#listeners.clear()
    for (const hook of [...this.#closeHooks]) hook()
    this.#closeHooks.clear()
  }
}
