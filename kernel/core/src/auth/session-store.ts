/**
 * Sessions and API tokens, with a short in-memory cache of lookups so a request costs no extra query. Sign-out and
 * tenant switches are broadcast with NOTIFY (`tessera_auth`), so every kernel instance drops its cached copy at once.
 */
import type { Pool } from 'pg'
import type { TenantRole } from '@tessera/sdk'
import { hashSecret, newSecret } from './token-hash.ts'
import type { AuthInfo } from './auth-info.ts'
import type { RolePermissions } from './role-permissions.ts'

const CACHE_MS = 30_000

interface Cached {
  info: AuthInfo | null
  at: number
}

/** Creates, resolves and revokes sessions and API tokens. */
export class SessionStore {
  readonly #pool: Pool
  readonly #roles: () => RolePermissions
  readonly #ttlHours: number
  readonly #cache = new Map<string, Cached>()
  /** hash → secret, so a revocation broadcast by hash can drop the cached entry. */
  readonly #byHash = new Map<string, string>()

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

  /** Resolves a cookie value or bearer token; `null` when unknown, expired or revoked. */
  async resolve(secret: string): Promise<AuthInfo | null> {
    // the cache is keyed by the secret itself (256 random bits), so a hit costs no hashing
    const hit = this.#cache.get(secret)
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.info
    const key = hashSecret(secret)
    const info = secret.startsWith('tsk_') ? await this.#loadToken(key) : await this.#loadSession(key)
    if (this.#cache.size > 50_000) {
      this.#cache.clear()
      this.#byHash.clear()
    }
    this.#cache.set(secret, { info, at: Date.now() })
    this.#byHash.set(key, secret)
    return info
  }

  async #loadSession(hash: string): Promise<AuthInfo | null> {
    const { rows } = await this.#pool.query(
      `SELECT u.id, u.email, u.name, u.is_operator, s.tenant_id, tu.role
         FROM tessera.sessions s JOIN tessera.users u ON u.id = s.user_id
         LEFT JOIN tessera.tenant_users tu ON tu.tenant_id = s.tenant_id AND tu.user_id = u.id
        WHERE s.token_hash = $1 AND s.expires_at > now() AND u.disabled_at IS NULL`,
      [hash],
    )
    const r = rows[0]
    if (!r) return null
    const role = (r.role ?? null) as TenantRole | null
    return {
      kind: 'session', credentialId: hash,
      user: { id: r.id, email: r.email, name: r.name, isOperator: r.is_operator },
      tenantId: role ? r.tenant_id : null, role, permissions: this.#roles().of(role),
    }
  }

  async #loadToken(hash: string): Promise<AuthInfo | null> {
    const { rows } = await this.#pool.query(
      `SELECT id, tenant_id, role FROM tessera.api_tokens
        WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
      [hash],
    )
    const r = rows[0]
    if (!r) return null
    return { kind: 'token', credentialId: r.id, user: null, tenantId: r.tenant_id, role: r.role, permissions: this.#roles().of(r.role) }
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

  /** Issues an API token for a tenant with a role; returns the secret (shown once). */
  async createToken(tenantId: string, name: string, role: TenantRole, createdBy: string | null): Promise<{ id: string; token: string }> {
    const token = newSecret('tsk')
    const { rows } = await this.#pool.query(
      'INSERT INTO tessera.api_tokens (tenant_id, name, token_hash, role, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [tenantId, name, hashSecret(token), role, createdBy],
    )
    return { id: rows[0].id, token }
  }

  /** Drops a cached lookup by the secret's hash (called for NOTIFY `tessera_auth`), or all of them. */
  forget(hash?: string): void {
    if (!hash) {
      this.#cache.clear()
      this.#byHash.clear()
      return
    }
    const secret = this.#byHash.get(hash)
    if (secret) this.#cache.delete(secret)
    this.#byHash.delete(hash)
  }
}
