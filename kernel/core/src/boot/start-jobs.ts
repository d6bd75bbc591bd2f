/**
 * The kernel's jobs and events part: pg-boss (schema `pgboss`, its own small pool on the admin URL, LISTEN/NOTIFY) and
 * the event bus on top of it. Once pg-boss has created its schema, the runtime role may enqueue into it, so a tenant
 * transaction sends jobs and events on its own connection (the transactional outbox). Queues and workers come later,
 * from the plugin host.
 */
import type pg from 'pg'
import type { KernelConfig } from '@tessera/config'
import type { Logger } from '@tessera/sdk'
import { JobSystem } from '../jobs/job-system.ts'
import { EventBus } from '../jobs/event-bus.ts'
import { ident } from '../db/sql-identifier.ts'
import type { KernelDatabase } from './start-database.ts'
import type { ShutdownSteps } from './shutdown-steps.ts'

/**
 * Starts pg-boss and the event bus (`captureChannel`: tests only, see `event-bus.ts`); the stop step goes to `steps`.
 * An instance that works no queues (`workers` false: the CLI, an API-only instance) does not LISTEN for new jobs.
 */
export async function startJobs(db: KernelDatabase, config: KernelConfig['jobs'], log: Logger, steps: ShutdownSteps, captureChannel?: string, workers = true): Promise<{ jobs: JobSystem; events: EventBus }> {
  // job handlers may hold half of the runtime pool's connections at most; requests keep the rest
  const jobs = new JobSystem(db.url, config.pollingIntervalSeconds, log, Math.floor((db.runtimePool.options.max ?? 10) / 2), workers)
  const events = new EventBus(jobs, log, captureChannel)
  await jobs.start()
  steps.add(() => jobs.stop())
  await grantJobAccess(db.pool, db.role)
  return { jobs, events }
}

/** Lets tenant transactions enqueue jobs (the transactional outbox runs as the runtime role). */
async function grantJobAccess(pool: pg.Pool, role: string): Promise<void> {
  const r = ident(role)
  await pool.query(`GRANT USAGE ON SCHEMA pgboss TO ${r}`)
  await pool.query(`GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA pgboss TO ${r}`)
  await pool.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pgboss TO ${r}`)
}
