/**
 * The tenant roles as the shell's screens offer them (users and roles, API tokens), and which of them a caller may
 * hand out. The kernel's one list is the SDK's `TENANT_ROLES` (`kernel/sdk/src/roles.ts`) and its ranking the role rule
 * (`kernel/core/src/auth/role-rules.ts`); the shell cannot import either — it is browser code that depends on the
 * UI kit only (no `@tessera/sdk` or kernel dependency), and no API answer or UI-kit export carries the list — so this
 * is its single copy, in the same order. The server checks every role it is sent either way.
 */

/** One tenant role (the SDK's `TenantRole`). */
export type TenantRole = 'owner' | 'admin' | 'manager' | 'finance' | 'support' | 'member'

/** Every role, highest first (the order of the SDK's `TENANT_ROLES`). */
export const tenantRoles: readonly TenantRole[] = ['owner', 'admin', 'manager', 'finance', 'support', 'member']

const rank: Record<TenantRole, number> = { owner: 5, admin: 4, manager: 3, finance: 2, support: 2, member: 1 }

/** A role as a screen shows it: `Owner`, `Support`. */
export const roleLabel = (role: string): string => role.charAt(0).toUpperCase() + role.slice(1)

/** The roles someone with `own` may grant or take away (those strictly below their own); the server has the last word. */
export function rolesBelow(own: string, operator = false): TenantRole[] {
  if (operator) return [...tenantRoles]
  const mine = rank[own as TenantRole] ?? 0
  return tenantRoles.filter((r) => rank[r] < mine)
}

/** The roles a token issued by someone with `own` may have (up to their own; `member` when the role is unknown). */
export function rolesUpTo(own: string): TenantRole[] {
  const mine = rank[own as TenantRole]
  return mine === undefined ? ['member'] : tenantRoles.filter((r) => rank[r] <= mine)
}
