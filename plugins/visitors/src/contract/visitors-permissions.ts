/**
 * The permission names the visitors plugin declares, for route configs and UI `can()` checks. The roles holding each
 * are the plugin's own declaration (`src/index.ts`).
 */

/** The visitors plugin's permissions. @public */
export const visitorsPermissions = {
  /** See every visitor of the tenant (the front-desk list, one visitor). */
  read: 'visitors.read',
  /** Pre-register one's own guests (the caller is the host), see and cancel them. */
  register: 'visitors.register',
  /** Front desk: register a visitor for any host, check visitors in and out, cancel any registration. */
  manage: 'visitors.manage',
} as const

/** One of the visitors plugin's permission names. @public */
export type VisitorsPermission = (typeof visitorsPermissions)[keyof typeof visitorsPermissions]
