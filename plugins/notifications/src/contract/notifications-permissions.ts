/**
 * The permission names notifications declares, for route configs and UI `can()` checks. The roles holding each are the
 * plugin's own declaration (`src/index.ts`).
 */

/** Notifications' permissions. @public */
export const notificationsPermissions = {
  /** See the e-mail settings and the sent-mail log, send a test e-mail, retry a failed message. */
  manage: 'notifications.manage',
  /** Read and change one's own e-mail preferences. */
  self: 'notifications.self',
} as const

/** One of notifications' permission names. @public */
export type NotificationsPermission = (typeof notificationsPermissions)[keyof typeof notificationsPermissions]
