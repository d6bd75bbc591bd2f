/**
 * The permission names spaces declares, for route configs, `ctx.can()` and UI `can()` checks.
 */

/** Spaces' permissions. */
export const spacesPermissions = {
  /** See locations and resources. */
  read: 'spaces.read',
  /** Create and change locations and resources. */
  write: 'spaces.write',
} as const

/** One of spaces' permission names. */
export type SpacesPermission = (typeof spacesPermissions)[keyof typeof spacesPermissions]
