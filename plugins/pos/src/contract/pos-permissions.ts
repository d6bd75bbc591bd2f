/**
 * The permission names POS declares. Routes require them; screens ask `can(posPermissions.reports)`; other plugins use
 * them to gate their own use of POS data. The declarations (descriptions, default roles) live in the plugin manifest.
 */

/** POS permission names. @public */
export const posPermissions = {
  /** See products and sell at the front desk. */
  sell: 'pos.sell',
  /** Refund sales. */
  refund: 'pos.refund',
  /** Products, prices and stock. */
  manage: 'pos.manage',
  /** Daily sales reports. */
  reports: 'pos.reports',
} as const

/** One of POS's permission names. @public */
export type PosPermission = (typeof posPermissions)[keyof typeof posPermissions]
