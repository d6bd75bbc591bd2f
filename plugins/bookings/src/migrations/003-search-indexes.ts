/**
 * Migration 003: indexes of the top-bar search (`search/bookings-search.ts`) — a `pg_trgm` trigram GIN index on the
 * lower-cased booking title (typo-tolerant `%` / `<%` and `similarity`) and a `simple` full-text GIN index (word
 * matches). Only titled bookings are indexed. The extension goes to `public`, like `btree_gist` in migration 001.
 */
import type { Migration } from '@tessera/sdk'

export const bookingsMigration003: Migration = {
  name: '003_search_indexes',
  up: `
    CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
    CREATE INDEX bookings_title_trgm ON bookings USING gin (lower(title) public.gin_trgm_ops) WHERE title IS NOT NULL;
    CREATE INDEX bookings_title_fts ON bookings USING gin (to_tsvector('simple', title)) WHERE title IS NOT NULL;
  `,
  down: 'DROP INDEX bookings_title_fts; DROP INDEX bookings_title_trgm;',
}
