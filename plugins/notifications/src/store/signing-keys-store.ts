/** SQL of `notifications.signing_keys`: the tenant's random HMAC key of unsubscribe links, made on first use. */
import { randomBytes } from 'node:crypto'
import type { Db } from '@tessera/sdk'

/** The tenant's unsubscribe key, created if missing (needs a transaction that may write). */
export async function unsubscribeKey(db: Db): Promise<Buffer> {
  const existing = await existingUnsubscribeKey(db)
  if (existing) return existing
  await db.query('INSERT INTO notifications.signing_keys (unsubscribe_key) VALUES ($1) ON CONFLICT (tenant_id) DO NOTHING', [randomBytes(32)])
  return (await existingUnsubscribeKey(db))!
}

/** The tenant's unsubscribe key if it has one. */
export async function existingUnsubscribeKey(db: Db): Promise<Buffer | undefined> {
  return (await db.one<{ key: Buffer }>('SELECT unsubscribe_key AS key FROM notifications.signing_keys'))?.key
}
