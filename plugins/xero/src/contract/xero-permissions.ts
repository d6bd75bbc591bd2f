/**
 * The permission names the Xero plugin declares, for route configs, `ctx.can()` and the UI's `can()`.
 */

/** Xero's permissions. @public */
export const xeroPermissions = {
  /** Connect and disconnect Xero, map accounts and tax rates, retry failed documents, start a first sync. */
  manage: 'xero.manage',
  /** See the connection, the sync log and the reconciliation. */
  read: 'xero.read',
} as const

/** One of Xero's permission names. @public */
export type XeroPermission = (typeof xeroPermissions)[keyof typeof xeroPermissions]
