/**
 * Migration 004: `person_names`, bookings' searchable copy of each booked person's name, so the top-bar search
 * (`search/bookings-search.ts`) finds a person's bookings by their name without reading members' schema. The copy is
 * filled and kept current through members' contract (`search/person-names.ts`: its `directory` read API, on members'
 * person events and on bookings' own `booking.created`); `name` is NULL when the person has no name to search by
 * (anonymised, or unknown to members). Existing bookings are backfilled per tenant when the tenant enables the plugin
 * (and re-enabling/applying a tenant manifest after the upgrade runs it), and in small batches on every person event
 * heard. Tenant-scoped by RLS like every tenant table; `pg_trgm` and `simple` full-text indexes like migration 003.
 */
import type { Migration } from '@tessera/sdk'

export const bookingsMigration004: Migration = {
  name: '004_person_names',
  up: `
    CREATE TABLE person_names (
      tenant_id uuid NOT NULL,
      person_id uuid NOT NULL,
      name text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, person_id)
    );
    CREATE INDEX person_names_trgm ON person_names USING gin (lower(name) public.gin_trgm_ops) WHERE name IS NOT NULL;
    CREATE INDEX person_names_fts ON person_names USING gin (to_tsvector('simple', name)) WHERE name IS NOT NULL;
  `,
  down: 'DROP TABLE person_names;',
}
