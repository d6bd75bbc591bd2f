/**
 * Sessions and API tokens, with a short in-memory cache of lookups so a request costs no extra query. Sign-out, token
 * revocation, tenant switches and role changes are broadcast with NOTIFY (`tessera_auth`), so every kernel instance
 * drops its cached copy at once and tells its watchers (the realtime hub re-checks its sockets); the instance that
 * made the change drops its copy as the change commits (`credential-changes.ts`), without waiting for its own NOTIFY.
 * A cached lookup never outlives the session's or token's expiry. An API token resolves only while its creator still
 * holds a role that may hold it (`mayHoldToken`); its `last_used_at` is written at most once a minute per token.
 */
import type { Pool } from 'pg'
import type { TenantRole } from '@tessera/sdk'
import { hashSecret, newSecret } from './token-hash.ts'
import type { AuthInfo } from './auth-info.ts'
import type { RolePermissions } from './role-permissions.ts'
import { mayHoldToken } from './role-rules.ts'

const CACHE_MS = 30_000
const TOUCH_MS = 60_000

interface Cached {
  info: AuthInfo | null
  /** Epoch ms after which the entry must be looked up again. */
  until: number
}

/** Called when cached credentials are dropped: one hash, or all (`undefined`). */
export type ForgetListener = (hash: string | undefined) => void

/** Creates, resolves and revokes sessions and API tokens. */
export class SessionStore {
  readonly #pool: Pool
  readonly #roles: () => RolePermissions
  readonly #ttlHours: number
  readonly #cache = new Map<string, Cached>()
  /** hash → secret, so a revocation broadcast by hash can drop the cached entry. */
  readonly #byHash = new Map<string, string>()
  /** token id → when this instance last wrote its `last_used_at`. */
  readonly #touched = new Map<string, number>()
  readonly #listeners = new Set<ForgetListener>()

  constructor(pool: Pool, roles: () => RolePermissions, ttlHours: number) {
    this.#pool = pool
    this.#roles = roles
    this.#ttlHours = ttlHours
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
   * `resolve`). Synchronous, so the auth hook answers a cache hit without a promise.
   */
  cached(secret: string): AuthInfo | null | undefined {
    // the cache is keyed by the secret itself (256 random bits), so a hit costs no hashing
    const hit = this.#cache.get(secret)
    if (!hit) return undefined
    const now = Date.now()
    if (now >= hit.until) return undefined
    if (hit.info?.kind === 'token') this.#touch(hit.info.credentialId, now)
    return hit.info
  }

  /** Resolves a cookie value or bearer token; `null` when unknown, expired or revoked. */
  async resolve(secret: string): Promise<AuthInfo | null> {
    const hit = this.cached(secret)
    if (hit !== undefined) return hit
    const now = Date.now()
    const key = hashSecret(secret)
    const loaded = secret.startsWith('tsk_') ? await this.#loadToken(key) : await this.#loadSession(key)
    if (this.#cache.size > 50_000) {
      this.#cache.clear()
      this.#byHash.clear()
    }
    const until = Math.min(now + CACHE_MS, loaded?.expiresAt?.getTime() ?? Infinity)
    this.#cache.set(secret, { info: loaded?.info ?? null, until })
    this.#byHash.set(key, secret)
    if (loaded?.info.kind === 'token') this.#touch(loaded.info.credentialId, now)
    return loaded?.info ?? null
  }

  async #loadSession(hash: string): Promise<{ info: AuthInfo; expiresAt: Date | null } | null> {
    const { rows } = await this.#pool.query(
      `SELECT u.id, u.email, u.name, u.is_operator, s.tenant_id, s.expires_at, tu.role
         FROM tessera.sessions s JOIN tessera.users u ON u.id = s.user_id
         LEFT JOIN tessera.tenant_users tu ON tu.tenant_id = s.tenant_id AND tu.user_id = u.id
        WHERE s.token_hash = $1 AND s.expires_at > now() AND u.disabled_at IS NULL`,
      [hash],
    )
    const r = rows[0]
    if (!r) return null
    const role = (r.role ?? null) as TenantRole | null
    const info: AuthInfo = {
      kind: 'session', credentialId: hash,
      user: { id: r.id, email: r.email, name: r.name, isOperator: r.is_operator },
      tenantId: role ? r.tenant_id : null, role, permissions: this.#roles().of(role),
    }
    return { info, expiresAt: r.expires_at }
  }

  async #loadToken(hash: string): Promise<{ info: AuthInfo; expiresAt: Date | null } | null> {
    const { rows } = await this.#pool.query(
      `SELECT t.id, t.tenant_id, t.role, t.created_by, t.expires_at, tu.role AS creator_role, u.disabled_at IS NOT NULL AS creator_disabled
         FROM tessera.api_tokens t
         LEFT JOIN tessera.tenant_users tu ON tu.tenant_id = t.tenant_id AND tu.user_id = t.created_by
         LEFT JOIN tessera.users u ON u.id = t.created_by
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())`,
      [hash],
    )
    const r = rows[0]
    if (!r) return null
    // a token minted by a member lives only as long as its creator may still hold it (operator tokens have no creator)
    if (r.created_by && (r.creator_disabled || !mayHoldToken(r.creator_role, r.role))) return null
    return {
      info: { kind: 'token', credentialId: r.id, user: null, tenantId: r.tenant_id, role: r.role, permissions: this.#roles().of(r.role) },
      expiresAt: r.expires_at,
    }
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
    } else {
      const secret = this.#byHash.get(hash)
      if (secret) this.#cache.delete(secret)
      this.#byHash.delete(hash)
    }
    for (const listener of this.#listeners) listener(hash)
  }
}
