/**
 * SQL of members' Wi-Fi credentials: `wifi.credentials` (login, sealed password for display, validity) and the NT
 * hash RADIUS reads in `wifi_radius.nt_passwords` (written here, never read back: the application role may not
 * select `nt_hash`). Both run on the caller's tenant transaction, so they change together or not at all.
 */
import type { Db } from '@tessera/sdk'

/** A stored credential row. */
export type CredentialRow = {
  person_id: string
  local_part: string
  realm: string
  password_box: string
  allowed: boolean
  valid_from: string | null
  valid_until: string | null
  rotated_at: string
}

/** Whether (and when) a person may use Wi-Fi, from their memberships. */
export interface Validity {
  allowed: boolean
  validFrom: string | null
  validUntil: string | null
}

/** The credential of `personId`, if any. */
export async function findCredential(db: Db, personId: string): Promise<CredentialRow | undefined> {
  return db.one<CredentialRow>(
    `SELECT person_id, local_part, realm, password_box, allowed, valid_from::text, valid_until::text,
            to_char(rotated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS rotated_at
       FROM wifi.credentials WHERE person_id = $1`, [personId])
}

/** Local parts of this tenant starting with `base` (to pick a free one). */
export async function localPartsLike(db: Db, base: string): Promise<Set<string>> {
  const rows = await db.many<{ local_part: string }>(`SELECT local_part FROM wifi.credentials WHERE starts_with(local_part, $1)`, [base])
  return new Set(rows.map((r) => r.local_part))
}

/**
 * Claims `realm` for the current tenant in the cross-tenant `wifi_radius.realms` registry. Returns false when another
 * tenant holds it (its row is invisible here, but the primary key refuses a second claim).
 */
export async function claimRealm(db: Db, realm: string): Promise<boolean> {
  await db.query(`DELETE FROM wifi_radius.realms WHERE realm <> $1`, [realm])
  await db.query(`INSERT INTO wifi_radius.realms (realm) VALUES ($1) ON CONFLICT DO NOTHING`, [realm])
  return (await db.one<{ ok: boolean }>(`SELECT EXISTS (SELECT 1 FROM wifi_radius.realms WHERE realm = $1) AS ok`, [realm]))?.ok === true
}

/** Stores a new credential and its NT hash. */
export async function insertCredential(db: Db, c: { personId: string; localPart: string; realm: string; passwordBox: string; ntHash: string } & Validity): Promise<void> {
  await db.query(
    `INSERT INTO wifi.credentials (person_id, local_part, realm, password_box, allowed, valid_from, valid_until)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [c.personId, c.localPart, c.realm, c.passwordBox, c.allowed, c.validFrom, c.validUntil])
  await db.query(
    `INSERT INTO wifi_radius.nt_passwords (person_id, username, nt_hash, allowed, valid_from, valid_until)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [c.personId, `${c.localPart}@${c.realm}`, c.ntHash, c.allowed, c.validFrom, c.validUntil])
}

/** Replaces the password of `personId` (display box and NT hash); returns whether a credential existed. */
export async function replacePassword(db: Db, personId: string, passwordBox: string, ntHash: string): Promise<boolean> {
  const r = await db.query(`UPDATE wifi.credentials SET password_box = $2, rotated_at = now() WHERE person_id = $1`, [personId, passwordBox])
  await db.query(`UPDATE wifi_radius.nt_passwords SET nt_hash = $2, updated_at = now() WHERE person_id = $1`, [personId, ntHash])
  return (r.rowCount ?? 0) > 0
}

/** Sets whether and when `personId` may use Wi-Fi (RADIUS sees it on the next request: it reads the view live). */
export async function setValidity(db: Db, personId: string, v: Validity): Promise<void> {
  await db.query(`UPDATE wifi.credentials SET allowed = $2, valid_from = $3, valid_until = $4 WHERE person_id = $1`,
    [personId, v.allowed, v.validFrom, v.validUntil])
  await db.query(`UPDATE wifi_radius.nt_passwords SET allowed = $2, valid_from = $3, valid_until = $4, updated_at = now() WHERE person_id = $1`,
    [personId, v.allowed, v.validFrom, v.validUntil])
}

/** Erases everything held about `personId`: the login, its NT hash, accounting sessions (device MACs) and memberships copy. */
export async function eraseCredential(db: Db, personId: string): Promise<void> {
  await db.query(`DELETE FROM wifi_radius.nt_passwords WHERE person_id = $1`, [personId])
  await db.query(`DELETE FROM wifi_radius.sessions WHERE person_id = $1`, [personId])
  await db.query(`DELETE FROM wifi.credentials WHERE person_id = $1`, [personId])
  await db.query(`DELETE FROM wifi.memberships WHERE payer_type = 'person' AND payer_id = $1`, [personId])
}
