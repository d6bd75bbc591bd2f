/**
 * Ctrl-C and SIGTERM for `tessera start`. The first SIGINT or SIGTERM starts an orderly stop — the HTTP server stops
 * accepting and drains in-flight requests, pg-boss drains running jobs, the LISTEN connection and both pools close,
 * and only then is embedded PostgreSQL stopped — after which one line is printed and the process exits 0. Repeated
 * signals (a terminal delivers Ctrl-C to every process of its group, pnpm forwards it again) do not interrupt the
 * stop. A signal that arrives while the kernel is still booting is remembered and honoured as soon as it is up.
 */

/** What can be stopped. */
export interface Stoppable {
  close(): Promise<void>
}

/** Installs the handlers; call {@link ShutdownSignals.attach} once the kernel is up. */
export class ShutdownSignals {
  #kernel: Stoppable | undefined
  #signal: NodeJS.Signals | undefined
  readonly #timeoutMs: number

  constructor(timeoutMs = 30_000) {
    this.#timeoutMs = timeoutMs
    for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, () => this.#received(s))
  }

  /** Whether a stop was requested. */
  get requested(): boolean {
    return this.#signal !== undefined
  }

  /** Hands over the booted kernel; stops it at once if a signal came during boot. */
  attach(kernel: Stoppable): void {
    this.#kernel = kernel
    if (this.#signal) void this.#stop()
  }

  #received(signal: NodeJS.Signals): void {
    if (this.#signal) return
    this.#signal = signal
    if (this.#kernel) void this.#stop()
  }

  async #stop(): Promise<void> {
    const started = Date.now()
    const timer = setTimeout(() => {
      console.error(`Tessera did not stop within ${this.#timeoutMs / 1000} s after ${this.#signal}; exiting`)
      process.exit(1)
    }, this.#timeoutMs)
    try {
      await this.#kernel!.close()
    } catch (err) {
      console.error(`Tessera stopped after ${this.#signal} with an error: ${(err as Error).message}`)
      process.exit(1)
    }
    clearTimeout(timer)
    console.log(`Tessera stopped (${this.#signal}, ${Date.now() - started} ms)`)
    process.exit(0)
  }
}
