/**
 * Migration 004: notes about a person — dated entries written by staff (who and when kept), shown on the profile
 * newest first. The older single `people.notes` field stays as the person's standing remark.
 */
import type { Migration } from '@tessera/sdk'

export const membersMigration004: Migration = {
  name: '004_person_notes',
  up: `
    CREATE TABLE person_notes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      person_id uuid NOT NULL REFERENCES people (id),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
      author_id text,
      author_label text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX person_notes_person_idx ON person_notes (tenant_id, person_id, created_at DESC);
  `,
  down: 'DROP TABLE person_notes;',
}
