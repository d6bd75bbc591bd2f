/**
 * Per-account sign-in throttling, next to the per-address rate limit of the login route. Every attempt on an account
 * (keyed by the SHA-256 of the lower-cased e-mail, known or not, so the answer reveals nothing) is counted before the
 * password is checked — a parallel burst cannot slip past the counter — and a success clears it. After
 * `freeFailures` attempts the account is locked for `baseDelayMs × 2^(n − freeFailures)`, capped at `maxDelayMs`;
 * attempts during a lock are refused (429 with `Retry-After`) without a password check and without extending the
 * lock, so the owner of the account signs in at most `maxDelayMs` after a burst from anywhere ends. Counters live in
 * PostgreSQL (`tessera.login_throttle`), so every kernel instance enforces the same ones; they reset after
 * `resetAfterMinutes` without failures. A shared address (NAT) is therefore limited only by the address limit, which
 * can stay generous, and one account's attacker never locks out the other accounts behind the same address.
 */
import type { Pool } from 'pg'
import { createHash } from 'node:crypto'

/** Bounds of the per-account throttle (`auth.loginThrottle`). */
export interface LoginThrottleConfig {
  freeFailures: number
  baseDelayMs: number
  maxDelayMs: number
  resetAfterMinutes: number
}

/** The outcome of {@link LoginThrottle.begin}. */
export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterMs: number }

/** Counts sign-in attempts per account. */
export class LoginThrottle {
  readonly #pool: Pool
  readonly #c: LoginThrottleConfig

  constructor(pool: Pool, config: LoginThrottleConfig) {
    this.#pool = pool
    this.#c = config
  }

  /** The stored key of an account. */
  static key(email: string): string {
    return createHash('sha256').update(email.trim().toLowerCase()).digest('hex')
  }

  /** Counts an attempt on `email`, or refuses it while the account is locked. */
  async begin(email: string): Promise<ThrottleDecision> {
    const { freeFailures, baseDelayMs, maxDelayMs, resetAfterMinutes } = this.#c
    const n = `CASE WHEN t.last_failed_at < now() - make_interval(mins => $5) THEN 1 ELSE t.failures + 1 END`
    const lock = (f: string) => `CASE WHEN ${f} >= $2 THEN now() + make_interval(secs => least($4::float8, $3::float8 * power(2, ${f} - $2)) / 1000) END`
    const { rows } = await this.#pool.query(
      `INSERT INTO tessera.login_throttle AS t (account, failures, last_failed_at, locked_until)
       VALUES ($1, 1, now(), ${lock('1')})
       ON CONFLICT (account) DO UPDATE SET failures = ${n}, last_failed_at = now(), locked_until = ${lock(n)}
        WHERE t.locked_until IS NULL OR t.locked_until <= now()
       RETURNING failures`,
      [LoginThrottle.key(email), freeFailures, baseDelayMs, maxDelayMs, resetAfterMinutes],
    )
    if (rows[0]) {
      // now and then, forget counters of accounts nobody tried for a day (unknown e-mails are counted too)
      if (Math.random() < 0.01) void this.#pool.query(`DELETE FROM tessera.login_throttle WHERE last_failed_at < now() - interval '1 day'`).catch(() => {})
      return { allowed: true }
    }
    const locked = await this.#pool.query(
      `SELECT greatest(0, extract(epoch FROM locked_until - now()) * 1000)::float8 AS ms FROM tessera.login_throttle WHERE account = $1`,
      [LoginThrottle.key(email)],
    )
    return { allowed: false, retryAfterMs: Math.max(1, Math.ceil(locked.rows[0]?.ms ?? 1)) }
  }

  /** Clears the account's counter after a correct password. */
  async succeeded(email: string): Promise<void> {
    await this.#pool.query('DELETE FROM tessera.login_throttle WHERE account = $1', [LoginThrottle.key(email)])
  }
}
