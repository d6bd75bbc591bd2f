/**
 * Migration 001: bookings, recurring series and calendar feed tokens.
 *
 * Double bookings are impossible by construction: every booking holds a `seat` (always 1 for meeting rooms, offices
 * and event spaces; 1..capacity for a hot-desk area) and the exclusion constraint forbids two active bookings of the
 * same resource and seat whose `tstzrange`s overlap. `btree_gist` lets the GiST index compare the uuid and integer
 * columns with `=`. Cancelled and released bookings leave the constraint, so their time is bookable again.
 */
import type { Migration } from '@tessera/sdk'

export const bookingsMigration001: Migration = {
  name: '001_bookings',
  up: `
    CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;

    CREATE TABLE series (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      resource_id uuid NOT NULL,
      person_id uuid NOT NULL,
      rrule text NOT NULL,
      timezone text NOT NULL,
      first_start timestamptz NOT NULL,
      duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
      title text,
      created_by text,
      cancelled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, id)
    );

    CREATE TABLE bookings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      resource_id uuid NOT NULL,
      location_id uuid NOT NULL,
      person_id uuid NOT NULL,
      series_id uuid,
      occurrence_start timestamptz,
      seat integer NOT NULL DEFAULT 1 CHECK (seat >= 1),
      during tstzrange NOT NULL CHECK (NOT isempty(during) AND NOT lower_inf(during) AND NOT upper_inf(during)),
      status text NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'checked_in', 'cancelled', 'released')),
      title text,
      created_by text,
      checked_in_at timestamptz,
      cancelled_at timestamptz,
      released_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (tenant_id, series_id) REFERENCES series (tenant_id, id),
      CONSTRAINT bookings_no_overlap EXCLUDE USING gist (resource_id WITH =, seat WITH =, during WITH &&)
        WHERE (status IN ('confirmed', 'checked_in'))
    );
    CREATE INDEX bookings_person_idx ON bookings (tenant_id, person_id, lower(during));
    CREATE INDEX bookings_location_idx ON bookings (tenant_id, location_id, lower(during));
    CREATE INDEX bookings_series_idx ON bookings (series_id) WHERE series_id IS NOT NULL;
    CREATE INDEX bookings_pending_checkin_idx ON bookings (tenant_id, lower(during)) WHERE status = 'confirmed';

    CREATE TABLE feed_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      subject_kind text NOT NULL CHECK (subject_kind IN ('person', 'resource')),
      subject_id uuid NOT NULL,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, subject_kind, subject_id)
    );
  `,
  down: 'DROP TABLE feed_tokens; DROP TABLE bookings; DROP TABLE series;',
}
