/**
 * Records a lock driver's events for tests: it subscribes on construction, keeps every event in order, and lets a
 * test wait for the n-th event of a kind with a timeout (so tests wait exactly as long as the hardware needs, never
 * a fixed sleep). Used by the conformance suite and by driver and agent tests.
 */
import type { LockDriver, LockEvent, LockEventKind } from '../lock-driver.ts'

/** Collects events from one driver. */
export class EventRecorder {
  /** Every event received so far, in order. */
  readonly events: LockEvent[] = []
  readonly #waiters = new Set<() => void>()
  readonly #iterator: AsyncIterator<LockEvent>

  /** @param driver - subscribed immediately */
  constructor(driver: Pick<LockDriver, 'events'>) {
    this.#iterator = driver.events()[Symbol.asyncIterator]()
    void this.#pump()
  }

  /** Kinds of the recorded events, in order. */
  kinds(): LockEventKind[] {
    return this.events.map((e) => e.kind)
  }

  /** How many events of a kind were recorded. */
  count(kind: LockEventKind): number {
    return this.events.filter((e) => e.kind === kind).length
  }

  /**
   * Wait until at least `count` events of `kind` have been recorded.
   *
   * @param kind - the event kind
   * @param options - `count` (default 1) and `timeoutMs` (default 3000)
   * @returns the `count`-th event of that kind
   * @throws Error naming the events seen so far when the timeout passes first
   */
  async waitFor(kind: LockEventKind, options: { count?: number; timeoutMs?: number } = {}): Promise<LockEvent> {
    const count = options.count ?? 1
    const timeoutMs = options.timeoutMs ?? 3000
    const found = (): LockEvent | undefined => this.events.filter((e) => e.kind === kind)[count - 1]
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const event = found()
      if (event) return event
      const remaining = deadline - Date.now()
      if (remaining <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${kind} #${count}; saw [${this.kinds().join(', ')}]`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, remaining)
        function done(): void {
          clearTimeout(timer)
          resolve()
        }
        this.#waiters.add(done)
      })
    }
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
