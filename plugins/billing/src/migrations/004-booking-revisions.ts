/**
 * Migration 004: which revision of a booking its charge prices, and which open charge holds its money part.
 * A booking moved or resized (`bookings.booking.moved`, with the booking's new `revision`) is re-priced once per
 * revision: `revision` is the last one applied, so a redelivered or older event changes nothing; `charge_source` is
 * the `source` of the charge currently billing it (`booking:<id>` at first, `booking:<id>:r<revision>` after a
 * re-price; null means `booking:<id>`).
 */
import type { Migration } from '@tessera/sdk'

export const billingMigration004: Migration = {
  name: '004_booking_revisions',
  up: `
    ALTER TABLE booking_charges ADD COLUMN revision integer NOT NULL DEFAULT 0, ADD COLUMN charge_source text;
  `,
}
