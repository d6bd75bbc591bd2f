/**
 * The invited user's side of a pending invitation (`ctx.identity.invite` of an existing user): list one's open
 * invitations, accept one (the membership is created with the invited role — never lowering a role the user already
 * holds — and the inviting plugin's `onInvitationAccepted` hook links its records in the tenant's transaction), or
 * decline it. Runs on the admin pool: memberships are platform rows.
 */
import type { Pool } from 'pg'
import type { TenantRole } from '@tessera/sdk'
import { problem } from '@tessera/sdk'
import { higherRole } from './role-rules.ts'
import { forgetCredentialsHere } from './credential-changes.ts'
import { auditPlatform } from '../audit/audit-writer.ts'
import type { PublicUser } from './user-service.ts'

/** An open invitation as the invited user sees it. */
export interface OpenInvitation {
  id: string
  tenant: { id: string; slug: string; name: string }
  role: TenantRole
  createdAt: Date
  expiresAt: Date
}

/** What accepting produced: the tenant, the role and the plugin to tell. */
export interface AcceptedMembership {
  invitationId: string
  tenantId: string
  pluginId: string | null
  role: TenantRole
  roleBefore: TenantRole | null
}

/** Invitations of one user. */
export class InvitationService {
  readonly #pool: Pool
  constructor(pool: Pool) {
    this.#pool = pool
  }

  /** The user's open (not accepted, declined, withdrawn or expired) invitations. */
  async listOpen(userId: string): Promise<OpenInvitation[]> {
    const { rows } = await this.#pool.query(
      `SELECT i.id, i.role, i.created_at AS "createdAt", i.expires_at AS "expiresAt",
              json_build_object('id', t.id, 'slug', t.slug, 'name', t.name) AS tenant
         FROM tessera.tenant_invitations i JOIN tessera.tenants t ON t.id = i.tenant_id
        WHERE i.user_id = $1 AND i.accepted_at IS NULL AND i.closed_at IS NULL AND i.expires_at > now()
        ORDER BY i.created_at DESC LIMIT 100`,
      [userId],
    )
    return rows
  }

  /** Accepts an open invitation of `user`; 404 when it is not theirs, not open or expired. */
  async accept(user: PublicUser, invitationId: string, requestId?: string): Promise<AcceptedMembership> {
    const client = await this.#pool.connect()
    try {
      await client.query('BEGIN')
      const { rows } = await client.query(
        `SELECT id, tenant_id, role, plugin_id FROM tessera.tenant_invitations
          WHERE id = $1 AND user_id = $2 AND accepted_at IS NULL AND closed_at IS NULL AND expires_at > now() FOR UPDATE`,
        [invitationId, user.id],
      )
      const inv = rows[0]
      if (!inv) throw problem.notFound('No open invitation with this id.')
      const current = await client.query('SELECT role FROM tessera.tenant_users WHERE tenant_id = $1 AND user_id = $2 FOR UPDATE', [inv.tenant_id, user.id])
      const roleBefore = (current.rows[0]?.role ?? null) as TenantRole | null
      const role = higherRole(roleBefore, inv.role as TenantRole)!
      await client.query(
        `INSERT INTO tessera.tenant_users (tenant_id, user_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (tenant_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
        [inv.tenant_id, user.id, role],
      )
      await client.query('UPDATE tessera.tenant_invitations SET accepted_at = now() WHERE id = $1', [inv.id])
      await client.query(`SELECT pg_notify('tessera_auth', '*')`)
      await auditPlatform(client as unknown as Pool, { type: 'user', id: user.id, label: user.email }, {
        tenantId: inv.tenant_id, action: 'invitation.accept', target: `invitation:${inv.id}`, data: { roleBefore, roleAfter: role }, requestId,
      })
      await client.query('COMMIT')
      forgetCredentialsHere()
      return { invitationId: inv.id, tenantId: inv.tenant_id, pluginId: inv.plugin_id, role, roleBefore }
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {})
      throw err
    } finally {
      client.release()
    }
  }

  /** Declines an open invitation of the user; 404 when there is none. */
  async decline(user: PublicUser, invitationId: string, requestId?: string): Promise<void> {
    const { rows } = await this.#pool.query(
      `UPDATE tessera.tenant_invitations SET closed_at = now()
        WHERE id = $1 AND user_id = $2 AND accepted_at IS NULL AND closed_at IS NULL RETURNING tenant_id`,
      [invitationId, user.id],
    )
    if (!rows[0]) throw problem.notFound('No open invitation with this id.')
    await auditPlatform(this.#pool, { type: 'user', id: user.id, label: user.email }, {
      tenantId: rows[0].tenant_id, action: 'invitation.decline', target: `invitation:${invitationId}`, requestId,
    })
  }
}
