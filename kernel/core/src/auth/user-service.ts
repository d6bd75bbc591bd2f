/**
 * Users (platform-wide; one user may belong to several tenants with a role in each), and the session document the UI
 * reads after sign-in.
 */
import type { Pool } from 'pg'
import type { TenantRole } from '@tessera/sdk'
import { problem } from '@tessera/sdk'
import { hashPassword } from './password.ts'
import { forgetCredentialsHere } from './credential-changes.ts'

/** A user as returned by the API (never with the hash). */
export interface PublicUser {
  id: string
  email: string
  name: string
  isOperator: boolean
}

/** The signed-in view: who, which tenants, which one is current. */
export interface SessionView {
  user: PublicUser
  tenants: { id: string; slug: string; name: string; role: TenantRole }[]
  tenantId: string | null
}

/** User operations on the admin pool. */
export class UserService {
  readonly #pool: Pool
  constructor(pool: Pool) {
    this.#pool = pool
  }

  /** Creates a user; 409 if the e-mail is taken. */
  async create(input: { email: string; name: string; password?: string; isOperator?: boolean }): Promise<PublicUser> {
    const hash = input.password ? await hashPassword(input.password) : null
    const { rows } = await this.#pool.query(
      `INSERT INTO tessera.users (email, name, password_hash, is_operator) VALUES ($1, $2, $3, $4)
       ON CONFLICT (lower(email)) DO NOTHING RETURNING id, email, name, is_operator AS "isOperator"`,
      [input.email, input.name, hash, input.isOperator ?? false],
    )
    if (!rows[0]) throw problem.conflict(`A user with e-mail "${input.email}" already exists.`)
    return rows[0]
  }

  /** Gives (or changes) a user's role in a tenant. */
  async grant(userId: string, tenantId: string, role: TenantRole): Promise<void> {
    await this.#pool.query(
      `WITH g AS (INSERT INTO tessera.tenant_users (tenant_id, user_id, role) VALUES ($1, $2, $3)
                  ON CONFLICT (tenant_id, user_id) DO UPDATE SET role = EXCLUDED.role)
       SELECT pg_notify('tessera_auth', '*')`,
      [tenantId, userId, role],
    )
    forgetCredentialsHere()
  }

  /** The user with this e-mail, with the password hash, for sign-in. */
  async findForLogin(email: string): Promise<(PublicUser & { passwordHash: string | null }) | undefined> {
    const { rows } = await this.#pool.query(
      `SELECT id, email, name, is_operator AS "isOperator", password_hash AS "passwordHash"
         FROM tessera.users WHERE lower(email) = lower($1) AND disabled_at IS NULL`,
      [email],
    )
    return rows[0]
  }

  /** The session document of a user with `tenantId` as current tenant. */
  async view(user: PublicUser, tenantId: string | null): Promise<SessionView> {
    const { rows } = await this.#pool.query(
      `SELECT t.id, t.slug, t.name, tu.role FROM tessera.tenant_users tu JOIN tessera.tenants t ON t.id = tu.tenant_id
        WHERE tu.user_id = $1 ORDER BY t.name`,
      [user.id],
    )
    return { user, tenants: rows, tenantId: rows.some((r) => r.id === tenantId) ? tenantId : null }
  }

  /** The role of a user in a tenant, if any. */
  async roleIn(userId: string, tenantId: string): Promise<TenantRole | undefined> {
    const { rows } = await this.#pool.query('SELECT role FROM tessera.tenant_users WHERE user_id = $1 AND tenant_id = $2', [userId, tenantId])
    return rows[0]?.role
  }
}
