/**
 * Migration 001: notifications' own schema.
 *
 * - `messages`: the message log — one row per e-mail to one recipient, unique per tenant by `idempotency_key`
 *   (`<event id>:<template>:<recipient>`), so an event delivered twice queues one message. The template's data
 *   (`data`, never secrets) and its secrets sealed with AES-256-GCM (`secret_box`: a set-password link is never stored
 *   in plain text) are kept until it is sent; `state` pending → sent, or failed with `error` after `attempts`, or
 *   skipped (SMTP not configured, switched off by the recipient).
 * - `preferences`: per recipient address (lower-cased), the non-essential templates switched off and the all-off
 *   switch that one-click unsubscribe sets.
 * - `reminders`: the booking reminder of each booking — the revision it was scheduled for and its state, so a moved,
 *   cancelled or released booking's older reminder job finds it stale and sends nothing.
 * - `signing_keys`: per tenant, the random HMAC key of unsubscribe links.
 */
import type { Migration } from '@tessera/sdk'

export const notificationsMigration001: Migration = {
  name: '001_notifications',
  up: `
    CREATE TABLE messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 600),
      template text NOT NULL CHECK (length(template) BETWEEN 1 AND 80),
      essential boolean NOT NULL,
      recipient_email text NOT NULL CHECK (length(recipient_email) BETWEEN 3 AND 320),
      recipient_name text,
      recipient_user_id uuid,
      subject text,
      data jsonb NOT NULL DEFAULT '{}',
      secret_box text,
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed', 'skipped')),
      attempts integer NOT NULL DEFAULT 0,
      error text,
      smtp_message_id text,
      next_attempt_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      UNIQUE (tenant_id, idempotency_key)
    );
    CREATE INDEX messages_recent ON messages (tenant_id, created_at DESC);
    CREATE INDEX messages_state ON messages (tenant_id, state, created_at DESC);
    CREATE TABLE preferences (
      tenant_id uuid NOT NULL,
      email text NOT NULL CHECK (email = lower(email)),
      disabled text[] NOT NULL DEFAULT '{}',
      all_optional_off boolean NOT NULL DEFAULT false,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, email)
    );
    CREATE TABLE reminders (
      tenant_id uuid NOT NULL,
      booking_id uuid NOT NULL,
      person_id uuid NOT NULL,
      resource_id uuid NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      revision integer NOT NULL,
      remind_at timestamptz NOT NULL,
      state text NOT NULL CHECK (state IN ('scheduled', 'none', 'cancelled', 'sent')),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, booking_id)
    );
    CREATE TABLE signing_keys (
      tenant_id uuid PRIMARY KEY,
      unsubscribe_key bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
  `,
  down: 'DROP TABLE signing_keys; DROP TABLE reminders; DROP TABLE preferences; DROP TABLE messages;',
}
