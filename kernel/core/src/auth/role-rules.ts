/**
 * The role rule (INV-10): nobody grants, lowers or removes a role at or above their own. Roles are ranked owner >
 * admin > manager > finance = support > member; a change from `from` to `to` (either `null` for "no membership") is
 * allowed only when the actor outranks both. System actors (jobs, hooks, seeds, the CLI) and platform operators are
 * exempt: they are how a tenant gets its first owner. Every path that assigns a tenant role (plugins' `ctx.identity`,
 * invitations, API tokens) goes through here.
 */
import type { Actor, TenantRole } from '@tessera/sdk'
import { problem } from '@tessera/sdk'

const RANK: Record<TenantRole, number> = { owner: 5, admin: 4, manager: 3, finance: 2, support: 2, member: 1 }

/** The rank of a role (0 for none). */
export function roleRank(role: TenantRole | null | undefined): number {
  return role ? RANK[role] : 0
}

/** The higher of two roles (`a` on a tie). */
export function higherRole(a: TenantRole | null, b: TenantRole | null): TenantRole | null {
  return roleRank(b) > roleRank(a) ? b : a
}

/** Who changes a role: an actor of a tenant scope, or an operator outside one. */
export interface RoleChanger {
  type: Actor['type']
  role?: TenantRole | null
  isOperator?: boolean
}

/** Whether `who` may change a membership from `from` to `to`. */
export function mayChangeRole(who: RoleChanger, from: TenantRole | null, to: TenantRole | null): boolean {
  if (who.type === 'system' || who.isOperator) return true
  if (who.type !== 'user' && who.type !== 'token') return false
  const own = roleRank(who.role)
  return roleRank(from) < own && roleRank(to) < own
}

/** Throws 403 unless {@link mayChangeRole}. */
export function assertMayChangeRole(who: RoleChanger, from: TenantRole | null, to: TenantRole | null): void {
  if (mayChangeRole(who, from, to)) return
  const what = to === null ? `remove the ${from} role` : from === null ? `grant the ${to} role` : `change a ${from} into a ${to}`
  throw problem.forbidden(`Your role (${who.role ?? 'none'}) may not ${what}: nobody grants, lowers or removes a role at or above their own.`)
}

/**
 * Whether a member with `creatorRole` may hold (mint, and keep using) an API token with `tokenRole`: owners and
 * admins only, and never above their own role. A token stops working as soon as this no longer holds for its creator.
 */
export function mayHoldToken(creatorRole: TenantRole | null | undefined, tokenRole: TenantRole): boolean {
  return (creatorRole === 'owner' || creatorRole === 'admin') && roleRank(tokenRole) <= roleRank(creatorRole)
}
