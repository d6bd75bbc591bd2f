/**
 * SQL for the tenant's settings row (created on enable): the chosen audience and the field and tag mapping.
 */
import type { Db } from '@tessera/sdk'
import type { Mapping } from '../contract/mailchimp-schemas.ts'
import { isoTimestamp } from './iso-timestamp.ts'

/** The stored settings. */
export interface StoredSettings {
  audienceId: string | null
  audienceName: string | null
  mapping: Mapping
  firstSyncedAt: string | null
}

/** Creates the settings row of the current tenant if it does not exist. */
export async function ensureSettings(db: Db): Promise<void> {
  await db.query('INSERT INTO mailchimp.settings DEFAULT VALUES ON CONFLICT (tenant_id) DO NOTHING')
}

const DEFAULTS: StoredSettings = {
  audienceId: null, audienceName: null, firstSyncedAt: null,
  mapping: { firstNameField: 'FNAME', lastNameField: 'LNAME', organisationField: 'ORG', tagOrganisation: true, tags: [], planField: 'PLAN', tagPlan: true, tagLocation: true },
}

/** The current tenant's settings (the defaults before anything was chosen; reads only, so GET routes may call it). */
export async function getSettings(db: Db): Promise<StoredSettings> {
  const r = await db.one<{
    audience_id: string | null; audience_name: string | null; first_name_field: string; last_name_field: string; organisation_field: string | null
    tag_organisation: boolean; tags: string[]; plan_field: string | null; tag_plan: boolean; tag_location: boolean; first_synced_at: string | null
  }>(
    `SELECT audience_id, audience_name, first_name_field, last_name_field, organisation_field, tag_organisation, tags, plan_field, tag_plan, tag_location,
            ${isoTimestamp('first_synced_at')} AS first_synced_at FROM mailchimp.settings`)
  if (!r) return DEFAULTS
  return {
    audienceId: r!.audience_id, audienceName: r!.audience_name, firstSyncedAt: r!.first_synced_at,
    mapping: {
      firstNameField: r!.first_name_field, lastNameField: r!.last_name_field, organisationField: r!.organisation_field, tagOrganisation: r!.tag_organisation,
      tags: r!.tags, planField: r!.plan_field, tagPlan: r!.tag_plan, tagLocation: r!.tag_location,
    },
  }
}

/** Chooses the audience (a new one has not been synced yet). */
export async function setAudience(db: Db, id: string, name: string): Promise<void> {
  await ensureSettings(db)
  await db.query(
    `UPDATE mailchimp.settings SET first_synced_at = CASE WHEN audience_id IS DISTINCT FROM $1 THEN NULL ELSE first_synced_at END,
            audience_id = $1, audience_name = $2, updated_at = now()`, [id, name])
}

/** Stores the mapping. */
export async function setMapping(db: Db, m: Mapping): Promise<void> {
  await ensureSettings(db)
  await db.query(
    `UPDATE mailchimp.settings SET first_name_field = $1, last_name_field = $2, organisation_field = $3, tag_organisation = $4, tags = $5,
            plan_field = $6, tag_plan = $7, tag_location = $8, updated_at = now()`,
    [m.firstNameField, m.lastNameField, m.organisationField, m.tagOrganisation, m.tags, m.planField === undefined ? 'PLAN' : m.planField, m.tagPlan ?? true, m.tagLocation ?? true])
}

/** Marks the audience's first sync done. */
export async function markFirstSynced(db: Db, audienceId: string): Promise<void> {
  await db.query('UPDATE mailchimp.settings SET first_synced_at = now() WHERE audience_id = $1', [audienceId])
}
