/**
 * The permissions billing declares, by name: what routes require and what screens ask with `can(...)`. The roles that
 * hold each one are billing's own declaration (`src/index.ts`); other plugins and the UI use only these names.
 */

/** Permission names of billing. @public */
export const billingPermissions = {
  /** See plans, memberships, invoices and wallets (staff). */
  read: 'billing.read',
  /** Plans, memberships, invoices, payments, credit notes, invoice runs (staff). */
  manage: 'billing.manage',
  /** See and pay one's own invoices, plan and credits (members and staff). */
  self: 'billing.self',
} as const

/** One of billing's permission names. @public */
export type BillingPermission = (typeof billingPermissions)[keyof typeof billingPermissions]
