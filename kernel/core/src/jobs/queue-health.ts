/**
 * The jobs backlog of the deployment, per queue, counted from pg-boss's job table at the moment of asking (pg-boss's
 * own queue counters are refreshed only by its monitor pass): jobs ready to run, waiting for a later start or a retry,
 * running, failed and kept, and — from the queue's dead-letter queue `<queue>.dead` — the dead letters, i.e. jobs
 * that used up their retries. The owning plugin is the first segment of the queue name (`<plugin>.<job>`,
 * `<subscriber>.on.<event>`). Read on the admin pool for the operator's health screen.
 */
import type { Pool } from 'pg'

/** One queue's counts. */
export interface QueueHealth {
  name: string
  plugin: string
  /** Runnable now (created, start time reached). */
  ready: number
  /** Created with a later start, or waiting to be retried. */
  waiting: number
  active: number
  /** Failed jobs pg-boss still keeps (moved to the dead-letter queue when retries are used up). */
  failed: number
  /** Jobs in `<name>.dead` not yet handled: what needs an operator's look. */
  dead: number
  /** When the oldest job still to run was created (null when none). */
  oldestWaitingAt: string | null
}

/** Counts every queue's jobs (dead-letter queues are reported with the queue they belong to). */
export async function queueHealth(pool: Pool, schema = 'pgboss'): Promise<QueueHealth[]> {
  const { rows } = await pool.query(
    `SELECT q.name,
            count(j.id) FILTER (WHERE j.state = 'created' AND j.start_after <= now())::int AS ready,
            count(j.id) FILTER (WHERE (j.state = 'created' AND j.start_after > now()) OR j.state = 'retry')::int AS waiting,
            count(j.id) FILTER (WHERE j.state = 'active')::int AS active,
            count(j.id) FILTER (WHERE j.state = 'failed')::int AS failed,
            count(j.id) FILTER (WHERE j.state IN ('created', 'retry', 'active', 'failed'))::int AS open,
            min(j.created_on) FILTER (WHERE j.state IN ('created', 'retry')) AS "oldestWaitingAt"
       FROM ${schema}.queue q LEFT JOIN ${schema}.job j ON j.name = q.name
      GROUP BY q.name ORDER BY q.name`,
  )
  const dead = new Map<string, number>()
  for (const r of rows) if (r.name.endsWith('.dead')) dead.set(r.name.slice(0, -'.dead'.length), r.open)
  return rows
    // pg-boss's own queues (`__pgboss__send-it`) are its plumbing, not a plugin's work
    .filter((r) => !r.name.endsWith('.dead') && !r.name.startsWith('__pgboss'))
    .map((r) => ({
      name: r.name, plugin: r.name.split('.')[0], ready: r.ready, waiting: r.waiting, active: r.active, failed: r.failed,
      dead: dead.get(r.name) ?? 0, oldestWaitingAt: r.oldestWaitingAt ? new Date(r.oldestWaitingAt).toISOString() : null,
    }))
}
