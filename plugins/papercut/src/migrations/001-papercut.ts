/**
 * Migration 001: PaperCut's own schema. `accounts`: one row per person who has (or should have) a PaperCut user —
 * the username, whether printing is enabled as last applied, the sync state with the last error's kind and reason
 * and the failure count (jobs retry, then the row is `dead` with its reason until staff retry), and the last known
 * balance and page counters. `period_ledger`: one row per person and billing period (`YYYY-MM`, unique), written in
 * the same transaction as the period's top-up — a re-run finds the row and never tops up twice — with the page
 * counters at the period's start, and once settled the counters at its end and the overage charged.
 */
import type { Migration } from '@tessera/sdk'

export const papercutMigration001: Migration = {
  name: '001_papercut',
  up: `
    CREATE TABLE accounts (
      tenant_id uuid NOT NULL,
      person_id uuid NOT NULL,
      username text NOT NULL,
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'synced', 'error', 'dead')),
      print_enabled boolean NOT NULL DEFAULT false,
      error_kind text CHECK (error_kind IN ('unreachable', 'bad-token', 'unknown-user', 'server-error', 'not-configured')),
      error_reason text,
      error_at timestamptz,
      failures integer NOT NULL DEFAULT 0,
      balance numeric(14, 2),
      page_count integer,
      colour_page_count integer,
      synced_at timestamptz,
      PRIMARY KEY (tenant_id, person_id),
      UNIQUE (tenant_id, username)
    );
    CREATE TABLE period_ledger (
      tenant_id uuid NOT NULL,
      person_id uuid NOT NULL,
      period text NOT NULL CHECK (period ~ '^[0-9]{4}-[0-9]{2}$'),
      allowance_pages integer NOT NULL,
      topup_amount numeric(14, 2) NOT NULL,
      start_pages integer NOT NULL,
      start_colour_pages integer NOT NULL,
      topped_up_at timestamptz NOT NULL DEFAULT now(),
      end_pages integer,
      end_colour_pages integer,
      overage_amount bigint,
      settled_at timestamptz,
      PRIMARY KEY (tenant_id, person_id, period)
    );
  `,
  down: 'DROP TABLE period_ledger; DROP TABLE accounts;',
}
