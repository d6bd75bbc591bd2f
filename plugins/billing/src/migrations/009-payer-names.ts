/**
 * Migration 009: `payer_names`, billing's searchable copy of each payer's name (a person's or an organisation's), so
 * the top-bar search (`search/billing-search.ts`) finds invoices and credit notes by their payer's name without
 * reading members' schema. The copy is filled and kept current through members' contract (`search/payer-names.ts`:
 * its `directory` read API, on members' person and organisation events and on billing's own `invoice.drafted`); `name`
 * is NULL when the payer has no name to search by (an anonymised or unknown person, a deleted organisation). Existing
 * invoices are backfilled per tenant when the tenant enables the plugin (re-enabling or applying a tenant manifest
 * after the upgrade runs it), and in small batches on every event heard. Tenant-scoped by RLS like every tenant table;
 * `pg_trgm` and `simple` full-text indexes, like bookings' title search.
 */
import type { Migration } from '@tessera/sdk'

export const billingMigration009: Migration = {
  name: '009_payer_names',
  up: `
    CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
    CREATE TABLE payer_names (
      tenant_id uuid NOT NULL,
      payer_type text NOT NULL CHECK (payer_type IN ('person', 'organisation')),
      payer_id uuid NOT NULL,
      name text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, payer_type, payer_id)
    );
    CREATE INDEX payer_names_trgm ON payer_names USING gin (lower(name) public.gin_trgm_ops) WHERE name IS NOT NULL;
    CREATE INDEX payer_names_fts ON payer_names USING gin (to_tsvector('simple', name)) WHERE name IS NOT NULL;
  `,
  down: 'DROP TABLE payer_names;',
}
