/**
 * SQL of the tenant's Stripe account row (`billing.stripe_accounts`, one per tenant): secrets only as sealed boxes.
 */
import type { Db } from '@tessera/sdk'

/** The stored row. */
export type StripeAccountRow = {
  publishableKey: string | null
  secretKeyBox: string | null
  secretKeyLast4: string | null
  webhookSecretBox: string | null
  webhookSecretLast4: string | null
  onlinePayments: boolean
  updatedAt: string
}

/** The changes of one save (absent: unchanged; null: cleared). */
export interface StripeAccountChange {
  publishableKey?: string | null
  secretKey?: { box: string; last4: string } | null
  webhookSecret?: { box: string; last4: string } | null
  onlinePayments?: boolean
}

const COLUMNS = `publishable_key AS "publishableKey", secret_key_box AS "secretKeyBox", secret_key_last4 AS "secretKeyLast4",
  webhook_secret_box AS "webhookSecretBox", webhook_secret_last4 AS "webhookSecretLast4", online_payments AS "onlinePayments", updated_at AS "updatedAt"`

/** The tenant's row, if any. */
export function findStripeAccount(db: Db): Promise<StripeAccountRow | undefined> {
  return db.one<StripeAccountRow>(`SELECT ${COLUMNS} FROM billing.stripe_accounts`)
}

/** Applies `c` to the tenant's row (created on first save). */
export async function saveStripeAccount(db: Db, c: StripeAccountChange): Promise<StripeAccountRow> {
  const has = (k: keyof StripeAccountChange) => (k in c ? 1 : 0)
  return (await db.one<StripeAccountRow>(
    `INSERT INTO billing.stripe_accounts AS a (publishable_key, secret_key_box, secret_key_last4, webhook_secret_box, webhook_secret_last4, online_payments)
     VALUES ($1, $2, $3, $4, $5, coalesce($6, true))
     ON CONFLICT (tenant_id) DO UPDATE SET
       publishable_key = CASE WHEN $7 = 1 THEN excluded.publishable_key ELSE a.publishable_key END,
       secret_key_box = CASE WHEN $8 = 1 THEN excluded.secret_key_box ELSE a.secret_key_box END,
       secret_key_last4 = CASE WHEN $8 = 1 THEN excluded.secret_key_last4 ELSE a.secret_key_last4 END,
       webhook_secret_box = CASE WHEN $9 = 1 THEN excluded.webhook_secret_box ELSE a.webhook_secret_box END,
       webhook_secret_last4 = CASE WHEN $9 = 1 THEN excluded.webhook_secret_last4 ELSE a.webhook_secret_last4 END,
       online_payments = CASE WHEN $10 = 1 THEN excluded.online_payments ELSE a.online_payments END,
       updated_at = now()
     RETURNING ${COLUMNS}`,
    [c.publishableKey ?? null, c.secretKey?.box ?? null, c.secretKey?.last4 ?? null, c.webhookSecret?.box ?? null, c.webhookSecret?.last4 ?? null,
      c.onlinePayments ?? null, has('publishableKey'), has('secretKey'), has('webhookSecret'), has('onlinePayments')],
  ))!
}
