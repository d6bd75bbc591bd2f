/**
 * Migration 001: Wi-Fi credentials, the RADIUS view, accounting and vouchers.
 *
 * - `wifi.credentials` (tenant table, RLS by the kernel): a member's Wi-Fi login — local part, realm, the generated
 *   password sealed for display (`password_box`), whether the member's memberships allow Wi-Fi now and until when.
 * - `wifi.memberships`: this plugin's copy of billing's membership state (from `billing.membership.*` events).
 * - `wifi.vouchers`: guest vouchers created at UniFi (codes shown to staff and on a day-pass sale).
 * - Schema `wifi_radius` (outside the plugin schema on purpose, so the kernel's blanket grants to the runtime role do
 *   not reach it): `nt_passwords` holds the NT hash RADIUS checks, readable only by the `tessera_radius` role (the
 *   application may write it and read every column except `nt_hash`); `sessions` is RADIUS accounting, written by
 *   `tessera_radius`, read per tenant by the application. Both have RLS ENABLE + FORCE with the kernel's
 *   tenant policy for every role, plus policies for `tessera_radius`: read only credentials valid now (all tenants),
 *   write no credential; insert/update accounting rows (the tenant comes from the credential row, never the NAS).
 * - `wifi.radius_credentials` (view, `security_invoker`): what FreeRADIUS's rlm_sql reads — `user@realm`,
 *   `NT-Password`, `:=`, the hash — evaluated with the caller's rights, so its RLS policy decides what it sees.
 * - `tessera_radius`: LOGIN, no superuser, no BYPASSRLS; its password is set by the operator (`ALTER ROLE`).
 */
import type { Migration } from '@tessera/sdk'

export const wifiMigration001: Migration = {
  name: '001_wifi',
  up: `
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tessera_radius') THEN
        CREATE ROLE tessera_radius LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- another database's migration created it
    END $$;

    CREATE TABLE memberships (
      tenant_id uuid NOT NULL,
      membership_id uuid NOT NULL,
      person_id uuid NOT NULL,
      starts_on date,
      ends_on date,
      ends_event_at timestamptz,
      status text NOT NULL CHECK (status IN ('active', 'suspended')),
      status_event_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, membership_id)
    );
    CREATE INDEX memberships_person_idx ON memberships (tenant_id, person_id);

    CREATE TABLE credentials (
      tenant_id uuid NOT NULL,
      person_id uuid NOT NULL,
      local_part text NOT NULL CHECK (local_part ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
      realm text NOT NULL,
      password_box text NOT NULL,
      allowed boolean NOT NULL DEFAULT false,
      valid_from timestamptz,
      valid_until timestamptz,
      rotated_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, person_id),
      UNIQUE (tenant_id, local_part)
    );

    CREATE TABLE vouchers (
      tenant_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      unifi_id text NOT NULL,
      code text NOT NULL,
      name text NOT NULL,
      duration_minutes integer NOT NULL,
      data_limit_mb integer,
      source text NOT NULL CHECK (source IN ('staff', 'pos')),
      sale_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id)
    );
    CREATE INDEX vouchers_sale_idx ON vouchers (tenant_id, sale_id);
    CREATE TABLE voucher_sales (
      tenant_id uuid NOT NULL,
      sale_id uuid NOT NULL,
      PRIMARY KEY (tenant_id, sale_id)
    );

    CREATE SCHEMA wifi_radius;
    REVOKE ALL ON SCHEMA wifi_radius FROM PUBLIC;
    GRANT USAGE ON SCHEMA wifi_radius TO PUBLIC;

    CREATE TABLE wifi_radius.realms (
      realm text PRIMARY KEY CHECK (realm ~ '^[a-z0-9][a-z0-9.-]{0,62}$'),
      tenant_id uuid NOT NULL UNIQUE DEFAULT tessera.current_tenant()
    );

    CREATE TABLE wifi_radius.nt_passwords (
      tenant_id uuid NOT NULL DEFAULT tessera.current_tenant(),
      person_id uuid NOT NULL,
      username text NOT NULL UNIQUE,
      nt_hash text NOT NULL CHECK (nt_hash ~ '^[0-9A-F]{32}$'),
      allowed boolean NOT NULL,
      valid_from timestamptz,
      valid_until timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, person_id)
    );

    CREATE TABLE wifi_radius.sessions (
      tenant_id uuid NOT NULL,
      person_id uuid NOT NULL,
      username text NOT NULL,
      acct_session_id text NOT NULL,
      nas_ip text,
      calling_station text,
      started_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      stopped_at timestamptz,
      session_seconds bigint NOT NULL DEFAULT 0,
      input_octets bigint NOT NULL DEFAULT 0,
      output_octets bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (username, acct_session_id)
    );
    CREATE INDEX sessions_person_idx ON wifi_radius.sessions (tenant_id, person_id, started_at DESC);

    DO $$
    DECLARE t text;
    BEGIN
      FOREACH t IN ARRAY ARRAY['realms', 'nt_passwords', 'sessions'] LOOP
        EXECUTE format('REVOKE ALL ON wifi_radius.%I FROM PUBLIC', t);
        EXECUTE format('ALTER TABLE wifi_radius.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE wifi_radius.%I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON wifi_radius.%I USING (tenant_id = tessera.current_tenant()) WITH CHECK (tenant_id = tessera.current_tenant())', t);
      END LOOP;
    END $$;

    -- the application (any role but tessera_radius, which holds no grant on these columns): no SELECT of nt_hash
    GRANT SELECT, INSERT, DELETE ON wifi_radius.realms TO PUBLIC;
    GRANT SELECT (tenant_id, person_id, username, allowed, valid_from, valid_until, updated_at),
          INSERT (tenant_id, person_id, username, nt_hash, allowed, valid_from, valid_until, updated_at),
          UPDATE (username, nt_hash, allowed, valid_from, valid_until, updated_at), DELETE
       ON wifi_radius.nt_passwords TO PUBLIC;
    GRANT SELECT, DELETE ON wifi_radius.sessions TO PUBLIC;

    -- tessera_radius: reads credentials valid now, of every tenant; never writes them
    GRANT SELECT ON wifi_radius.nt_passwords TO tessera_radius;
    CREATE POLICY radius_reads_valid ON wifi_radius.nt_passwords FOR SELECT TO tessera_radius
      USING (allowed AND (valid_from IS NULL OR valid_from <= now()) AND (valid_until IS NULL OR valid_until > now()));
    CREATE POLICY radius_writes_nothing_i ON wifi_radius.nt_passwords AS RESTRICTIVE FOR INSERT TO tessera_radius WITH CHECK (false);
    CREATE POLICY radius_writes_nothing_u ON wifi_radius.nt_passwords AS RESTRICTIVE FOR UPDATE TO tessera_radius USING (false);
    CREATE POLICY radius_writes_nothing_d ON wifi_radius.nt_passwords AS RESTRICTIVE FOR DELETE TO tessera_radius USING (false);
    CREATE POLICY radius_realms_none ON wifi_radius.realms AS RESTRICTIVE FOR ALL TO tessera_radius USING (false) WITH CHECK (false);
    -- accounting: tessera_radius inserts and updates sessions (tenant and person copied from the credential row)
    GRANT SELECT, INSERT, UPDATE ON wifi_radius.sessions TO tessera_radius;
    CREATE POLICY radius_accounting ON wifi_radius.sessions FOR ALL TO tessera_radius USING (true) WITH CHECK (true);
    CREATE POLICY radius_accounting_no_delete ON wifi_radius.sessions AS RESTRICTIVE FOR DELETE TO tessera_radius USING (false);

    CREATE VIEW radius_credentials WITH (security_invoker = true) AS
      SELECT p.tenant_id, p.person_id, p.username, 'NT-Password'::text AS attribute, ':='::text AS op, p.nt_hash AS value
        FROM wifi_radius.nt_passwords p;
    GRANT USAGE ON SCHEMA wifi TO tessera_radius;
    GRANT USAGE ON SCHEMA tessera TO tessera_radius; -- to evaluate tessera.current_tenant() in the tenant policies
    GRANT SELECT ON radius_credentials TO tessera_radius;
  `,
  down: `DROP VIEW radius_credentials; DROP SCHEMA wifi_radius CASCADE; DROP TABLE voucher_sales, vouchers, credentials, memberships;`,
}
