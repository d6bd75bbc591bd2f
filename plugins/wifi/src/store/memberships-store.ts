/**
 * SQL of this plugin's copy of billing's memberships (`wifi.memberships`, kept from `billing.membership.*` events):
 * one row per membership of a payer — a person, or an organisation whose people it covers — with its plan, start,
 * end and status; `status_event_at` / `ends_event_at` order the events per field, so a late or redelivered older event
 * never overwrites a newer one.
 */
import type { Db } from '@tessera/sdk'

/** A kind of payer. */
export type PayerType = 'person' | 'organisation'

/** A started, active membership of a person or their organisation (what Wi-Fi validity is computed from). */
export type MembershipRow = {
  plan_id: string | null
  starts_on: string
  ends_on: string | null
}

/** Makes sure a row for membership `id` of the payer exists (first event heard: active, at -infinity). */
export async function ensureMembership(db: Db, id: string, payerType: PayerType, payerId: string): Promise<void> {
  await db.query(
    `INSERT INTO wifi.memberships (membership_id, payer_type, payer_id, status, status_event_at) VALUES ($1, $2, $3, 'active', '-infinity')
     ON CONFLICT (tenant_id, membership_id) DO NOTHING`, [id, payerType, payerId])
}

/** Sets the start and the plan of membership `id`. */
export async function setStart(db: Db, id: string, startsOn: string, planId: string): Promise<void> {
  await db.query(`UPDATE wifi.memberships SET starts_on = $2::date, plan_id = $3 WHERE membership_id = $1`, [id, startsOn, planId])
}

/** Sets the status of membership `id` unless a newer status event was applied. */
export async function setStatus(db: Db, id: string, status: 'active' | 'suspended', at: string): Promise<void> {
  await db.query(`UPDATE wifi.memberships SET status = $2, status_event_at = $3 WHERE membership_id = $1 AND status_event_at <= $3`, [id, status, at])
}

/** Sets the last day of membership `id` unless a newer end event was applied. */
export async function setEnd(db: Db, id: string, endsOn: string, at: string): Promise<void> {
  await db.query(
    `UPDATE wifi.memberships SET ends_on = $2::date, ends_event_at = $3 WHERE membership_id = $1 AND (ends_event_at IS NULL OR ends_event_at <= $3)`,
    [id, endsOn, at])
}

/** The active, started memberships of `personId` and of their organisation (when they have one). */
export function activeMemberships(db: Db, personId: string, organisationId: string | null): Promise<MembershipRow[]> {
  return db.many<MembershipRow>(
    `SELECT plan_id, starts_on::text AS starts_on, ends_on::text AS ends_on FROM wifi.memberships
      WHERE status = 'active' AND starts_on IS NOT NULL AND (ends_on IS NULL OR ends_on >= starts_on)
        AND ((payer_type = 'person' AND payer_id = $1) OR (payer_type = 'organisation' AND payer_id = $2))`, [personId, organisationId])
}

/** Every payer with a membership in the copy (for the periodic re-check). */
export function payers(db: Db): Promise<{ payer_type: PayerType; payer_id: string }[]> {
  return db.many<{ payer_type: PayerType; payer_id: string }>(`SELECT DISTINCT payer_type, payer_id FROM wifi.memberships ORDER BY payer_type, payer_id`)
}


/** A membership of the copy in any state (what a refusal is explained from). */
export type AnyMembershipRow = MembershipRow & { status: 'active' | 'suspended' }

/** Every membership in the copy of `personId` and of their organisation (when they have one), whatever its state. */
export function membershipsOf(db: Db, personId: string, organisationId: string | null): Promise<AnyMembershipRow[]> {
  return db.many<AnyMembershipRow>(
    `SELECT plan_id, starts_on::text AS starts_on, ends_on::text AS ends_on, status FROM wifi.memberships
      WHERE (payer_type = 'person' AND payer_id = $1) OR (payer_type = 'organisation' AND payer_id = $2)`, [personId, organisationId])
}
