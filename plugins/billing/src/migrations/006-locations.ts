/**
 * Migration 006: where a sale happens. A plan may be sold at one location of spaces (`plans.location_id`, null: every
 * location), and a charge and the invoice line made from it keep the location it was sold at — the plan's for a
 * membership charge, the resource's for a booking, the caller's for another plugin's charge — so that accounting (a
 * Xero tracking category per location) and audience tags can follow it. Existing rows have no location.
 */
import type { Migration } from '@tessera/sdk'

export const billingMigration006: Migration = {
  name: '006_locations',
  up: `
    ALTER TABLE plans ADD COLUMN location_id uuid;
    ALTER TABLE charges ADD COLUMN location_id uuid;
    ALTER TABLE invoice_lines ADD COLUMN location_id uuid;
  `,
}
