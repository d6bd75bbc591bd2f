/**
 * Tenant roles. Every user of a tenant has exactly one; permissions declared by plugins say which roles hold them.
 * `owner` holds every permission of the tenant. Platform operators are a separate, tenant-independent flag.
 */

/** The tenant roles, from most to least privileged. @public */
export const TENANT_ROLES = ['owner', 'admin', 'manager', 'finance', 'support', 'member'] as const

/** One tenant role. @public */
export type TenantRole = (typeof TENANT_ROLES)[number]

/** A permission a plugin declares: what it allows and which roles hold it by default. @public */
export interface PermissionDeclaration {
  /** Human description shown to operators. */
  description: string
  /** Roles granted this permission (owner always is). */
  roles: TenantRole[]
}
