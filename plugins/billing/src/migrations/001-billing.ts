/**
 * Migration 001: plans, memberships, the credits wallet, charges waiting for an invoice, invoices with lines, the
 * gapless number counters, payments, Stripe customers and the webhook event log.
 *
 * Idempotency lives in unique keys: a charge's `source` (e.g. `membership:<id>:2026-03`, `booking:<id>`,
 * `pos:<sale>`), an invoice's `run_key` (`run:<period>:<payer>`), a wallet entry's `source`, a payment's
 * `payment_intent_id` and a webhook's `event_id`. Invoice numbers come from `number_counters`, a row locked
 * `FOR UPDATE` in the issuing transaction (never a sequence, which has gaps on rollback).
 */
import type { Migration } from '@tessera/sdk'

export const billingMigration001: Migration = {
  name: '001_billing',
  up: `
    CREATE TABLE plans (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      code text NOT NULL,
      name text NOT NULL,
      monthly_price bigint NOT NULL CHECK (monthly_price >= 0),
      included_credits integer NOT NULL DEFAULT 0 CHECK (included_credits >= 0),
      tax_rate_bp integer NOT NULL DEFAULT 0 CHECK (tax_rate_bp BETWEEN 0 AND 10000),
      features jsonb NOT NULL DEFAULT '{}',
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, code)
    );

    CREATE TABLE memberships (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      payer_type text NOT NULL CHECK (payer_type IN ('person', 'organisation')),
      payer_id uuid NOT NULL,
      plan_id uuid NOT NULL REFERENCES plans (id),
      starts_on date NOT NULL,
      ends_on date,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
      replaces_id uuid REFERENCES memberships (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_on IS NULL OR ends_on >= starts_on)
    );
    CREATE INDEX memberships_payer ON memberships (tenant_id, payer_type, payer_id);

    CREATE TABLE wallets (
      tenant_id uuid NOT NULL,
      payer_type text NOT NULL,
      payer_id uuid NOT NULL,
      balance integer NOT NULL DEFAULT 0 CHECK (balance >= 0),
      PRIMARY KEY (tenant_id, payer_type, payer_id)
    );
    CREATE TABLE wallet_entries (
      id bigserial PRIMARY KEY,
      tenant_id uuid NOT NULL,
      payer_type text NOT NULL,
      payer_id uuid NOT NULL,
      delta integer NOT NULL,
      reason text NOT NULL,
      source text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, source)
    );

    CREATE TABLE number_counters (
      tenant_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
      last_value integer NOT NULL DEFAULT 0,
      PRIMARY KEY (tenant_id, kind)
    );

    CREATE TABLE invoices (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      kind text NOT NULL DEFAULT 'invoice' CHECK (kind IN ('invoice', 'credit_note')),
      number integer,
      payer_type text NOT NULL,
      payer_id uuid NOT NULL,
      period text,
      run_key text,
      credit_for uuid REFERENCES invoices (id),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued', 'paid', 'void')),
      currency text NOT NULL,
      subtotal bigint NOT NULL DEFAULT 0,
      tax bigint NOT NULL DEFAULT 0,
      total bigint NOT NULL DEFAULT 0,
      amount_paid bigint NOT NULL DEFAULT 0,
      amount_credited bigint NOT NULL DEFAULT 0,
      payment_attempts integer NOT NULL DEFAULT 0,
      issued_at timestamptz,
      due_on date,
      paid_at timestamptz,
      voided_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, run_key),
      UNIQUE (tenant_id, kind, number)
    );
    CREATE INDEX invoices_payer ON invoices (tenant_id, payer_type, payer_id);

    CREATE TABLE charges (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      payer_type text NOT NULL,
      payer_id uuid NOT NULL,
      description text NOT NULL,
      quantity integer NOT NULL DEFAULT 1,
      unit_amount bigint NOT NULL,
      tax_rate_bp integer NOT NULL DEFAULT 0,
      source text NOT NULL,
      invoice_id uuid REFERENCES invoices (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, source)
    );
    CREATE INDEX charges_open ON charges (tenant_id, payer_type, payer_id) WHERE invoice_id IS NULL;

    CREATE TABLE invoice_lines (
      id bigserial PRIMARY KEY,
      tenant_id uuid NOT NULL,
      invoice_id uuid NOT NULL REFERENCES invoices (id),
      position integer NOT NULL,
      description text NOT NULL,
      quantity integer NOT NULL,
      unit_amount bigint NOT NULL,
      tax_rate_bp integer NOT NULL,
      net bigint NOT NULL,
      tax bigint NOT NULL,
      gross bigint NOT NULL,
      source text
    );
    CREATE INDEX invoice_lines_invoice ON invoice_lines (invoice_id);

    CREATE TABLE booking_charges (
      tenant_id uuid NOT NULL,
      booking_id uuid NOT NULL,
      payer_type text NOT NULL,
      payer_id uuid NOT NULL,
      starts_at timestamptz NOT NULL,
      credits_used integer NOT NULL,
      amount bigint NOT NULL,
      refunded_at timestamptz,
      PRIMARY KEY (tenant_id, booking_id)
    );

    CREATE TABLE stripe_customers (
      tenant_id uuid NOT NULL,
      payer_type text NOT NULL,
      payer_id uuid NOT NULL,
      customer_id text NOT NULL,
      default_payment_method text,
      PRIMARY KEY (tenant_id, payer_type, payer_id)
    );

    CREATE TABLE payments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      invoice_id uuid REFERENCES invoices (id),
      method text NOT NULL CHECK (method IN ('card', 'manual', 'cash')),
      amount bigint NOT NULL,
      payment_intent_id text,
      reference text,
      refunded_amount bigint NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, payment_intent_id)
    );

    CREATE TABLE webhook_events (
      tenant_id uuid NOT NULL,
      event_id text NOT NULL,
      type text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, event_id)
    );
  `,
}
