/**
 * Migration 002: a person invited while their e-mail belongs to an existing user of another tenant keeps the pending
 * invitation's id (opaque, tenant-local) until that user accepts; only then is `user_id` set.
 */
import type { Migration } from '@tessera/sdk'

export const membersMigration002: Migration = {
  name: '002_person_invitations',
  up: `
    ALTER TABLE people ADD COLUMN invitation_id uuid;
    CREATE UNIQUE INDEX people_invitation_key ON people (tenant_id, invitation_id) WHERE invitation_id IS NOT NULL;
  `,
  down: 'DROP INDEX people_invitation_key; ALTER TABLE people DROP COLUMN invitation_id;',
}
