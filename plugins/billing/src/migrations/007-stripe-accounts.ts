/**
 * Migration 007: the tenant's Stripe account as staff set it in the Stripe settings screen. The publishable key is
 * public (the browser loads Stripe.js with it); the secret key and the webhook signing secret are stored sealed
 * (`secret_key_box`, `webhook_secret_box`: AES-256-GCM, see `domain/secret-box.ts`) with their last four characters
 * for the screen. `online_payments` is the tenant's switch: card payment is offered only while it is on and the keys
 * are set. One row per tenant (RLS like every tenant table).
 */
import type { Migration } from '@tessera/sdk'

export const billingMigration007: Migration = {
  name: '007_stripe_accounts',
  up: `
    CREATE TABLE stripe_accounts (
      tenant_id uuid PRIMARY KEY,
      publishable_key text,
      secret_key_box text,
      secret_key_last4 text,
      webhook_secret_box text,
      webhook_secret_last4 text,
      online_payments boolean NOT NULL DEFAULT true,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `,
}
