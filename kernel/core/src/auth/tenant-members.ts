/**
 * The users of a tenant and their roles, as the tenant's admins manage them (`/api/v1/tenant/users`): the list with
 * pending invitations, a role change and a removal. Every change follows the role rule of `role-rules.ts` (nobody
 * grants, lowers or removes a role at or above their own; 403 with the reason otherwise), a tenant always keeps an
 * owner (409), nobody changes or removes their own membership here (409: ask another admin), and each change is
 * audited with the role before and after, NOTIFYs `tessera_auth` (sessions, tokens and sockets follow at once) and runs
 * on the scope's platform side transaction — users are platform rows the runtime role cannot touch. Inviting goes
 * through `ctx.identity`'s invite (`identity.ts`), which owns the new-user, existing-member and pending cases.
 */
import { problem } from '@tessera/sdk'
import type { TenantRole } from '@tessera/sdk'
import { currentScope } from '../db/tenant-scope.ts'
import { auditInScope } from '../audit/audit-writer.ts'
import { assertMayChangeRole } from './role-rules.ts'
import { announceCredentialChange } from './credential-changes.ts'
import type { RoleChanger } from './role-rules.ts'

/** A user of the tenant as the users screen lists them. */
export interface TenantMember {
  id: string
  email: string
  name: string
  role: TenantRole
  /** Whether they can sign in yet (false until an invited user sets a password). */
  hasPassword: boolean
  disabled: boolean
  since: string
}

/** An invitation an existing user of the platform has not answered yet. */
export interface PendingInvitation {
  id: string
  email: string
  name: string
  role: TenantRole
  invitedAt: string
  expiresAt: string
}

const query = (sql: string, values: unknown[]) => currentScope().platform.query(sql, values)
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/** One page of the current tenant's users, ordered by name, optionally those whose name or e-mail contains `q`. */
export async function listMembers(page: { limit: number; offset: number; q?: string }): Promise<{ items: TenantMember[]; total: number; invitations: PendingInvitation[] }> {
  const { tenantId } = currentScope()
  const pattern = page.q ? `%${escapeLike(page.q)}%` : null
  const filter = `tu.tenant_id = $1 AND ($2::text IS NULL OR u.name ILIKE $2 OR u.email ILIKE $2)`
  const items = await query(
    `SELECT u.id, u.email, u.name, tu.role, u.password_hash IS NOT NULL AS "hasPassword", u.disabled_at IS NOT NULL AS disabled, tu.created_at AS since
       FROM tessera.tenant_users tu JOIN tessera.users u ON u.id = tu.user_id
      WHERE ${filter} ORDER BY lower(u.name), u.id LIMIT $3 OFFSET $4`,
    [tenantId, pattern, page.limit, page.offset],
  )
  const total = await query(`SELECT count(*)::int AS n FROM tessera.tenant_users tu JOIN tessera.users u ON u.id = tu.user_id WHERE ${filter}`, [tenantId, pattern])
  const invitations = await query(
    `SELECT i.id, u.email, u.name, i.role, i.created_at AS "invitedAt", i.expires_at AS "expiresAt"
       FROM tessera.tenant_invitations i JOIN tessera.users u ON u.id = i.user_id
      WHERE i.tenant_id = $1 AND i.accepted_at IS NULL AND i.closed_at IS NULL AND i.expires_at > now()
      ORDER BY i.created_at DESC LIMIT 100`,
    [tenantId],
  )
  return { items: items.rows as TenantMember[], total: total.rows[0].n, invitations: invitations.rows as PendingInvitation[] }
}

/** The membership row of `userId`, locked for the change, or 404. */
async function lockedRole(userId: string): Promise<TenantRole> {
  const { tenantId } = currentScope()
  const { rows } = await query('SELECT role FROM tessera.tenant_users WHERE tenant_id = $1 AND user_id = $2 FOR UPDATE', [tenantId, userId])
  if (!rows[0]) throw problem.notFound('This person is not a user of this tenant.')
  return rows[0].role as TenantRole
}

function refuseSelf(userId: string, after: TenantRole | null): void {
  const { actor } = currentScope()
  if (actor.type === 'user' && actor.id === userId) {
    throw problem.conflict(after === null ? 'You cannot remove yourself: ask another admin.' : 'You cannot change your own role: ask another admin.')
  }
}

async function refuseLastOwner(before: TenantRole, after: TenantRole | null): Promise<void> {
  const { tenantId } = currentScope()
  if (before === 'owner' && after !== 'owner') {
    const { rows } = await query(`SELECT count(*)::int AS n FROM tessera.tenant_users WHERE tenant_id = $1 AND role = 'owner'`, [tenantId])
    if (rows[0].n <= 1) throw problem.conflict('A tenant keeps at least one owner: make someone else owner first.')
  }
}

/**
 * Changes the role of a user of the current tenant (audited); answers the role before. `who` is the caller as the role
 * rule sees them (their role here, and whether they are a platform operator).
 */
export async function changeMemberRole(userId: string, role: TenantRole, who: RoleChanger): Promise<TenantRole> {
  const { tenantId } = currentScope()
  refuseSelf(userId, role)
  const before = await lockedRole(userId)
  if (before === role) return before
  assertMayChangeRole(who, before, role)
  await refuseLastOwner(before, role)
  await query('UPDATE tessera.tenant_users SET role = $3 WHERE tenant_id = $1 AND user_id = $2', [tenantId, userId, role])
  await announceCredentialChange(query)
  await auditInScope('tessera', { action: 'tenant.user.role', target: `user:${userId}`, data: { roleBefore: before, roleAfter: role } })
  return before
}

/** Removes a user from the current tenant (their account and other tenants are untouched; audited). */
export async function removeMember(userId: string, who: RoleChanger): Promise<void> {
  const { tenantId } = currentScope()
  refuseSelf(userId, null)
  const before = await lockedRole(userId)
  assertMayChangeRole(who, before, null)
  await refuseLastOwner(before, null)
  await query('DELETE FROM tessera.tenant_users WHERE tenant_id = $1 AND user_id = $2', [tenantId, userId])
  await announceCredentialChange(query)
  await auditInScope('tessera', { action: 'tenant.user.remove', target: `user:${userId}`, data: { roleBefore: before, roleAfter: null } })
}
