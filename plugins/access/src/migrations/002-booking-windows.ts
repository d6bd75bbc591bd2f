/**
 * Migration 002: the bookings this plugin has heard of (from `bookings.booking.*` events), so a booking opens the
 * booked room's doors — and the location's entrances — for the booked time. `event_at` orders the events of one
 * booking: an older event arriving late (at-least-once delivery, retries) never overwrites a newer one.
 */
import type { Migration } from '@tessera/sdk'

export const accessMigration002: Migration = {
  name: '002_booking_windows',
  up: `
    CREATE TABLE booking_windows (
      tenant_id uuid NOT NULL,
      booking_id uuid NOT NULL,
      person_id uuid NOT NULL,
      resource_id uuid NOT NULL,
      location_id uuid NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      active boolean NOT NULL,
      event_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, booking_id)
    );
    CREATE INDEX booking_windows_person_idx ON booking_windows (tenant_id, person_id, ends_at) WHERE active;
  `,
  down: 'DROP TABLE booking_windows;',
}
