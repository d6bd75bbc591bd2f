/**
 * Keeping agents' grant sets current. `requestGrantSync` is what a change calls inside its transaction: it marks the
 * affected agents and publishes `access.grants.changed`, which the plugin itself subscribes to — so the push
 * happens after the change has committed (the kernel's transactional outbox), within a job poll interval. The
 * subscriber (and every agent (re)connection, the hourly refresh job, and heartbeats of agents marked by another
 * kernel instance) calls `syncAgent`, which builds the set, signs it with a fresh version from a sequence and sends
 * it as a signed `grants.replace` command when the agent's socket is held by this instance.
 */
import { signGrantSet } from '@tessera/driver-sdk'
import type { AccessContext } from './access-config.ts'
import { grantsChanged } from '../contract/index.ts'
import { agentHubOf } from '../link/agent-hub.ts'
import { buildGrants } from './grant-builder.ts'
import { openSecret } from './secret-box.ts'

/** Marks agents (default: all of the tenant) for a grant push after the current transaction commits. */
export async function requestGrantSync(ctx: AccessContext, agentIds?: string[]): Promise<void> {
  if (agentIds && agentIds.length === 0) return
  await ctx.db.query(
    `UPDATE access.agents SET sync_requested_at = now() WHERE revoked_at IS NULL AND ($1::uuid[] IS NULL OR id = ANY($1::uuid[]))`,
    [agentIds ?? null])
  await ctx.events.publish(grantsChanged, agentIds ? { agentIds } : {})
}

/** Result of {@link syncAgent}. */
export interface SyncResult { agentId: string; pushed: boolean; version?: number; grants?: number }

/** Builds, signs and pushes the grant set of one agent, if it is connected to this instance. */
export async function syncAgent(ctx: AccessContext, agentId: string): Promise<SyncResult> {
  const hub = agentHubOf(ctx)
  if (!hub.get(agentId)) {
    // held by another instance (or not connected): its holder pushes at the next heartbeat, a reconnect pushes anyway
    await ctx.db.query('UPDATE access.agents SET sync_requested_at = now() WHERE id = $1', [agentId])
    return { agentId, pushed: false }
  }
  const row = await ctx.db.one<{ secret_box: string }>('SELECT secret_box FROM access.agents WHERE id = $1 AND revoked_at IS NULL', [agentId])
  if (!row) return { agentId, pushed: false }
  const cfg = ctx.config()
  const now = Date.now()
  const grants = await buildGrants(ctx, agentId, now, cfg)
  const version = Number((await ctx.db.one<{ v: string }>(`SELECT nextval('access.grant_set_version') AS v`))!.v)
  const grantSet = signGrantSet(openSecret(ctx, row.secret_box, agentId), { version, issuedAt: new Date(now).toISOString(), grants })
  const sent = hub.send(agentId, 'grants.replace', { grantSet }, { timeoutMs: cfg.commandTimeoutMs })
  if (!sent.command) return { agentId, pushed: false }
  await ctx.db.query(
    `INSERT INTO access.commands (id, agent_id, type, status, result) VALUES ($1, $2, 'grants.replace', 'sent', $3)`,
    [sent.command.id, agentId, JSON.stringify({ version, grants: grants.length })])
  await ctx.db.query('UPDATE access.agents SET pushed_grants_version = $2, pushed_at = now() WHERE id = $1', [agentId, version])
  ctx.log.info({ agentId, version, grants: grants.length }, 'grant set pushed')
  return { agentId, pushed: true, version, grants: grants.length }
}

/** Syncs the given agents (default: every agent of the tenant held by this instance). */
export async function syncAgents(ctx: AccessContext, agentIds?: string[]): Promise<SyncResult[]> {
  const rows = await ctx.db.many<{ id: string }>(
    'SELECT id FROM access.agents WHERE revoked_at IS NULL AND ($1::uuid[] IS NULL OR id = ANY($1::uuid[])) ORDER BY id', [agentIds ?? null])
  const out: SyncResult[] = []
  for (const r of rows) out.push(await syncAgent(ctx, r.id))
  return out
}
