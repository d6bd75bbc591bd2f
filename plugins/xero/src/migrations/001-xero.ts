/**
 * Migration 001: the Xero plugin's tables in schema `xero`. Every table carries `tenant_id` (the kernel adds RLS).
 * - `connections`: one per tenant — state, the sealed token set, the chosen organisation, the rate-limit ledger;
 * - `oauth_states`: pending authorisation requests (state parameter + PKCE verifier), one-time;
 * - `mappings`: the tenant's account/tax mapping (validated against the contract's `mappingSchema`);
 * - `documents`: one row per Tessera document mirrored into Xero (contact, invoice, credit note, payment) with its
 *   sync state, Xero id and Xero's validation message — the outbox the sync job drains;
 * - `webhook_events`: Xero webhook event ids already applied (a redelivery applies nothing twice);
 * - `xero_payments`: payments Xero reported for an invoice (from the webhook), never echoed back to Xero.
 */
import type { Migration } from '@tessera/sdk'

export const xeroMigration001: Migration = {
  name: '001_xero',
  up: `
    CREATE TABLE connections (
      tenant_id uuid PRIMARY KEY,
      state text NOT NULL DEFAULT 'disconnected' CHECK (state IN ('disconnected', 'choose_organisation', 'connected', 'reconnect')),
      token_box text,
      access_expires_at timestamptz,
      xero_tenant_id text,
      organisation_name text,
      organisations jsonb NOT NULL DEFAULT '[]',
      last_error text,
      window_started_at timestamptz,
      window_calls integer NOT NULL DEFAULT 0,
      day date,
      day_calls integer NOT NULL DEFAULT 0,
      blocked_until timestamptz,
      first_sync text NOT NULL DEFAULT 'none' CHECK (first_sync IN ('none', 'running', 'done')),
      reconciled_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE oauth_states (
      state text PRIMARY KEY,
      tenant_id uuid NOT NULL,
      code_verifier text NOT NULL,
      redirect_uri text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE mappings (
      tenant_id uuid PRIMARY KEY,
      mapping jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE documents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('contact', 'invoice', 'credit_note', 'payment')),
      tessera_id text NOT NULL,
      parent_id text,
      label text NOT NULL DEFAULT '',
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'synced', 'failed')),
      action text NOT NULL DEFAULT 'upsert' CHECK (action IN ('upsert', 'void')),
      xero_id text,
      error text,
      attempts integer NOT NULL DEFAULT 0,
      xero_status text,
      xero_total bigint,
      xero_amount_due bigint,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      synced_at timestamptz,
      UNIQUE (tenant_id, kind, tessera_id)
    );
    CREATE INDEX documents_pending ON documents (tenant_id, kind, created_at, id) WHERE state = 'pending';
    CREATE INDEX documents_xero_id ON documents (tenant_id, xero_id);

    CREATE TABLE webhook_events (
      tenant_id uuid NOT NULL,
      event_id text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, event_id)
    );

    CREATE TABLE xero_payments (
      tenant_id uuid NOT NULL,
      xero_payment_id text NOT NULL,
      invoice_id uuid NOT NULL,
      amount bigint NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, xero_payment_id)
    );
  `,
}
