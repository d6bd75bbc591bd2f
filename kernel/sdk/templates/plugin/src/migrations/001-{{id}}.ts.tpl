/**
 * Migration 001: the plugin's own schema `{{schema}}` (the kernel creates it and puts it on the search_path). `notes`
 * holds each tenant's notes. Because the table has a `tenant_id`, the kernel turns on Row-Level Security (ENABLE +
 * FORCE) with the tenant policy and defaults `tenant_id` to the current tenant, as for every core plugin: the plugin's
 * SQL never names a tenant and can never see another's rows. Migrations run once each, in order, in one transaction;
 * add `002_…` for a change — never edit an applied one.
 */
import type { Migration } from '@tessera/sdk'

export const migration001: Migration = {
  name: '001_{{schema}}',
  up: `
    CREATE TABLE notes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      body text NOT NULL DEFAULT '' CHECK (length(body) <= 2000),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX notes_newest ON notes (tenant_id, created_at DESC, id);
  `,
  down: 'DROP TABLE notes;',
}
