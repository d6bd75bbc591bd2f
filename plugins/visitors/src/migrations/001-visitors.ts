/**
 * Migration 001: the visitors plugin's own schema. `visitors`: one row per registered visit — who is coming (name,
 * optional e-mail and company), when, to see which tenant user (`host_user_id`, with the host's name as it was at
 * registration), and where the visit is (`expected` → `arrived` → `left`, or `cancelled`), with the badge handed out at
 * check-in. A badge number is unique per tenant and day (`badge_day`, the local date in the plugin's timezone):
 * `badge_counters` holds the last number given out that day, incremented in the check-in's transaction. The kernel
 * adds RLS (ENABLE + FORCE, the tenant policy) and the `tenant_id` default to both tables.
 */
import type { Migration } from '@tessera/sdk'

export const visitorsMigration001: Migration = {
  name: '001_visitors',
  up: `
    CREATE TABLE visitors (
      id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
      email text CHECK (length(email) <= 254),
      company text CHECK (length(company) <= 120),
      expected_at timestamptz NOT NULL,
      host_user_id uuid NOT NULL,
      host_name text NOT NULL,
      status text NOT NULL DEFAULT 'expected' CHECK (status IN ('expected', 'arrived', 'left', 'cancelled')),
      badge_number integer CHECK (badge_number BETWEEN 1 AND 100000),
      badge_day text CHECK (badge_day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      arrived_at timestamptz,
      left_at timestamptz,
      cancelled_at timestamptz,
      location_id uuid,
      registered_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status IN ('arrived', 'left')) = (badge_number IS NOT NULL AND badge_day IS NOT NULL AND arrived_at IS NOT NULL)),
      CHECK ((status = 'left') = (left_at IS NOT NULL)),
      CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
    );
    CREATE UNIQUE INDEX visitors_badge_per_day ON visitors (tenant_id, badge_day, badge_number) WHERE badge_number IS NOT NULL;
    CREATE INDEX visitors_expected ON visitors (tenant_id, expected_at);
    CREATE INDEX visitors_host ON visitors (tenant_id, host_user_id, expected_at);
    CREATE TABLE badge_counters (
      tenant_id uuid NOT NULL,
      day text NOT NULL CHECK (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      last integer NOT NULL CHECK (last BETWEEN 1 AND 100000),
      PRIMARY KEY (tenant_id, day)
    );
  `,
  down: 'DROP TABLE badge_counters; DROP TABLE visitors;',
}
