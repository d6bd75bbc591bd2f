/**
 * The permission names bookings declares; routes and screens ask for these (`can(bookingsPermissions.manage)`).
 */

/** Bookings' permissions. */
export const bookingsPermissions = {
  /** Find free slots and book for oneself; see one's own bookings. */
  book: 'bookings.book',
  /** See every booking of the tenant. */
  read: 'bookings.read',
  /** Book, move, cancel and check in for anyone; staff-only resources; feed links. */
  manage: 'bookings.manage',
} as const

/** A bookings permission name. */
export type BookingsPermission = (typeof bookingsPermissions)[keyof typeof bookingsPermissions]
