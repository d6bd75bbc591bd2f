/**
 * `ctx.identity` for plugins: invite a person into the current tenant or revoke their access, under the role rule
 * (`role-rules.ts`: nobody grants, lowers or removes a role at or above their own). A new e-mail gets a user who is
 * a member at once; an existing member is never lowered; an existing user of the platform who does not belong to the
 * tenant gets a pending invitation (`tessera.tenant_invitations`) and joins only when they accept it — their user id
 * does not reach the tenant before that, and their account (password, name) is never touched. Users are platform rows
 * the runtime role cannot touch, so the statements run on the scope's platform side transaction (an admin
 * connection, `db/platform-side-transaction.ts`) that commits right after the plugin's tenant transaction, or rolls
 * back with it. Audit rows record the role before and after. `find` and `get` read the tenant's own users (members of
 * `tessera.tenant_users`, not disabled) on the same side connection: a plugin never sees another tenant's users.
 * An invited user who has no password gets a single-use set-password link (`password-tokens/`), handed to the tenant's
 * plugins with `onIdentityMessage` (the invitation's message) in the same transaction.
 */
import type { Identity, IdentityInvitation, IdentityMessage, IdentityUser, TenantRole } from '@tessera/sdk'
import { currentScope } from '../db/tenant-scope.ts'
import { hashPassword } from './password.ts'
import { auditInScope } from '../audit/audit-writer.ts'
import { assertMayChangeRole, roleRank } from './role-rules.ts'
import { issuePasswordToken } from './password-tokens/password-token-store.ts'
import { announceCredentialChange } from './credential-changes.ts'

/**
 * Where invitations' set-password links go (the plugin host's identity messenger): an invited user without a
 * password gets a single-use link, handed to the tenant's plugins that deliver identity messages.
 */
export interface IdentityMessages {
  /** The set-password link carrying `token`. */
  link(token: string): string
  /** Hands `message` to the current tenant's delivering plugins, in its transaction. */
  deliverInScope(message: IdentityMessage): Promise<void>
}

type Query = (sql: string, p: unknown[]) => Promise<{ rows: any[]; rowCount: number | null }>

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const TENANT_USER = `SELECT u.id, u.email, u.name FROM tessera.users u JOIN tessera.tenant_users tu ON tu.user_id = u.id
  WHERE tu.tenant_id = $1 AND u.disabled_at IS NULL`

/** Builds the identity service of one plugin. */
export function createIdentity(pluginId: string, _runtimeRole?: string, messages?: IdentityMessages): Identity {
  const asKernel = async <T>(fn: (q: Query) => Promise<T>): Promise<T> => {
    const s = currentScope()
    return fn((sql, p) => s.platform.query(sql, p))
  }
  const membership = async (q: Query, tenantId: string, userId: string): Promise<TenantRole | null> =>
    (await q('SELECT role FROM tessera.tenant_users WHERE tenant_id = $1 AND user_id = $2 FOR UPDATE', [tenantId, userId])).rows[0]?.role ?? null

  return {
    async invite(input): Promise<IdentityInvitation> {
      const { tenantId, actor } = currentScope()
      const hash = input.password ? await hashPassword(input.password) : null
      // a user without a password (new, or never set one) gets a set-password link with the invitation
      let linkFor: IdentityUser | undefined
      const result = await asKernel(async (q): Promise<IdentityInvitation> => {
        const created = await q(
          `INSERT INTO tessera.users (email, name, password_hash) VALUES ($1, $2, $3) ON CONFLICT (lower(email)) DO NOTHING RETURNING id, email, name`,
          [input.email, input.name, hash],
        )
        if (created.rows[0]) {
          if (!hash) linkFor = created.rows[0] as IdentityUser
          assertMayChangeRole(actor, null, input.role)
          await q('INSERT INTO tessera.tenant_users (tenant_id, user_id, role) VALUES ($1, $2, $3)', [tenantId, created.rows[0].id, input.role])
          await announceCredentialChange(q)
          return { status: 'member', user: created.rows[0] as IdentityUser, invitationId: null, roleBefore: null, roleAfter: input.role }
        }
        const found = (await q('SELECT id, email, name, password_hash IS NULL AS "noPassword" FROM tessera.users WHERE lower(email) = lower($1)', [input.email])).rows[0]
        const user: IdentityUser = { id: found.id, email: found.email, name: found.name }
        if (found.noPassword) linkFor = user
        const before = await membership(q, tenantId, user.id)
        if (before) {
          // inviting never lowers: a member keeps their role unless the invitation is for a higher one
          if (roleRank(input.role) <= roleRank(before)) return { status: 'member', user, invitationId: null, roleBefore: before, roleAfter: before }
          assertMayChangeRole(actor, before, input.role)
          await q('UPDATE tessera.tenant_users SET role = $3 WHERE tenant_id = $1 AND user_id = $2', [tenantId, user.id, input.role])
          await announceCredentialChange(q)
          return { status: 'member', user, invitationId: null, roleBefore: before, roleAfter: input.role }
        }
        assertMayChangeRole(actor, null, input.role)
        const { rows } = await q(
          `INSERT INTO tessera.tenant_invitations (tenant_id, user_id, role, plugin_id, invited_by) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (tenant_id, user_id) WHERE accepted_at IS NULL AND closed_at IS NULL
           DO UPDATE SET role = EXCLUDED.role, plugin_id = EXCLUDED.plugin_id, invited_by = EXCLUDED.invited_by,
                         created_at = now(), expires_at = now() + interval '30 days'
           RETURNING id`,
          [tenantId, user.id, input.role, pluginId, `${actor.type}:${actor.id}`],
        )
        return { status: 'pending', user: null, invitationId: rows[0].id, roleBefore: null, roleAfter: null }
      })
      await auditInScope(pluginId, {
        action: 'identity.invite',
        target: result.user ? `user:${result.user.id}` : `invitation:${result.invitationId}`,
        data: { status: result.status, role: input.role, roleBefore: result.roleBefore, roleAfter: result.roleAfter },
      })
      if (linkFor && messages) {
        const issued = await asKernel((q) => issuePasswordToken(q, linkFor!.id, 'invitation'))
        await messages.deliverInScope({ id: issued.id, kind: 'invitation', user: linkFor, link: messages.link(issued.token), expiresAt: issued.expiresAt.toISOString() })
      }
      return result
    },

    async revoke(userId: string): Promise<void> {
      const { tenantId, actor } = currentScope()
      const before = await asKernel(async (q) => {
        const role = await membership(q, tenantId, userId)
        if (!role) return null
        assertMayChangeRole(actor, role, null)
        await q('DELETE FROM tessera.tenant_users WHERE tenant_id = $1 AND user_id = $2', [tenantId, userId])
        await announceCredentialChange(q)
        return role
      })
      if (before) await auditInScope(pluginId, { action: 'identity.revoke', target: `user:${userId}`, data: { roleBefore: before, roleAfter: null } })
    },

    async find(query = {}): Promise<IdentityUser[]> {
      const text = query.query ?? ''
      const limit = query.limit ?? 20
      if (text.length > 100) throw new RangeError('identity.find: query is longer than 100 characters')
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new RangeError('identity.find: limit must be an integer from 1 to 100')
      const { tenantId } = currentScope()
      const pattern = `%${text.replace(/[\\%_]/g, (c) => '\\' + c)}%`
      const { rows } = await asKernel((q) =>
        q(`${TENANT_USER} AND (u.name ILIKE $2 OR u.email ILIKE $2) ORDER BY lower(u.name), u.id LIMIT $3`, [tenantId, pattern, limit]))
      return rows as IdentityUser[]
    },

    async get(userId: string): Promise<IdentityUser | undefined> {
      if (!UUID.test(userId)) return undefined
      const { tenantId } = currentScope()
      const { rows } = await asKernel((q) => q(`${TENANT_USER} AND u.id = $2`, [tenantId, userId]))
      return rows[0] as IdentityUser | undefined
    },

    async cancelInvitation(invitationId: string): Promise<void> {
      const { tenantId } = currentScope()
      const closed = await asKernel((q) =>
        q(`UPDATE tessera.tenant_invitations SET closed_at = now() WHERE id = $1 AND tenant_id = $2 AND accepted_at IS NULL AND closed_at IS NULL`, [invitationId, tenantId]),
      )
      if (closed.rowCount) await auditInScope(pluginId, { action: 'identity.invitation.cancel', target: `invitation:${invitationId}` })
    },
  }
}
