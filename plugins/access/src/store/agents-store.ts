/**
 * SQL of site agents: registration (the secret sealed with the tenant's key), health, revocation. `connected` is
 * trusted only while heartbeats arrive (a crashed kernel instance cannot clear its flag).
 */
import type { Db } from '@tessera/sdk'
import type { Agent } from '../contract/index.ts'

type AgentRow = {
  id: string; name: string; connected: boolean; last_seen_at: Date | null; software: string | null; devices: Agent['devices']
  last_heartbeat: Record<string, unknown> | null; reported_grants_version: string | null; pushed_grants_version: string | null
  pushed_at: Date | null; revoked_at: Date | null; created_at: Date
}

const num = (v: string | null) => (v === null ? null : Number(v))
const iso = (d: Date | null) => d?.toISOString() ?? null

function toAgent(r: AgentRow): Agent {
  return {
    id: r.id, name: r.name, connected: r.connected, lastSeenAt: iso(r.last_seen_at), software: r.software, devices: r.devices,
    heartbeat: r.last_heartbeat, reportedGrantsVersion: num(r.reported_grants_version), pushedGrantsVersion: num(r.pushed_grants_version),
    pushedAt: iso(r.pushed_at), revokedAt: iso(r.revoked_at), createdAt: r.created_at.toISOString(),
  }
}

const LIVE = `(connected AND last_seen_at > now() - interval '2 minutes')`
const COLUMNS = `id, name, ${LIVE} AS connected, last_seen_at, software, devices, last_heartbeat, reported_grants_version, pushed_grants_version, pushed_at, revoked_at, created_at`

/** Every agent, by name. */
export async function listAgents(db: Db): Promise<Agent[]> {
  return (await db.many<AgentRow>(`SELECT ${COLUMNS} FROM access.agents ORDER BY name, id`)).map(toAgent)
}

/** One agent, or undefined. */
export async function getAgent(db: Db, id: string): Promise<Agent | undefined> {
  const row = await db.one<AgentRow>(`SELECT ${COLUMNS} FROM access.agents WHERE id = $1`, [id])
  return row && toAgent(row)
}

/** Whether an agent exists and is not revoked. */
export async function agentIsActive(db: Db, id: string): Promise<boolean> {
  return (await db.one('SELECT 1 FROM access.agents WHERE id = $1 AND revoked_at IS NULL', [id])) !== undefined
}

/** Inserts an agent with its sealed secret. */
export async function insertAgent(db: Db, id: string, name: string, secretBox: string): Promise<void> {
  await db.query('INSERT INTO access.agents (id, name, secret_box) VALUES ($1, $2, $3)', [id, name, secretBox])
}

/** Revokes an agent (once); undefined when there is none. */
export async function revokeAgent(db: Db, id: string): Promise<Agent | undefined> {
  const row = await db.one<AgentRow>(`UPDATE access.agents SET revoked_at = coalesce(revoked_at, now()), connected = false WHERE id = $1 RETURNING ${COLUMNS}`, [id])
  return row && toAgent(row)
}

/** The active cards (id and normalised number), for hashing them for a new agent. */
export function activeCards(db: Db): Promise<{ id: string; card_uid: string }[]> {
  return db.many<{ id: string; card_uid: string }>(`SELECT id, card_uid FROM access.credentials WHERE type = 'card' AND revoked_at IS NULL`)
}

/** Stores the hash of a card for an agent. */
export async function insertCardHash(db: Db, credentialId: string, agentId: string, hash: string): Promise<void> {
  await db.query(`INSERT INTO access.credential_hashes (credential_id, agent_id, type, hash) VALUES ($1, $2, 'card', $3) ON CONFLICT DO NOTHING`, [credentialId, agentId, hash])
}

/** The sealed secret of a non-revoked agent; `FOR SHARE` waits for a revocation still in flight. */
export async function agentSecretBox(db: Db, id: string): Promise<string | undefined> {
  return (await db.one<{ secret_box: string }>('SELECT secret_box FROM access.agents WHERE id = $1 AND revoked_at IS NULL FOR SHARE', [id]))?.secret_box
}

/** Records an agent's connection and what it said in its hello. */
export async function markConnected(db: Db, id: string, hello: { software: string; devices: unknown[]; grantsVersion: number | null }): Promise<void> {
  await db.query(
    `UPDATE access.agents SET connected = true, last_seen_at = now(), software = $2, devices = $3, reported_grants_version = $4 WHERE id = $1`,
    [id, hello.software, JSON.stringify(hello.devices), hello.grantsVersion])
}

/** Records that an agent disconnected. */
export async function markDisconnected(db: Db, id: string): Promise<void> {
  await db.query('UPDATE access.agents SET connected = false WHERE id = $1', [id])
}

/** Whether a grant push was requested for an agent after its last push (by another kernel instance). */
export async function wantsSync(db: Db, id: string): Promise<boolean> {
  const row = await db.one<{ wants: boolean }>(`SELECT coalesce(sync_requested_at > coalesce(pushed_at, '-infinity'), false) AS wants FROM access.agents WHERE id = $1`, [id])
  return row?.wants ?? false
}
