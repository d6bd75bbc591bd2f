/**
 * Records a driver's events for tests: it subscribes on construction, keeps every event in order, and lets a test
 * wait for the n-th event of a kind, or for any event matching a predicate, with a timeout (so tests wait exactly
 * as long as the hardware needs, never a fixed sleep). Used by the conformance suites and by driver and agent
 * tests; it works for lock events (the default) and printer events alike.
 */
import type { LockEvent } from '../lock-driver.ts'

/** Collects events from one driver. */
export class EventRecorder<E extends { kind: string } = LockEvent> {
  /** Every event received so far, in order. */
  readonly events: E[] = []
  readonly #waiters = new Set<() => void>()
  readonly #iterator: AsyncIterator<E>

  /** @param driver - subscribed immediately */
  constructor(driver: { events(): AsyncIterable<E> }) {
    this.#iterator = driver.events()[Symbol.asyncIterator]()
    void this.#pump()
  }

  /** Kinds of the recorded events, in order. */
  kinds(): E['kind'][] {
    return this.events.map((e) => e.kind)
  }

  /** How many events of a kind were recorded. */
  count(kind: E['kind']): number {
    return this.events.filter((e) => e.kind === kind).length
  }

  /**
   * Wait until an event matching `predicate` has been recorded.
   *
   * @param predicate - which event
   * @param options - `timeoutMs` (default 3000) and `what` (named in the timeout error)
   * @returns the first matching event
   */
  async waitUntil(predicate: (event: E) => boolean, options: { timeoutMs?: number; what?: string } = {}): Promise<E> {
    const timeoutMs = options.timeoutMs ?? 3000
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const event = this.events.find(predicate)
      if (event) return event
      if (Date.now() >= deadline) {
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.what ?? 'an event'}; saw ${JSON.stringify(this.events.map(summary))}`)
      }
      await this.#next(deadline - Date.now())
    }
  }

  /**
   * Wait until at least `count` events of `kind` have been recorded.
   *
   * @param kind - the event kind
   * @param options - `count` (default 1) and `timeoutMs` (default 3000)
   * @returns the `count`-th event of that kind
   * @throws Error naming the events seen so far when the timeout passes first
   */
  async waitFor(kind: E['kind'], options: { count?: number; timeoutMs?: number } = {}): Promise<E> {
    const count = options.count ?? 1
    const timeoutMs = options.timeoutMs ?? 3000
    const found = (): E | undefined => this.events.filter((e) => e.kind === kind)[count - 1]
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const event = found()
      if (event) return event
      const remaining = deadline - Date.now()
      if (remaining <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${kind} #${count}; saw [${this.kinds().join(', ')}]`)
      await this.#next(remaining)
    }
  }

  #next(remaining: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const waiters = this.#waiters
      const timer = setTimeout(done, remaining)
      function done(): void {
        clearTimeout(timer)
        waiters.delete(done)
        resolve()
      }
      waiters.add(done)
    })
  }

  /** Stop recording. */
  async stop(): Promise<void> {
    await this.#iterator.return?.()
  }

  async #pump(): Promise<void> {
    for (;;) {
      const next = await this.#iterator.next()
      if (next.done) return
      this.events.push(next.value)
      const waiters = [...this.#waiters]
      this.#waiters.clear()
      for (const wake of waiters) wake()
    }
  }
}

function summary(event: { kind: string; state?: unknown }): string {
  return event.state === undefined ? event.kind : `${event.kind}:${String(event.state)}`
}
