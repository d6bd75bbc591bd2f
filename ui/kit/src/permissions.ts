/**
 * The signed-in user's permissions in the current tenant, as the UI manifest lists them. The shell sets them each
 * time it loads the manifest (sign-in, tenant switch, role change); screens ask `can('billing.manage')` instead of
 * keeping their own lists of roles, so the server's permission map is the only place that decides who may do what.
 * The server still checks every request: this only decides what a screen offers.
 */

let current: ReadonlySet<string> = new Set()

/** Replaces the current user's permissions (called by the shell with the manifest's `permissions`). */
export function setPermissions(permissions: Iterable<string>): void {
  current = new Set(permissions)
}

/** Whether the signed-in user holds `permission` in the current tenant. */
export function can(permission: string): boolean {
  return current.has(permission)
}

/** Whether the signed-in user holds at least one of `permissions`. */
export function canAny(...permissions: string[]): boolean {
  return permissions.some((p) => current.has(p))
}
