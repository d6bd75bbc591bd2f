/**
 * The permission names the access plugin declares. Routes require them; screens ask `can(accessPermissions.unlock)`.
 * The declarations (descriptions, default roles) live in the plugin manifest.
 */

/** Access permission names. @public */
export const accessPermissions = {
  /** See doors, their live status, agents, groups and the door event log. */
  read: 'access.read',
  /** Register agents; manage doors, access groups and credentials. */
  manage: 'access.manage',
  /** Unlock any door remotely. */
  unlock: 'access.unlock',
  /** See and unlock the doors one has access to; set one's own PIN. */
  self: 'access.self',
  /** Print test pages and documents on the site printers; cancel print jobs. */
  print: 'access.print',
} as const

/** One of the access plugin's permission names. @public */
export type AccessPermission = (typeof accessPermissions)[keyof typeof accessPermissions]
