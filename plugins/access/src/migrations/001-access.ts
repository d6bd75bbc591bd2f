/**
 * Migration 001: site agents, doors, access groups (doors + weekly windows + person/organisation members),
 * credentials with their per-agent hashes, the door event log (deduplicated by the agent's event id) and the log of
 * commands sent to agents (remote unlocks, grant pushes, and refusals the agents reported).
 *
 * Foreign keys are composite with `tenant_id` because PostgreSQL checks them without RLS. Grant-set versions come
 * from a sequence: `nextval` is not rolled back with a transaction, so a version once signed is never reused, even
 * if the transaction that signed it fails — the agent refuses any set whose version is not higher than its own.
 */
import type { Migration } from '@tessera/sdk'

export const accessMigration001: Migration = {
  name: '001_access',
  up: `
    CREATE SEQUENCE grant_set_version;

    CREATE TABLE agents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      name text NOT NULL,
      secret_box text NOT NULL,
      software text,
      devices jsonb NOT NULL DEFAULT '[]',
      connected boolean NOT NULL DEFAULT false,
      last_seen_at timestamptz,
      last_heartbeat jsonb,
      reported_grants_version bigint,
      pushed_grants_version bigint,
      pushed_at timestamptz,
      sync_requested_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, id)
    );

    CREATE TABLE doors (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      name text NOT NULL,
      location_id uuid NOT NULL,
      resource_id uuid,
      agent_id uuid NOT NULL,
      device_id text NOT NULL,
      unlock_duration_ms integer NOT NULL DEFAULT 5000 CHECK (unlock_duration_ms BETWEEN 200 AND 60000),
      lock_state text,
      door_state text,
      online boolean,
      status_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, id),
      UNIQUE (tenant_id, agent_id, device_id),
      FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id)
    );

    CREATE TABLE groups (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      name text NOT NULL,
      schedule jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, id)
    );

    CREATE TABLE group_doors (
      tenant_id uuid NOT NULL,
      group_id uuid NOT NULL,
      door_id uuid NOT NULL,
      PRIMARY KEY (tenant_id, group_id, door_id),
      FOREIGN KEY (tenant_id, group_id) REFERENCES groups (tenant_id, id) ON DELETE CASCADE,
      FOREIGN KEY (tenant_id, door_id) REFERENCES doors (tenant_id, id) ON DELETE CASCADE
    );

    CREATE TABLE group_members (
      tenant_id uuid NOT NULL,
      group_id uuid NOT NULL,
      subject_kind text NOT NULL CHECK (subject_kind IN ('person', 'organisation')),
      subject_id uuid NOT NULL,
      PRIMARY KEY (tenant_id, group_id, subject_kind, subject_id),
      FOREIGN KEY (tenant_id, group_id) REFERENCES groups (tenant_id, id) ON DELETE CASCADE
    );

    CREATE TABLE credentials (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      person_id uuid NOT NULL,
      type text NOT NULL CHECK (type IN ('pin', 'card')),
      card_uid text,
      label text,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      UNIQUE (tenant_id, id),
      CHECK ((type = 'pin' AND card_uid IS NULL) OR (type = 'card' AND card_uid IS NOT NULL))
    );
    CREATE INDEX credentials_person_idx ON credentials (tenant_id, person_id);

    CREATE TABLE credential_hashes (
      tenant_id uuid NOT NULL,
      credential_id uuid NOT NULL,
      agent_id uuid NOT NULL,
      type text NOT NULL,
      hash text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      PRIMARY KEY (tenant_id, credential_id, agent_id),
      FOREIGN KEY (tenant_id, credential_id) REFERENCES credentials (tenant_id, id) ON DELETE CASCADE,
      FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE
    );
    CREATE UNIQUE INDEX credential_hashes_unique_active ON credential_hashes (tenant_id, agent_id, type, hash) WHERE active;

    CREATE TABLE events (
      tenant_id uuid NOT NULL,
      id uuid NOT NULL,
      agent_id uuid,
      door_id uuid,
      device_id text,
      source text NOT NULL CHECK (source IN ('agent', 'kernel')),
      category text NOT NULL,
      kind text NOT NULL,
      reason text,
      credential_type text,
      person_id uuid,
      request_id text,
      actor jsonb,
      detail text,
      occurred_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id)
    );
    CREATE INDEX events_door_idx ON events (tenant_id, door_id, occurred_at DESC);
    CREATE INDEX events_time_idx ON events (tenant_id, occurred_at DESC);

    CREATE TABLE commands (
      tenant_id uuid NOT NULL,
      id uuid NOT NULL,
      agent_id uuid NOT NULL,
      type text,
      door_id uuid,
      request_id text,
      actor jsonb,
      status text NOT NULL CHECK (status IN ('sent', 'ok', 'failed', 'rejected', 'timeout', 'offline')),
      reason text,
      result jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      answered_at timestamptz,
      PRIMARY KEY (tenant_id, id)
    );
    CREATE INDEX commands_agent_idx ON commands (tenant_id, agent_id, created_at DESC);

    CREATE TABLE unlock_requests (
      tenant_id uuid NOT NULL,
      request_id text NOT NULL,
      door_id uuid NOT NULL,
      actor jsonb NOT NULL,
      response jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, request_id)
    );
  `,
  down: `DROP TABLE unlock_requests; DROP TABLE commands; DROP TABLE events; DROP TABLE credential_hashes; DROP TABLE credentials;
    DROP TABLE group_members; DROP TABLE group_doors; DROP TABLE groups; DROP TABLE doors; DROP TABLE agents; DROP SEQUENCE grant_set_version;`,
}
