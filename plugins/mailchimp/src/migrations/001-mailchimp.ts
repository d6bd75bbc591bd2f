/**
 * Migration 001: the tenant's settings (audience, field and tag mapping), the contacts this plugin put in the
 * audience (person → subscriber hash and state, the last error — never the e-mail itself), and sync runs (the first
 * sync's batches and their progress). All tenant tables (RLS by the kernel).
 */
import type { Migration } from '@tessera/sdk'

export const mailchimpMigration001: Migration = {
  name: '001_mailchimp',
  up: `
    CREATE TABLE settings (
      tenant_id uuid PRIMARY KEY,
      audience_id text,
      audience_name text,
      first_name_field text NOT NULL DEFAULT 'FNAME',
      last_name_field text NOT NULL DEFAULT 'LNAME',
      organisation_field text DEFAULT 'ORG',
      tag_organisation boolean NOT NULL DEFAULT true,
      tags text[] NOT NULL DEFAULT '{}',
      first_synced_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE contacts (
      tenant_id uuid NOT NULL,
      person_id uuid NOT NULL,
      audience_id text NOT NULL,
      subscriber_hash text NOT NULL CHECK (subscriber_hash ~ '^[0-9a-f]{32}$'),
      status text NOT NULL CHECK (status IN ('subscribed', 'unsubscribed', 'cleaned')),
      tags text[] NOT NULL DEFAULT '{}',
      last_error text,
      error_at timestamptz,
      synced_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, person_id, audience_id)
    );
    CREATE INDEX contacts_hash_idx ON contacts (tenant_id, audience_id, subscriber_hash);

    CREATE TABLE sync_runs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      audience_id text NOT NULL,
      status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'finished', 'failed')),
      phase text NOT NULL DEFAULT 'members' CHECK (phase IN ('members', 'tags')),
      done_operations integer NOT NULL DEFAULT 0,
      done_errored integer NOT NULL DEFAULT 0,
      batch_ids text[] NOT NULL DEFAULT '{}',
      total_operations integer NOT NULL DEFAULT 0,
      finished_operations integer NOT NULL DEFAULT 0,
      errored_operations integer NOT NULL DEFAULT 0,
      error text,
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    );
    CREATE INDEX sync_runs_started_idx ON sync_runs (tenant_id, started_at DESC);
  `,
  down: 'DROP TABLE sync_runs; DROP TABLE contacts; DROP TABLE settings;',
}
