/**
 * The permission names PaperCut declares, for route configs and UI `can()` checks. The roles holding each are the
 * plugin's own declaration (`src/index.ts`).
 */

/** PaperCut's permissions. @public */
export const papercutPermissions = {
  /** See every person's PaperCut sync state and errors; retry a failed sync. */
  manage: 'papercut.manage',
  /** See one's own print balance and usage. */
  self: 'papercut.self',
} as const

/** One of PaperCut's permission names. @public */
export type PapercutPermission = (typeof papercutPermissions)[keyof typeof papercutPermissions]
