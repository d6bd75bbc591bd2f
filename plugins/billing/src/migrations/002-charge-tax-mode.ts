/**
 * Migration 002: a charge may state whether its unit amount includes tax (POS shelf prices do); null means the
 * tenant's `pricesIncludeTax`. Invoice lines keep the mode they were computed with.
 */
import type { Migration } from '@tessera/sdk'

export const billingMigration002: Migration = {
  name: '002_charge_tax_mode',
  up: `
    ALTER TABLE charges ADD COLUMN tax_inclusive boolean;
    ALTER TABLE invoice_lines ADD COLUMN tax_inclusive boolean NOT NULL DEFAULT false;
  `,
}
