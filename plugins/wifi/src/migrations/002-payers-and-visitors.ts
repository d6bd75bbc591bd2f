/**
 * Migration 002: Wi-Fi follows organisation memberships and plan features, and issues visitors' vouchers.
 *
 * - `wifi.memberships` now holds every payer's memberships — a person's own or an organisation's (`payer_type`,
 *   `payer_id`; existing rows are people's) — with the membership's plan (`plan_id`, from `billing.membership.created`),
 *   so a plan without the `wifi` feature can be left out.
 * - `wifi.vouchers` may come from a visitor's arrival (`source = 'visitor'`, `visitor_id`); `wifi.voucher_visitors`
 *   claims an arrival once (a redelivered event issues nothing twice), as `voucher_sales` does for a POS sale.
 */
import type { Migration } from '@tessera/sdk'

export const wifiMigration002: Migration = {
  name: '002_payers_and_visitors',
  up: `
    ALTER TABLE memberships RENAME COLUMN person_id TO payer_id;
    ALTER TABLE memberships ADD COLUMN payer_type text NOT NULL DEFAULT 'person' CHECK (payer_type IN ('person', 'organisation'));
    ALTER TABLE memberships ADD COLUMN plan_id uuid;
    DROP INDEX memberships_person_idx;
    CREATE INDEX memberships_payer_idx ON memberships (tenant_id, payer_type, payer_id);

    ALTER TABLE vouchers DROP CONSTRAINT vouchers_source_check;
    ALTER TABLE vouchers ADD CONSTRAINT vouchers_source_check CHECK (source IN ('staff', 'pos', 'visitor'));
    ALTER TABLE vouchers ADD COLUMN visitor_id uuid;
    CREATE INDEX vouchers_visitor_idx ON vouchers (tenant_id, visitor_id);
    CREATE TABLE voucher_visitors (
      tenant_id uuid NOT NULL,
      visitor_id uuid NOT NULL,
      PRIMARY KEY (tenant_id, visitor_id)
    );
  `,
  down: `
    DROP TABLE voucher_visitors;
    DROP INDEX vouchers_visitor_idx;
    ALTER TABLE vouchers DROP COLUMN visitor_id;
    DELETE FROM vouchers WHERE source = 'visitor';
    ALTER TABLE vouchers DROP CONSTRAINT vouchers_source_check;
    ALTER TABLE vouchers ADD CONSTRAINT vouchers_source_check CHECK (source IN ('staff', 'pos'));
    DROP INDEX memberships_payer_idx;
    DELETE FROM memberships WHERE payer_type = 'organisation';
    ALTER TABLE memberships DROP COLUMN plan_id;
    ALTER TABLE memberships DROP COLUMN payer_type;
    ALTER TABLE memberships RENAME COLUMN payer_id TO person_id;
    CREATE INDEX memberships_person_idx ON memberships (tenant_id, person_id);
  `,
}
