/**
 * API tokens of a tenant: issue (the secret is shown once; stored as its SHA-256), list and revoke. Every token has
 * an expiry (default `auth.apiTokenTtlDays`). A token issued by a member is tied to that member's membership: it
 * works only while its creator may still hold it (owner or admin, role at least the token's — `mayHoldToken`), so
 * it stops when they are demoted or removed; tokens issued by operators (CLI) have no creator. Revocation is broadcast
 * with NOTIFY `tessera_auth` (the token's hash), so every instance drops it and closes its sockets.
 */
import type { Pool } from 'pg'
import type { TenantRole } from '@tessera/sdk'
import { problem } from '@tessera/sdk'
import { hashSecret, newSecret } from './token-hash.ts'
import { mayHoldToken } from './role-rules.ts'
import { forgetCredentialsHere } from './credential-changes.ts'

/** Who issues or revokes: a member with their role, or an operator (no tenant role needed). */
export type TokenActor = { kind: 'member'; userId: string; role: TenantRole | null } | { kind: 'operator' }

/** A token as listed (never the secret or its hash). */
export interface ApiTokenView {
  id: string
  name: string
  role: TenantRole
  /** `active`, `expired`, `revoked`, or `suspended` (its creator no longer holds a role that may hold it). */
  state: 'active' | 'expired' | 'revoked' | 'suspended'
  createdBy: { id: string; email: string; name: string } | null
  createdAt: Date
  expiresAt: Date | null
  lastUsedAt: Date | null
  revokedAt: Date | null
}

/** Longest accepted lifetime, in days. */
export const MAX_TOKEN_DAYS = 3650

/** Issues, lists and revokes API tokens. */
export class ApiTokenService {
  readonly #pool: Pool
  readonly #defaultDays: number

  constructor(pool: Pool, defaultDays: number) {
    this.#pool = pool
    this.#defaultDays = defaultDays
  }

  /** Issues a token; 403 unless the actor may hold a token of `role`. Returns the secret (shown once). */
  async create(tenantId: string, input: { name: string; role: TenantRole; expiresInDays?: number }, by: TokenActor): Promise<{ id: string; token: string; expiresAt: Date }> {
    if (by.kind === 'member' && !mayHoldToken(by.role, input.role)) {
      throw problem.forbidden(`Your role (${by.role ?? 'none'}) may not issue a ${input.role} token: only owners and admins issue tokens, up to their own role.`)
    }
    const days = input.expiresInDays ?? this.#defaultDays
    const token = newSecret('tsk')
    const { rows } = await this.#pool.query(
      `INSERT INTO tessera.api_tokens (tenant_id, name, token_hash, role, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6)) RETURNING id, expires_at AS "expiresAt"`,
      [tenantId, input.name, hashSecret(token), input.role, by.kind === 'member' ? by.userId : null, days],
    )
    return { id: rows[0].id, token, expiresAt: rows[0].expiresAt }
  }

  /** The tenant's tokens, newest first. */
  async list(tenantId: string, limit = 100, offset = 0): Promise<{ items: ApiTokenView[]; total: number }> {
    const { rows } = await this.#pool.query(
      `SELECT t.id, t.name, t.role, t.created_at AS "createdAt", t.expires_at AS "expiresAt", t.last_used_at AS "lastUsedAt",
              t.revoked_at AS "revokedAt", t.created_by, tu.role AS creator_role, u.disabled_at IS NOT NULL AS creator_disabled,
              CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'email', u.email, 'name', u.name) END AS "createdBy",
              t.expires_at IS NOT NULL AND t.expires_at <= now() AS expired, count(*) OVER () AS total
         FROM tessera.api_tokens t
         LEFT JOIN tessera.users u ON u.id = t.created_by
         LEFT JOIN tessera.tenant_users tu ON tu.tenant_id = t.tenant_id AND tu.user_id = t.created_by
        WHERE t.tenant_id = $1 ORDER BY t.created_at DESC, t.id LIMIT $2 OFFSET $3`,
      [tenantId, limit, offset],
    )
    const items = rows.map((r): ApiTokenView => ({
      id: r.id, name: r.name, role: r.role, createdBy: r.createdBy, createdAt: r.createdAt, expiresAt: r.expiresAt,
      lastUsedAt: r.lastUsedAt, revokedAt: r.revokedAt,
      state: r.revokedAt ? 'revoked' : r.expired ? 'expired' : r.created_by && (r.creator_disabled || !mayHoldToken(r.creator_role, r.role)) ? 'suspended' : 'active',
    }))
    return { items, total: rows.length ? Number(rows[0].total) : 0 }
  }

  /**
   * Revokes a token of the tenant (idempotent); 404 when unknown there, 403 unless the actor could hold it or
   * created it. Returns the token's name and role for the audit row.
   */
  async revoke(tenantId: string, id: string, by: TokenActor): Promise<{ name: string; role: TenantRole }> {
    const client = await this.#pool.connect()
    try {
      await client.query('BEGIN')
      const { rows } = await client.query('SELECT name, role, created_by, token_hash FROM tessera.api_tokens WHERE id = $1 AND tenant_id = $2 FOR UPDATE', [id, tenantId])
      const t = rows[0]
      if (!t) throw problem.notFound('No such API token in this tenant.')
      if (by.kind === 'member' && t.created_by !== by.userId && !mayHoldToken(by.role, t.role)) {
        throw problem.forbidden(`Your role (${by.role ?? 'none'}) may not revoke a ${t.role} token.`)
      }
      await client.query('UPDATE tessera.api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1', [id])
      await client.query(`SELECT pg_notify('tessera_auth', $1)`, [t.token_hash])
      await client.query('COMMIT')
      forgetCredentialsHere(t.token_hash)
      return { name: t.name, role: t.role }
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {})
      throw err
    } finally {
      client.release()
    }
  }
}
