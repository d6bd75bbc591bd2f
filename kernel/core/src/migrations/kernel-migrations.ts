/**
 * The kernel's own schema, `tessera`: tenants, users and their tenant roles, sessions, API tokens, installed
 * plugins, per-tenant enablement, and the append-only audit log (the database refuses UPDATE, DELETE and TRUNCATE
 * on it, for every role). Only `audit_log` is a tenant table reachable by the runtime role; the rest is platform
 * bookkeeping the runtime role has no grant on. `idempotency_keys` (also a tenant table) remembers the response of each
 * money-moving or hardware request by its `Idempotency-Key`; `job_receipts` records, in the handler's own transaction, that
 * a job's effect committed, so a job redelivered after a crash is not run twice. `tenant_invitations` holds invitations of
 * existing users (pending until accepted), `login_throttle` per-account sign-in failure counters, `password_tokens` the
 * single-use set-password links (hashes only).
 */
import type { Migration } from '@tessera/sdk'
import { syncRoleChecks } from './role-checks.ts'

/** Kernel migrations, in order. */
export const kernelMigrations: Migration[] = [
  {
    name: '001_kernel',
    up: `
      CREATE FUNCTION tessera.current_tenant() RETURNS uuid LANGUAGE sql STABLE
        AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

      CREATE TABLE tessera.tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE tessera.users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL,
        password_hash text,
        is_operator boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz
      );
      CREATE UNIQUE INDEX users_email_key ON tessera.users (lower(email));
      CREATE TABLE tessera.tenant_users (
        tenant_id uuid NOT NULL REFERENCES tessera.tenants ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES tessera.users ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'finance', 'support', 'member')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id)
      );
      CREATE INDEX tenant_users_user ON tessera.tenant_users (user_id);
      CREATE TABLE tessera.sessions (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES tessera.users ON DELETE CASCADE,
        tenant_id uuid REFERENCES tessera.tenants ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX sessions_user ON tessera.sessions (user_id);
      CREATE TABLE tessera.api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tessera.tenants ON DELETE CASCADE,
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        role text NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'finance', 'support', 'member')),
        created_by uuid REFERENCES tessera.users ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        revoked_at timestamptz
      );
      CREATE TABLE tessera.plugins (
        id text PRIMARY KEY,
        version text,
        state text NOT NULL CHECK (state IN ('installed', 'failed')),
        error text,
        installed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE tessera.tenant_plugins (
        tenant_id uuid NOT NULL REFERENCES tessera.tenants ON DELETE CASCADE,
        plugin_id text NOT NULL,
        state text NOT NULL CHECK (state IN ('enabling', 'enabled', 'disabling', 'disabled', 'failed')),
        version text,
        config jsonb NOT NULL DEFAULT '{}',
        error text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, plugin_id)
      );
      CREATE TABLE tessera.audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        tenant_id uuid,
        actor_type text NOT NULL,
        actor_id text,
        actor_label text,
        plugin text,
        action text NOT NULL,
        target text,
        data jsonb,
        request_id text
      );
      CREATE INDEX audit_log_tenant_at ON tessera.audit_log (tenant_id, at DESC);
      CREATE FUNCTION tessera.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'tessera.audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$;
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON tessera.audit_log
        FOR EACH ROW EXECUTE FUNCTION tessera.refuse_audit_change();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON tessera.audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION tessera.refuse_audit_change();
      ALTER TABLE tessera.audit_log ENABLE ROW LEVEL SECURITY;
      ALTER TABLE tessera.audit_log FORCE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON tessera.audit_log
        USING (tenant_id = tessera.current_tenant()) WITH CHECK (tenant_id = tessera.current_tenant());
      ALTER TABLE tessera.audit_log ALTER COLUMN tenant_id SET DEFAULT tessera.current_tenant();
    `,
  },
  {
    name: '002_idempotency_keys',
    up: `
      CREATE TABLE tessera.idempotency_keys (
        tenant_id uuid NOT NULL DEFAULT tessera.current_tenant(),
        plugin text NOT NULL,
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
        route text NOT NULL,
        request_hash text NOT NULL,
        status integer,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, plugin, key)
      );
      ALTER TABLE tessera.idempotency_keys ENABLE ROW LEVEL SECURITY;
      ALTER TABLE tessera.idempotency_keys FORCE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON tessera.idempotency_keys
        USING (tenant_id = tessera.current_tenant()) WITH CHECK (tenant_id = tessera.current_tenant());
    `,
  },
  {
    name: '003_job_receipts',
    up: `
      CREATE TABLE tessera.job_receipts (
        tenant_id uuid NOT NULL DEFAULT tessera.current_tenant(),
        queue text NOT NULL,
        job_id uuid NOT NULL,
        done_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, queue, job_id)
      );
      CREATE INDEX job_receipts_done_at ON tessera.job_receipts (done_at);
      ALTER TABLE tessera.job_receipts ENABLE ROW LEVEL SECURITY;
      ALTER TABLE tessera.job_receipts FORCE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON tessera.job_receipts
        USING (tenant_id = tessera.current_tenant()) WITH CHECK (tenant_id = tessera.current_tenant());
    `,
  },
  {
    // invitations of existing users (pending until they accept); API tokens tied to their creator's membership, with
    // an expiry and a last-used time; per-account login failure counters (platform tables, no runtime-role grant)
    name: '004_invitations_tokens_login_throttle',
    up: `
      CREATE TABLE tessera.tenant_invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tessera.tenants ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES tessera.users ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'finance', 'support', 'member')),
        plugin_id text,
        invited_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL DEFAULT now() + interval '30 days',
        accepted_at timestamptz,
        closed_at timestamptz
      );
      CREATE UNIQUE INDEX tenant_invitations_open ON tessera.tenant_invitations (tenant_id, user_id)
        WHERE accepted_at IS NULL AND closed_at IS NULL;
      CREATE INDEX tenant_invitations_user ON tessera.tenant_invitations (user_id);

      ALTER TABLE tessera.api_tokens ADD COLUMN last_used_at timestamptz;
      ALTER TABLE tessera.api_tokens DROP CONSTRAINT api_tokens_created_by_fkey;
      ALTER TABLE tessera.api_tokens ADD CONSTRAINT api_tokens_created_by_fkey
        FOREIGN KEY (created_by) REFERENCES tessera.users ON DELETE CASCADE;
      UPDATE tessera.api_tokens SET expires_at = now() + interval '90 days' WHERE expires_at IS NULL AND revoked_at IS NULL;
      CREATE INDEX api_tokens_tenant ON tessera.api_tokens (tenant_id, created_at DESC);

      CREATE TABLE tessera.login_throttle (
        account text PRIMARY KEY,
        failures integer NOT NULL,
        last_failed_at timestamptz NOT NULL,
        locked_until timestamptz
      );
      CREATE INDEX login_throttle_last_failed ON tessera.login_throttle (last_failed_at);
    `,
  },
  {
    // the CHECKs on role columns, generated from the SDK's TENANT_ROLES (the one role list) instead of hard-coded
    name: '005_role_checks_from_sdk',
    up: async (db) => void (await syncRoleChecks(db)),
  },
  {
    // single-use set-password tokens (invitations of new users, password resets), stored only as their SHA-256
    // (auth/password-tokens/); a platform table, no runtime-role grant
    name: '006_password_tokens',
    up: `
      CREATE TABLE tessera.password_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES tessera.users ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('invitation', 'password-reset')),
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz,
        revoked_at timestamptz
      );
      CREATE INDEX password_tokens_user ON tessera.password_tokens (user_id, kind, created_at DESC);
    `,
  },
]
