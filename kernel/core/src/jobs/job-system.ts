/**
 * Background work on pg-boss (schema `pgboss`). Every plugin job has the queue `<plugin>.<job>`; every event
 * subscription has the queue `<subscriber>.on.<event>`; each has a dead-letter queue `<queue>.dead` that receives a
 * job after its retries. Jobs carry their tenant; before a handler runs, the worker re-checks that the tenant still has
 * the plugin enabled, then runs it inside that tenant's RLS transaction. Enqueueing inside a tenant transaction uses
 * that transaction's connection, so the job exists only if the transaction commits (the transactional outbox).
 */
import { PgBoss } from 'pg-boss'
import type { Job } from 'pg-boss'
import type { Logger, SendJobOptions } from '@tessera/sdk'
import { currentScope } from '../db/tenant-scope.ts'

/** The data every job carries. */
export interface TenantJobData {
  tenantId: string
  [key: string]: unknown
}

/** Options of a queue. */
export interface QueueSpec {
  name: string
  retryLimit: number
  retryDelaySeconds: number
  retryBackoff?: boolean
  expireInSeconds?: number
}

/** The kernel's pg-boss. */
export class JobSystem {
  readonly boss: PgBoss
  readonly #log: Logger
  readonly #pollingIntervalSeconds: number
  #started = false

  constructor(url: string, pollingIntervalSeconds: number, log: Logger) {
    this.#log = log
    this.#pollingIntervalSeconds = pollingIntervalSeconds
    this.boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 4, application_name: 'tessera-jobs', useListenNotify: true })
    this.boss.on('error', (err: Error) => log.warn({ err: err.message }, 'pg-boss error'))
  }

  /** Creates or updates the pgboss schema and starts maintenance. */
  async start(): Promise<void> {
    await this.boss.start()
    this.#started = true
  }

  /** Creates a queue and its dead-letter queue (idempotent). */
  async ensureQueue(spec: QueueSpec): Promise<void> {
    const dead = `${spec.name}.dead`
    if (!(await this.boss.getQueue(dead))) await this.boss.createQueue(dead, { retryLimit: 0 })
    const options = {
      retryLimit: spec.retryLimit, retryDelay: spec.retryDelaySeconds, retryBackoff: spec.retryBackoff ?? false,
      expireInSeconds: spec.expireInSeconds ?? 900, deadLetter: dead, notify: true,
    }
    if (await this.boss.getQueue(spec.name)) await this.boss.updateQueue(spec.name, options)
    else await this.boss.createQueue(spec.name, options)
  }

  /** Runs `handler` for each job of `queue`; a throw makes pg-boss retry, then dead-letter. */
  async work(queue: string, handler: (job: Job<TenantJobData>) => Promise<void>): Promise<void> {
    await this.boss.work<TenantJobData>(queue, { pollingIntervalSeconds: this.#pollingIntervalSeconds, notifyPollingIntervalSeconds: Math.max(this.#pollingIntervalSeconds, 2), batchSize: 1 }, async (jobs) => {
      for (const job of jobs) await handler(job)
    })
  }

  /** Enqueues on the current tenant transaction (committed with it, or never). */
  async sendInScope(queue: string, data: Record<string, unknown>, options: SendJobOptions = {}): Promise<string | null> {
    const scope = currentScope()
    const startAfter = typeof options.startAfter === 'number' ? new Date(Date.now() + options.startAfter * 1000) : options.startAfter
    return this.boss.send(queue, { ...data, tenantId: scope.tenantId }, {
      startAfter, singletonKey: options.singletonKey,
      db: { executeSql: (text: string, values?: unknown[]) => scope.client.query(text, values) },
    })
  }

  /** Schedules `queue` on `cron` for one tenant (key = tenant id). */
  async schedule(queue: string, tenantId: string, cron: string, tz = 'UTC'): Promise<void> {
    await this.boss.schedule(queue, cron, { tenantId }, { key: tenantId, tz })
  }

  /** Removes a tenant's schedule of `queue`. */
  async unschedule(queue: string, tenantId: string): Promise<void> {
    await this.boss.unschedule(queue, tenantId)
  }

  /** Stops workers and maintenance. */
  async stop(): Promise<void> {
    if (!this.#started) return
    this.#started = false
    await this.boss.stop({ graceful: true, timeout: 5000 }).catch((err: Error) => this.#log.warn({ err: err.message }, 'pg-boss stop'))
  }
}
