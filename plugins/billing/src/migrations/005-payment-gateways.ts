/**
 * Migration 005: payments through any gateway of the `payment-gateway` extension point, not only Stripe. A payer's
 * customer and saved card are kept per gateway (`stripe_customers` becomes `gateway_customers` with a `gateway`
 * column), card payments and webhook events name their gateway, and a webhook event id is unique per gateway.
 * Existing rows are Stripe's.
 */
import type { Migration } from '@tessera/sdk'

export const billingMigration005: Migration = {
  name: '005_payment_gateways',
  up: `
    ALTER TABLE stripe_customers RENAME TO gateway_customers;
    ALTER TABLE gateway_customers ADD COLUMN gateway text NOT NULL DEFAULT 'stripe';
    ALTER TABLE gateway_customers DROP CONSTRAINT stripe_customers_pkey;
    ALTER TABLE gateway_customers ADD PRIMARY KEY (tenant_id, gateway, payer_type, payer_id);
    ALTER TABLE gateway_customers ADD CONSTRAINT gateway_customers_customer_key UNIQUE (tenant_id, gateway, customer_id);

    ALTER TABLE payments ADD COLUMN gateway text;
    UPDATE payments SET gateway = 'stripe' WHERE method = 'card';

    ALTER TABLE webhook_events ADD COLUMN gateway text NOT NULL DEFAULT 'stripe';
    ALTER TABLE webhook_events DROP CONSTRAINT webhook_events_pkey;
    ALTER TABLE webhook_events ADD PRIMARY KEY (tenant_id, gateway, event_id);
  `,
}
