/**
 * Migration 005: indexes of the top-bar search (`search/members-search.ts`) — `pg_trgm` trigram GIN indexes on the
 * lower-cased names and e-mails (typo-tolerant `%` / `<%` and `similarity`) and `simple` full-text GIN indexes (word
 * matches with `@@ plainto_tsquery`). The extension goes to `public`, like bookings' `btree_gist`.
 */
import type { Migration } from '@tessera/sdk'

export const membersMigration005: Migration = {
  name: '005_search_indexes',
  up: `
    CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
    CREATE INDEX people_name_trgm ON people USING gin (lower(name) public.gin_trgm_ops);
    CREATE INDEX people_email_trgm ON people USING gin (lower(coalesce(email, '')) public.gin_trgm_ops);
    CREATE INDEX people_fts ON people USING gin (to_tsvector('simple', name || ' ' || coalesce(email, '')));
    CREATE INDEX organisations_name_trgm ON organisations USING gin (lower(name) public.gin_trgm_ops);
    CREATE INDEX organisations_fts ON organisations USING gin (to_tsvector('simple', name));
  `,
}
