/**
 * `CallBudget`: Xero's limits for one organisation while a sync job runs — at most `callsPerWindow` calls per window,
 * `concurrent` in flight and `callsPerDay` a day. Its ledger (window start and count, day and count, a block from a
 * 429) is loaded from and saved to the connection row, so consecutive jobs share it; Xero's own
 * `X-MinLimit-Remaining`/`X-DayLimit-Remaining` headers correct it after each call (a crashed job's calls are counted
 * again this way). `acquire()` waits for a free slot when the wait fits in the job's time; otherwise it throws
 * `BudgetExhausted` with the time to resume, and the job hands over to a continuation that starts then.
 */
import type { XeroLimits } from './xero-options.ts'

/** The persisted ledger. */
export interface Ledger {
  windowStartedAt: number | null
  windowCalls: number
  day: string | null
  dayCalls: number
  blockedUntil: number | null
}

/** No call may be made before `resumeAt` (ms epoch). */
export class BudgetExhausted extends Error {
  readonly resumeAt: number
  constructor(resumeAt: number, why: string) {
    super(`Xero call budget exhausted (${why}); resume at ${new Date(resumeAt).toISOString()}`)
    this.resumeAt = resumeAt
  }
}

const today = () => new Date().toISOString().slice(0, 10)

export class CallBudget {
  readonly ledger: Ledger
  readonly #limits: XeroLimits
  readonly #deadline: number
  #inFlight = 0
  readonly #waiters: (() => void)[] = []

  constructor(ledger: Ledger, limits: XeroLimits, deadline: number) {
    this.ledger = { ...ledger }
    this.#limits = limits
    this.#deadline = deadline
  }

  /** Waits for a slot and counts the call; throws {@link BudgetExhausted} when none comes before the deadline. */
  async acquire(): Promise<void> {
    while (this.#inFlight >= this.#limits.concurrent) await new Promise<void>((r) => this.#waiters.push(r))
    for (;;) {
      const now = Date.now()
      const l = this.ledger
      if (l.day !== today()) { l.day = today(); l.dayCalls = 0 }
      if (l.dayCalls >= this.#limits.callsPerDay) {
        const tomorrow = Date.parse(`${today()}T00:00:00Z`) + 86_400_000
        throw new BudgetExhausted(tomorrow, 'daily limit')
      }
      let waitUntil = 0
      if (l.blockedUntil && l.blockedUntil > now) waitUntil = l.blockedUntil
      if (l.windowStartedAt === null || now >= l.windowStartedAt + this.#limits.windowMs) { l.windowStartedAt = now; l.windowCalls = 0 }
      if (!waitUntil && l.windowCalls >= this.#limits.callsPerWindow) waitUntil = l.windowStartedAt + this.#limits.windowMs
      if (!waitUntil) break
      if (waitUntil > this.#deadline) throw new BudgetExhausted(waitUntil, l.blockedUntil && l.blockedUntil > now ? 'Retry-After' : 'calls per minute')
      await new Promise((r) => setTimeout(r, waitUntil - now))
    }
    // counted only once the slot is certain (a concurrent acquire may have waited on the same window)
    if (this.#inFlight >= this.#limits.concurrent) return this.acquire()
    this.ledger.windowCalls++
    this.ledger.dayCalls++
    this.#inFlight++
  }

  /** Ends a call: frees its slot and applies Xero's remaining-budget headers. */
  release(headers?: Record<string, unknown>): void {
    this.#inFlight--
    this.#waiters.shift()?.()
    const min = Number(headers?.['x-minlimit-remaining'])
    if (Number.isFinite(min) && headers?.['x-minlimit-remaining'] !== undefined) {
      this.ledger.windowCalls = Math.max(this.ledger.windowCalls, this.#limits.callsPerWindow - min)
    }
    const day = Number(headers?.['x-daylimit-remaining'])
    if (Number.isFinite(day) && headers?.['x-daylimit-remaining'] !== undefined) {
      this.ledger.dayCalls = Math.max(this.ledger.dayCalls, this.#limits.callsPerDay - day)
    }
  }

  /**
   * A 429: nothing more until `Retry-After` seconds from now. For the minute limit (`X-Rate-Limit-Problem: minute`)
   * Xero's window starts afresh then; for the concurrent limit the window's count stands.
   */
  block(retryAfterSeconds: number, problem?: string): void {
    const until = Date.now() + Math.max(1, retryAfterSeconds) * 1000
    this.ledger.blockedUntil = Math.max(this.ledger.blockedUntil ?? 0, until)
    if (problem !== 'concurrent') {
      this.ledger.windowStartedAt = this.ledger.blockedUntil
      this.ledger.windowCalls = 0
    }
  }
}
