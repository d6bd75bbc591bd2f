/**
 * Migration 004: printing through site agents. `printers` are devices of an agent (driver kind, device id) placed at
 * a location with purpose tags, and carry the last state the agent reported; `printer_defaults` names the printer of
 * a location for a purpose. `print_jobs` is one row per request id: the document (kept only until the job ends), the
 * state (`queued → sent → printing → completed | failed | cancelled`), the printer's reason and message, the retry
 * bookkeeping (`attempts`, `next_attempt_at`, `dispatched_at`: a `print` command in flight) and a cancel request.
 * A removed printer keeps its jobs' history (`printer_id` set null). Every table gets RLS from the kernel.
 */
import type { Migration } from '@tessera/sdk'

export const accessMigration004: Migration = {
  name: '004_printing',
  up: `
    CREATE TABLE printers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      name text NOT NULL,
      agent_id uuid NOT NULL,
      device_id text NOT NULL,
      driver text NOT NULL,
      location_id uuid NOT NULL,
      purposes text[] NOT NULL DEFAULT '{}',
      state text CHECK (state IN ('idle', 'processing', 'stopped', 'media-empty', 'offline')),
      state_reasons text[] NOT NULL DEFAULT '{}',
      state_message text,
      state_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, id),
      UNIQUE (tenant_id, agent_id, device_id),
      FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id)
    );
    CREATE INDEX printers_location_idx ON printers (tenant_id, location_id);

    CREATE TABLE printer_defaults (
      tenant_id uuid NOT NULL,
      location_id uuid NOT NULL,
      purpose text NOT NULL,
      printer_id uuid NOT NULL,
      PRIMARY KEY (tenant_id, location_id, purpose),
      FOREIGN KEY (tenant_id, printer_id) REFERENCES printers (tenant_id, id) ON DELETE CASCADE
    );

    CREATE TABLE print_jobs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      request_id text NOT NULL,
      printer_id uuid,
      purpose text,
      title text NOT NULL,
      content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'text/plain')),
      document bytea,
      copies integer NOT NULL DEFAULT 1 CHECK (copies BETWEEN 1 AND 20),
      source text NOT NULL,
      actor jsonb NOT NULL,
      state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'printing', 'completed', 'failed', 'cancelled')),
      reason text,
      message text,
      printer_job_id text,
      pages_printed integer,
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      dispatched_at timestamptz,
      cancel_requested_at timestamptz,
      cancel_sent_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      UNIQUE (tenant_id, id),
      UNIQUE (tenant_id, request_id),
      FOREIGN KEY (tenant_id, printer_id) REFERENCES printers (tenant_id, id) ON DELETE SET NULL (printer_id)
    );
    CREATE INDEX print_jobs_printer_idx ON print_jobs (tenant_id, printer_id, created_at DESC);
    CREATE INDEX print_jobs_open_idx ON print_jobs (tenant_id, printer_id) WHERE state IN ('queued', 'sent', 'printing');
  `,
  down: `DROP TABLE print_jobs; DROP TABLE printer_defaults; DROP TABLE printers;`,
}
