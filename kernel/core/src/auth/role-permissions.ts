/**
 * Which permissions each tenant role holds: the union of what every healthy plugin (and the kernel) declares.
 * `owner` holds all of them. Anything not declared is held by nobody — deny by default.
 */
import type { PermissionDeclaration, TenantRole } from '@tessera/sdk'
import { TENANT_ROLES } from '@tessera/sdk'

/** The kernel's own permissions. */
export const kernelPermissions: Record<string, PermissionDeclaration> = {
  'tessera.audit.read': { description: 'Read the tenant audit log', roles: ['admin'] },
  'tessera.users.read': { description: 'List the tenant users and their roles', roles: ['admin', 'manager'] },
  'tessera.users.manage': { description: 'Invite users, change their roles (below one\'s own) and remove them', roles: ['admin'] },
}

/** Role → permission set. */
export class RolePermissions {
  readonly #byRole = new Map<TenantRole, Set<string>>()
  readonly #all = new Set<string>()

  constructor(declarations: Iterable<Record<string, PermissionDeclaration> | undefined>) {
    for (const role of TENANT_ROLES) this.#byRole.set(role, new Set())
    for (const decl of [kernelPermissions, ...declarations]) {
      for (const [name, d] of Object.entries(decl ?? {})) {
        this.#all.add(name)
        for (const role of d.roles) this.#byRole.get(role)?.add(name)
      }
    }
    this.#byRole.set('owner', this.#all)
  }

  /** The permissions of `role` (empty for no role). */
  of(role: TenantRole | null | undefined): ReadonlySet<string> {
    return (role && this.#byRole.get(role)) || new Set()
  }

  /** Every declared permission. */
  get all(): ReadonlySet<string> {
    return this.#all
  }
}
