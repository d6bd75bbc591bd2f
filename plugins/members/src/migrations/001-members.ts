/**
 * Migration 001: organisations and people. Both are tenant tables (RLS is applied by the kernel because of
 * `tenant_id`). Foreign keys are composite with `tenant_id`, because PostgreSQL checks foreign keys without RLS: a
 * person could otherwise point at another tenant's organisation by guessing its id.
 */
import type { Migration } from '@tessera/sdk'

export const membersMigration001: Migration = {
  name: '001_members',
  up: `
    CREATE TABLE organisations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      email text,
      phone text,
      notes text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, id)
    );
    CREATE UNIQUE INDEX organisations_name_key ON organisations (tenant_id, lower(name));

    CREATE TABLE people (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      organisation_id uuid,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      email text,
      phone text,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'left')),
      notes text,
      user_id uuid,
      anonymised_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisations (tenant_id, id) ON DELETE RESTRICT
    );
    CREATE UNIQUE INDEX people_email_key ON people (tenant_id, lower(email)) WHERE email IS NOT NULL;
    CREATE UNIQUE INDEX people_user_key ON people (tenant_id, user_id) WHERE user_id IS NOT NULL;
    CREATE INDEX people_organisation_idx ON people (tenant_id, organisation_id);
    CREATE INDEX people_name_idx ON people (tenant_id, lower(name));
  `,
  down: 'DROP TABLE people; DROP TABLE organisations;',
}
