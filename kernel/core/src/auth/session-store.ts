/**
 * Sessions and API tokens, with a short in-memory cache of lookups so a request costs no extra query. Sign-out, token
 * revocation, tenant switches and role changes are broadcast with NOTIFY (`tessera_auth`), so every kernel instance
 * drops its cached copy at once and tells its watchers (the realtime hub re-checks its sockets); the instance that
 * made the change drops its copy as the change commits (`credential-changes.ts`), without waiting for its own NOTIFY.
 * A cached lookup never outlives the session's or token's expiry. An API token resolves only while its creator still
 * holds a role that may hold it (`mayHoldToken`); its `last_used_at` is written at most once a minute per token.
 *
 * A cached lookup is trusted for {@link CACHE_MS} at most: the bound on how long a change made behind the kernel's back
 * (SQL without the NOTIFY) may go unseen. A credential still in use late in that time is looked up again in the
 * background ({@link REFRESH_AFTER_MS}): the lookups due are collected for {@link REFRESH_DELAY_MS} and sent as one
 * statement per kind, so requests never wait for them and an instance serving many sessions does not pay one query per
 * session every 30 s on its request path — all at once, for the sessions loaded together after a start or a cache drop
 * (measured: the third 5-second round of `bench/tenant-scale.ts` over 10,000 sessions ran at half the throughput).
 * A re-check that finds the credential gone or changed forgets it (its watchers are told), one that finds it unchanged
 * extends its cached life (with the role's permissions as they are now), and one that comes back after the entry was
 * forgotten or replaced leaves it alone.
 */
import type { Pool } from 'pg'
import type { TenantRole } from '@tessera/sdk'
import { hashSecret, newSecret } from './token-hash.ts'
import type { AuthInfo } from './auth-info.ts'
import type { RolePermissions } from './role-permissions.ts'
import { mayHoldToken } from './role-rules.ts'

/** How long a cached lookup is trusted. */
const CACHE_MS = 30_000
/** From this age on, using a cached lookup also queues its re-check. */
const REFRESH_AFTER_MS = 15_000
/** How long due re-checks are collected before they are sent. */
const REFRESH_DELAY_MS = 50
/** Re-checks sent at once at most (a statement with this many hashes). */
const REFRESH_BATCH = 1000
const TOUCH_MS = 60_000

interface Cached {
  info: AuthInfo | null
  /** The secret's hash (the key of the credential's row). */
  hash: string
  /** Epoch ms after which the entry must be looked up again. */
  until: number
  /** Epoch ms from which a hit queues a re-check (`Infinity`: queued already, or an unknown secret). */
  refreshAt: number
}

/** A credential's row, as a caller. */
interface Loaded {
  info: AuthInfo
  expiresAt: Date | null
}

/** Called when cached credentials are dropped: one hash, or all (`undefined`). */
export type ForgetListener = (hash: string | undefined) => void

/** Whether a secret is an API token (`tsk_…`) rather than a session cookie. */
const isToken = (secret: string): boolean => secret.startsWith('tsk_')

/** Whether two lookups of one credential name the same caller (a profile, tenant or role change is not the same). */
function sameCaller(a: AuthInfo, b: AuthInfo): boolean {
  return a.kind === b.kind && a.credentialId === b.credentialId && a.tenantId === b.tenantId && a.role === b.role &&
    a.user?.id === b.user?.id && a.user?.email === b.user?.email && a.user?.name === b.user?.name && a.user?.isOperator === b.user?.isOperator
}

/** Creates, resolves and revokes sessions and API tokens. */
export class SessionStore {
  readonly #pool: Pool
  readonly #roles: () => RolePermissions
  readonly #ttlHours: number
  readonly #now: () => number
  readonly #cache = new Map<string, Cached>()
  /** hash → secret, so a revocation broadcast by hash can drop the cached entry. */
  readonly #byHash = new Map<string, string>()
  /** token id → when this instance last wrote its `last_used_at`. */
  readonly #touched = new Map<string, number>()
  readonly #listeners = new Set<ForgetListener>()
  /** Re-checks due (secret → the entry queued), sent together after {@link REFRESH_DELAY_MS}. */
  readonly #due = new Map<string, Cached>()
  readonly #inFlight = new Set<Promise<void>>()
  #timer: NodeJS.Timeout | undefined

  /** `now`: the clock (tests move it). */
  constructor(pool: Pool, roles: () => RolePermissions, ttlHours: number, now: () => number = Date.now) {
    this.#pool = pool
    this.#roles = roles
    this.#ttlHours = ttlHours
    this.#now = now
  }

  /** Starts a session; returns the cookie value. */
  async create(userId: string, tenantId: string | null): Promise<string> {
    const token = newSecret('tss')
    await this.#pool.query(
      `INSERT INTO tessera.sessions (token_hash, user_id, tenant_id, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [hashSecret(token), userId, tenantId, this.#ttlHours * 3600],
    )
    return token
  }

  /**
   * The cached answer of {@link resolve} for `secret` while it is fresh (`undefined`: not cached, or stale — call
   * `resolve`). Synchronous, so the auth hook answers a cache hit without a promise; late in the entry's life it also
   * queues the background re-check.
   */
  cached(secret: string): AuthInfo | null | undefined {
    // the cache is keyed by the secret itself (256 random bits), so a hit costs no hashing
    const hit = this.#cache.get(secret)
    if (!hit) return undefined
    const now = this.#now()
    if (now >= hit.until) return undefined
    if (now >= hit.refreshAt) this.#queueRecheck(secret, hit)
    if (hit.info?.kind === 'token') this.#touch(hit.info.credentialId, now)
    return hit.info
  }

  /** Resolves a cookie value or bearer token; `null` when unknown, expired or revoked. */
  async resolve(secret: string): Promise<AuthInfo | null> {
    const hit = this.cached(secret)
    if (hit !== undefined) return hit
    const now = this.#now()
    const key = hashSecret(secret)
    const loaded = (isToken(secret) ? await this.#loadTokens([key]) : await this.#loadSessions([key])).get(key)
    if (this.#cache.size > 50_000) {
      this.#cache.clear()
      this.#byHash.clear()
    }
    this.#cache.set(secret, {
      info: loaded?.info ?? null, hash: key, until: this.#until(now, loaded),
      refreshAt: loaded ? now + REFRESH_AFTER_MS : Infinity,
    })
    this.#byHash.set(key, secret)
    if (loaded?.info.kind === 'token') this.#touch(loaded.info.credentialId, now)
    return loaded?.info ?? null
  }

  /** Until when a lookup made at `now` may be used. */
  #until(now: number, loaded: Loaded | undefined): number {
    return Math.min(now + CACHE_MS, loaded?.expiresAt?.getTime() ?? Infinity)
  }

  /** The live sessions among `hashes`, by hash. */
  async #loadSessions(hashes: string[]): Promise<Map<string, Loaded>> {
    const { rows } = await this.#pool.query(
      `SELECT s.token_hash, u.id, u.email, u.name, u.is_operator, s.tenant_id, s.expires_at, tu.role
         FROM tessera.sessions s JOIN tessera.users u ON u.id = s.user_id
         LEFT JOIN tessera.tenant_users tu ON tu.tenant_id = s.tenant_id AND tu.user_id = u.id
        WHERE s.token_hash = ANY($1::text[]) AND s.expires_at > now() AND u.disabled_at IS NULL`,
      [hashes],
    )
    const found = new Map<string, Loaded>()
    for (const r of rows) {
      const role = (r.role ?? null) as TenantRole | null
      const info: AuthInfo = {
        kind: 'session', credentialId: r.token_hash,
        user: { id: r.id, email: r.email, name: r.name, isOperator: r.is_operator },
        tenantId: role ? r.tenant_id : null, role, permissions: this.#roles().of(role),
      }
      found.set(r.token_hash, { info, expiresAt: r.expires_at })
    }
    return found
  }

  /** The usable API tokens among `hashes`, by hash. */
  async #loadTokens(hashes: string[]): Promise<Map<string, Loaded>> {
    const { rows } = await this.#pool.query(
      `SELECT t.token_hash, t.id, t.tenant_id, t.role, t.created_by, t.expires_at, tu.role AS creator_role, u.disabled_at IS NOT NULL AS creator_disabled
         FROM tessera.api_tokens t
         LEFT JOIN tessera.tenant_users tu ON tu.tenant_id = t.tenant_id AND tu.user_id = t.created_by
         LEFT JOIN tessera.users u ON u.id = t.created_by
        WHERE t.token_hash = ANY($1::text[]) AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())`,
      [hashes],
    )
    const found = new Map<string, Loaded>()
    for (const r of rows) {
      // a token minted by a member lives only as long as its creator may still hold it (operator tokens have no creator)
      if (r.created_by && (r.creator_disabled || !mayHoldToken(r.creator_role, r.role))) continue
      found.set(r.token_hash, {
        info: { kind: 'token', credentialId: r.id, user: null, tenantId: r.tenant_id, role: r.role, permissions: this.#roles().of(r.role) },
        expiresAt: r.expires_at,
      })
    }
    return found
  }

  /** Queues the re-check of a cached entry (once: it is not queued again until the re-check has been applied). */
  #queueRecheck(secret: string, entry: Cached): void {
    entry.refreshAt = Infinity
    this.#due.set(secret, entry)
    if (this.#due.size >= REFRESH_BATCH) this.#sendRechecks()
    else if (!this.#timer) {
      this.#timer = setTimeout(() => this.#sendRechecks(), REFRESH_DELAY_MS)
      this.#timer.unref()
    }
  }

  /** Sends the re-checks due; a failed one changes nothing (the entry expires and is looked up by a request). */
  #sendRechecks(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    if (this.#due.size === 0) return
    const due = [...this.#due]
    this.#due.clear()
    const sent = this.#recheck(due).catch(() => {}).finally(() => this.#inFlight.delete(sent))
    this.#inFlight.add(sent)
  }

  async #recheck(due: [string, Cached][]): Promise<void> {
    const now = this.#now()
    const tokens: string[] = []
    const sessions: string[] = []
    for (const [secret, entry] of due) (isToken(secret) ? tokens : sessions).push(entry.hash)
    // one statement per kind; a hash names one credential, whichever its kind
    const found = new Map<string, Loaded>()
    await Promise.all([
      tokens.length && this.#loadTokens(tokens).then((m) => m.forEach((v, k) => found.set(k, v))),
      sessions.length && this.#loadSessions(sessions).then((m) => m.forEach((v, k) => found.set(k, v))),
    ])
    for (const [secret, entry] of due) {
      // forgotten (a change was announced) or replaced meanwhile: this answer may be older than what is cached now
      if (this.#cache.get(secret) !== entry) continue
      const loaded = found.get(entry.hash)
      if (!loaded || !entry.info || !sameCaller(entry.info, loaded.info)) {
        this.forget(entry.hash)
        continue
      }
      // the same caller, with the role's permissions as they are now (plugins installed since may have added some)
      entry.info = loaded.info
      entry.until = this.#until(now, loaded)
      entry.refreshAt = now + REFRESH_AFTER_MS
    }
  }

  /**
   * Sends the re-checks due now and resolves once every re-check sent has been applied (tests; the shutdown waits
   * with {@link stop}).
   */
  async settle(): Promise<void> {
    this.#sendRechecks()
    await Promise.all(this.#inFlight)
  }

  /** Drops the re-checks not sent yet and waits for those in flight (before the pool closes). */
  async stop(): Promise<void> {
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.#due.clear()
    await Promise.all(this.#inFlight)
  }

  /** Records that a token was used, at most once a minute per token (and per instance; the SQL bounds it across). */
  #touch(tokenId: string, now: number): void {
    const last = this.#touched.get(tokenId)
    if (last !== undefined && now - last < TOUCH_MS) return
    if (this.#touched.size > 50_000) this.#touched.clear()
    this.#touched.set(tokenId, now)
    this.#pool
      .query(`UPDATE tessera.api_tokens SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, [tokenId])
      .catch(() => this.#touched.delete(tokenId))
  }

  /** Calls `listener` whenever cached credentials are dropped (revocation, role change); returns the unsubscribe. */
  onForget(listener: ForgetListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Switches a session's current tenant (the caller checked membership). */
  async switchTenant(secret: string, tenantId: string): Promise<void> {
    await this.#pool.query(
      `WITH u AS (UPDATE tessera.sessions SET tenant_id = $2 WHERE token_hash = $1) SELECT pg_notify('tessera_auth', $1)`,
      [hashSecret(secret), tenantId],
    )
    this.forget(hashSecret(secret))
  }

  /** Ends a session. */
  async revoke(secret: string): Promise<void> {
    const hash = hashSecret(secret)
    await this.#pool.query(`WITH d AS (DELETE FROM tessera.sessions WHERE token_hash = $1) SELECT pg_notify('tessera_auth', $1)`, [hash])
    this.forget(hash)
  }

  /** Drops a cached lookup by the secret's hash (called for NOTIFY `tessera_auth`), or all of them; tells the watchers. */
  forget(hash?: string): void {
    if (!hash) {
      this.#cache.clear()
      this.#byHash.clear()
      this.#due.clear()
    } else {
      const secret = this.#byHash.get(hash)
      if (secret) {
        this.#cache.delete(secret)
        this.#due.delete(secret)
      }
      this.#byHash.delete(hash)
    }
    for (const listener of this.#listeners) listener(hash)
  }
}
