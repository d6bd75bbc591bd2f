/**
 * Reconnect delays for the kernel link: exponential backoff with a cap and random jitter, so that a kernel restart
 * does not see every site agent reconnect in the same instant. The attempt counter resets once a connection has
 * been authenticated.
 */

/** Backoff settings; all optional. */
export interface ReconnectBackoffOptions {
  /** First delay (ms, default 500). */
  initialDelayMs?: number
  /** Longest delay (ms, default 30 000). */
  maxDelayMs?: number
  /** Growth per attempt (default 2). */
  factor?: number
  /** Random spread as a fraction of the delay, 0–1 (default 0.2: ±20 %). */
  jitter?: number
}

/**
 * The delay before reconnect attempt `attempt` (0-based).
 *
 * @param attempt - how many attempts have failed since the last good connection
 * @param options - backoff settings
 * @param random - source of randomness in [0, 1), for tests
 * @returns delay in ms
 */
export function reconnectDelay(attempt: number, options: ReconnectBackoffOptions = {}, random: () => number = Math.random): number {
  const initial = options.initialDelayMs ?? 500
  const max = options.maxDelayMs ?? 30_000
  const factor = options.factor ?? 2
  const jitter = Math.min(Math.max(options.jitter ?? 0.2, 0), 1)
  const base = Math.min(max, initial * factor ** Math.min(attempt, 50))
  return Math.max(0, Math.round(base * (1 + jitter * (2 * random() - 1))))
}
