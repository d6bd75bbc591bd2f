/**
 * `waitFor(check)`: polls until a condition holds, for tests that wait on jobs, events or other kernels. Tests wait for
 * conditions, never for fixed sleeps, so they pass on a loaded machine.
 */

/** Options of {@link waitFor}. @public */
export interface WaitForOptions {
  /** Give up after this long (default 10 000 ms). */
  timeoutMs?: number
  /** Pause between checks (default 25 ms). */
  intervalMs?: number
  /** What is awaited, for the timeout error's message. */
  message?: string
}

/**
 * Calls `check` until it returns a value other than `undefined`, `null` or `false` (or stops throwing) and resolves
 * with that value; rejects after `timeoutMs` with the last error or `message`. @public
 *
 * ```ts
 * const row = await waitFor(async () => (await t.adminQuery('SELECT … WHERE done')).rows[0])
 * ```
 */
export async function waitFor<T>(check: () => T | Promise<T>, options: WaitForOptions = {}): Promise<Exclude<T, undefined | null | false>> {
  const { timeoutMs = 10_000, intervalMs = 25, message } = options
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  for (;;) {
    try {
      const value = await check()
      if (value !== undefined && value !== null && value !== false) return value as Exclude<T, undefined | null | false>
      lastError = undefined
    } catch (err) {
      lastError = err
    }
    if (Date.now() >= deadline) {
      const what = message ?? 'condition'
      throw new Error(`waitFor: ${what} not met within ${timeoutMs} ms${lastError ? `: ${(lastError as Error).message ?? String(lastError)}` : ''}`, { cause: lastError })
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
