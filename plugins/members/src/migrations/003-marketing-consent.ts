/**
 * Migration 003: a person's marketing consent — whether they agreed to newsletters, when it was last decided and by
 * whom (`staff`, `self`, `import`, `mailchimp`). No decision recorded means no consent.
 */
import type { Migration } from '@tessera/sdk'

export const membersMigration003: Migration = {
  name: '003_marketing_consent',
  up: `
    ALTER TABLE people
      ADD COLUMN marketing_consent boolean NOT NULL DEFAULT false,
      ADD COLUMN marketing_consent_at timestamptz,
      ADD COLUMN marketing_consent_source text CHECK (marketing_consent_source IN ('staff', 'self', 'import', 'mailchimp'));
    CREATE INDEX people_id_page_idx ON people (tenant_id, id) WHERE anonymised_at IS NULL;
  `,
  down: `
    DROP INDEX people_id_page_idx;
    ALTER TABLE people DROP COLUMN marketing_consent, DROP COLUMN marketing_consent_at, DROP COLUMN marketing_consent_source;
  `,
}
