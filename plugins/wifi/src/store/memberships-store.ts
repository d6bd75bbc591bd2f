/**
 * SQL of this plugin's copy of billing's memberships (`wifi.memberships`, kept from `billing.membership.*` events):
 * one row per person's membership; `status_event_at` / `ends_event_at` order the events per field, so a late or
 * redelivered older event never overwrites a newer one.
 */
import type { Db } from '@tessera/sdk'
import type { Validity } from './credentials-store.ts'

/** Makes sure a row for membership `id` of `personId` exists (first event heard: active, at -infinity). */
export async function ensureMembership(db: Db, id: string, personId: string): Promise<void> {
  await db.query(
    `INSERT INTO wifi.memberships (membership_id, person_id, status, status_event_at) VALUES ($1, $2, 'active', '-infinity')
     ON CONFLICT (tenant_id, membership_id) DO NOTHING`, [id, personId])
}

/** Sets the start of membership `id`. */
export async function setStart(db: Db, id: string, startsOn: string): Promise<void> {
  await db.query(`UPDATE wifi.memberships SET starts_on = $2::date WHERE membership_id = $1`, [id, startsOn])
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

/**
 * When `personId` may use Wi-Fi: while any of their memberships is active and started — from the earliest start to
 * the day after the latest end (billing's dates are inclusive UTC days), open-ended when one has no end.
 */
export async function validityOf(db: Db, personId: string): Promise<Validity> {
  const row = await db.one<{ allowed: boolean | null; valid_from: string | null; valid_until: string | null }>(
    `SELECT bool_or(starts_on IS NOT NULL AND (ends_on IS NULL OR ends_on >= starts_on)) AS allowed,
            (min(starts_on)::timestamp AT TIME ZONE 'UTC')::text AS valid_from,
            CASE WHEN bool_or(ends_on IS NULL) THEN NULL ELSE ((max(ends_on) + 1)::timestamp AT TIME ZONE 'UTC')::text END AS valid_until
       FROM wifi.memberships WHERE person_id = $1 AND status = 'active' AND starts_on IS NOT NULL`, [personId])
  return { allowed: row?.allowed === true, validFrom: row?.valid_from ?? null, validUntil: row?.valid_until ?? null }
}
