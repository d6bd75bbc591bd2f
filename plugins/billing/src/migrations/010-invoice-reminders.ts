/**
 * Migration 010: `invoice_reminders`, the payment reminders staff send for an open invoice outside the dunning
 * schedule (`POST /invoices/:id/reminders`) — who sent each (the user's id and their name at the time) and when. The
 * latest one of an invoice is shown in the dunning view and bounds the next (one an hour per invoice); the index serves
 * both. Tenant-scoped by RLS like every tenant table.
 */
import type { Migration } from '@tessera/sdk'

export const billingMigration010: Migration = {
  name: '010_invoice_reminders',
  up: `
    CREATE TABLE invoice_reminders (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      invoice_id uuid NOT NULL REFERENCES invoices (id),
      sent_by_id text NOT NULL,
      sent_by_name text NOT NULL,
      sent_to text NOT NULL,
      sent_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX invoice_reminders_latest ON invoice_reminders (tenant_id, invoice_id, sent_at DESC);
  `,
  down: 'DROP TABLE invoice_reminders;',
}
