/**
 * Migration 002: the merge field of a contact's current plans (`PLAN` by default) and whether contacts are tagged with
 * their current plans and those plans' locations (on by default).
 */
import type { Migration } from '@tessera/sdk'

export const mailchimpMigration002: Migration = {
  name: '002_plan_tags',
  up: `
    ALTER TABLE settings ADD COLUMN plan_field text DEFAULT 'PLAN', ADD COLUMN tag_plan boolean NOT NULL DEFAULT true,
      ADD COLUMN tag_location boolean NOT NULL DEFAULT true;
  `,
}
