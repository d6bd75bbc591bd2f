/**
 * Migration 003: access by membership plan. `memberships` is this plugin's own copy of billing's membership state,
 * kept from the `billing.membership.*` events (event-carried state — access does not depend on billing, which a
 * tenant may not run). One row per membership: payer, plan and start (from `created`), the last day (from `ended`),
 * the status (`created`/`reactivated` → active, `suspended`). `status_event_at` / `ends_event_at` order the events
 * of one membership per field, so a late or redelivered older event never overwrites a newer one, and events
 * arriving out of order (separate queues) merge into the same row. Group members may now be plans.
 */
import type { Migration } from '@tessera/sdk'

export const accessMigration003: Migration = {
  name: '003_memberships',
  up: `
    ALTER TABLE group_members DROP CONSTRAINT group_members_subject_kind_check;
    ALTER TABLE group_members ADD CONSTRAINT group_members_subject_kind_check CHECK (subject_kind IN ('person', 'organisation', 'plan'));

    CREATE TABLE memberships (
      tenant_id uuid NOT NULL,
      membership_id uuid NOT NULL,
      payer_type text NOT NULL CHECK (payer_type IN ('person', 'organisation')),
      payer_id uuid NOT NULL,
      plan_id uuid,
      starts_on date,
      ends_on date,
      ends_event_at timestamptz,
      status text NOT NULL CHECK (status IN ('active', 'suspended')),
      status_event_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, membership_id)
    );
    CREATE INDEX memberships_payer_idx ON memberships (tenant_id, payer_type, payer_id);
  `,
  down: `DROP TABLE memberships;
    DELETE FROM group_members WHERE subject_kind = 'plan';
    ALTER TABLE group_members DROP CONSTRAINT group_members_subject_kind_check;
    ALTER TABLE group_members ADD CONSTRAINT group_members_subject_kind_check CHECK (subject_kind IN ('person', 'organisation'));`,
}
