/**
 * Migration 001: locations and bookable resources. Opening hours, closures, address, rules and prices are JSON
 * documents validated by the routes (JSON Schema plus the checks in `validation/`); the columns the database must
 * guarantee (kind, capacity) have CHECK constraints. The resource → location key is composite with `tenant_id`
 * (foreign keys are checked without RLS).
 */
import type { Migration } from '@tessera/sdk'

export const spacesMigration001: Migration = {
  name: '001_spaces',
  up: `
    CREATE TABLE locations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      address jsonb NOT NULL DEFAULT '{}',
      timezone text NOT NULL,
      opening_hours jsonb NOT NULL DEFAULT '{}',
      closures jsonb NOT NULL DEFAULT '[]',
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, id)
    );
    CREATE UNIQUE INDEX locations_name_key ON locations (tenant_id, lower(name));

    CREATE TABLE resources (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      location_id uuid NOT NULL,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      kind text NOT NULL CHECK (kind IN ('meeting_room', 'private_office', 'event_space', 'hot_desk_area')),
      capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
      amenities text[] NOT NULL DEFAULT '{}',
      rules jsonb NOT NULL DEFAULT '{}',
      prices jsonb NOT NULL DEFAULT '{}',
      description text,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (tenant_id, location_id) REFERENCES locations (tenant_id, id) ON DELETE RESTRICT
    );
    CREATE UNIQUE INDEX resources_name_key ON resources (tenant_id, location_id, lower(name));
    CREATE INDEX resources_location_idx ON resources (tenant_id, location_id, kind);
  `,
  down: 'DROP TABLE resources; DROP TABLE locations;',
}
