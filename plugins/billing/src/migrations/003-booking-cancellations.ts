/**
 * Migration 003: cancellations of bookings that billing had not charged yet. Bookings' `created` and `cancelled`
 * events reach billing on separate queues, so a cancellation can be handled before the charge; it is remembered here
 * and the charge, when it comes, is refunded by the same rule as if the events had arrived in order.
 */
import type { Migration } from '@tessera/sdk'

export const billingMigration003: Migration = {
  name: '003_booking_cancellations',
  up: `
    CREATE TABLE booking_cancellations (
      tenant_id uuid NOT NULL,
      booking_id uuid NOT NULL,
      cancelled_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, booking_id)
    );
  `,
}
