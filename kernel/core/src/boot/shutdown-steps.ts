/**
 * What `close()` undoes, in reverse order of starting: each part of the kernel adds its stop step as soon as it has
 * started, so a boot that fails half-way stops exactly what it had started, and a clean shutdown stops the newest part
 * first (listeners and HTTP before pg-boss, the pools before the embedded server). A failing step does not stop the
 * others.
 */

/** A stack of stop steps. */
export class ShutdownSteps {
  readonly #steps: (() => Promise<unknown>)[] = []

  /** Adds a step; it runs before every step added earlier. */
  add(step: () => Promise<unknown>): void {
    this.#steps.unshift(step)
  }

  /** Runs every step, newest first; each failure goes to `onError` and the next step still runs. */
  async run(onError: (err: Error) => void): Promise<void> {
    for (const step of this.#steps) await step().catch(onError)
  }
}
