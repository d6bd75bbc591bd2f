/**
 * SQL of `notifications.preferences`: per recipient address (lower-cased) the non-essential templates switched off
 * and the all-off switch (one-click unsubscribe).
 */
import type { Db } from '@tessera/sdk'

/** A recipient's stored preferences (defaults when none are stored: everything on). */
export type StoredPreferences = {
  disabled: string[]
  allOptionalOff: boolean
}

/** The preferences of `email`. */
export async function getPreferences(db: Db, email: string): Promise<StoredPreferences> {
  const row = await db.one<StoredPreferences>(
    `SELECT disabled, all_optional_off AS "allOptionalOff" FROM notifications.preferences WHERE email = $1`, [email.toLowerCase()])
  return row ?? { disabled: [], allOptionalOff: false }
}

/** Stores the preferences of `email`. */
export async function savePreferences(db: Db, email: string, p: StoredPreferences): Promise<void> {
  await db.query(
    `INSERT INTO notifications.preferences (email, disabled, all_optional_off) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, email) DO UPDATE SET disabled = $2, all_optional_off = $3, updated_at = now()`,
    [email.toLowerCase(), p.disabled, p.allOptionalOff],
  )
}

/** Switches every non-essential e-mail of `email` off; false when it was off already. */
export async function unsubscribeAll(db: Db, email: string): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO notifications.preferences (email, all_optional_off) VALUES ($1, true)
     ON CONFLICT (tenant_id, email) DO UPDATE SET all_optional_off = true, updated_at = now() WHERE NOT preferences.all_optional_off`,
    [email.toLowerCase()],
  )
  return r.rowCount > 0
}
