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
import { HandlerSlots } from './handler-slots.ts'
import { JobWakeups } from './job-wakeups.ts'
import { TenantTurns } from './tenant-turns.ts'

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
  /** How long a completed job stays in the job table (pg-boss deletes it afterwards). */
  deleteAfterSeconds?: number
}

/** Jobs fetched per batch (all of a batch run concurrently). */
const BATCH = 16
/** Workers per queue and instance: while one batch runs, the other fetches the next. */
const WORKERS = 2

/**
 * One event delivery job, as pg-boss's own `insert` would write it for a queue of this kernel (no singleton, no start
 * delay, no dependencies), in a statement of ~500 bytes instead of pg-boss's ~3 KB one: it is parsed and planned on
 * every call (unnamed statements, as PgBouncer's transaction mode needs), and on the mutation path that planning was
 * the largest part of the database's work per request. The queue's options come as parameters ({@link QUEUE_OPTIONS},
 * read once when this instance ensured the queue) instead of from a join with `pgboss.queue`: every job INSERT's
 * foreign keys share-lock the queue's row until COMMIT, so under concurrent requests that row carries a multixact
 * and reading it in each INSERT cost more than the rest of the statement (pgbench, 10 clients, the mutation route's
 * transaction: 5,100 → 5,600–6,500 transactions/s without the join). Only for queues this instance ensured;
 * `job-insert.test.ts` checks its rows equal pg-boss's column by column. One difference: `created_on` is the
 * statement's own clock (`clock_timestamp()`, pg-boss's `job_now()` is the transaction's), so the jobs one transaction
 * enqueues in the same priority (`tenant-turns.ts`) are worked in the order they were enqueued, not in the random order
 * of a tie. Parameters: queue, data (JSON text), priority, group (the tenant), then {@link QUEUE_OPTIONS}' values.
 */
export const SHORT_INSERT = `INSERT INTO pgboss.job (name, data, priority, group_id, retry_limit, retry_delay, retry_backoff, retry_delay_max,
  expire_seconds, deletion_seconds, keep_until, policy, dead_letter, heartbeat_seconds, created_on)
SELECT $1, $2::jsonb, $3, $4, $5::int, $6::int, $7::bool, $8::int, $9::int, $10::int, c.at + $11::int * interval '1 second',
  $12::text, $13::text, $14::int, c.at
FROM (SELECT clock_timestamp() AS at) c`

/** The options of a queue every job of it copies, in {@link SHORT_INSERT}'s parameter order ($5…$14). */
const QUEUE_OPTIONS = `SELECT retry_limit, retry_delay, retry_backoff, retry_delay_max, expire_seconds, deletion_seconds,
  retention_seconds, policy, dead_letter, heartbeat_seconds FROM pgboss.queue WHERE name = $1`

/** The kernel's pg-boss. */
export class JobSystem {
  readonly boss: PgBoss
  readonly #log: Logger
  readonly #pollingIntervalSeconds: number
  #started = false
  #stopping = false

  readonly #slots: HandlerSlots
  readonly #turns = new TenantTurns()
  readonly #wakeups: JobWakeups
  readonly #wakers = new Map<string, () => void>()
  /**
   * Queues this instance created or updated, with their options as it left them (event deliveries to them use
   * {@link SHORT_INSERT}): a queue's options are what this instance ensured at its start, until it restarts.
   */
  readonly #ensured = new Map<string, unknown[]>()

  /**
   * `handlerSlots`: how many job handlers may run at once in this instance (see `handler-slots.ts`); `listen`: wake
   * workers by LISTEN/NOTIFY (off for an instance that works no queues: it would only be woken for nothing).
   */
  constructor(url: string, pollingIntervalSeconds: number, log: Logger, handlerSlots: number, listen = true) {
    this.#log = log
    this.#pollingIntervalSeconds = pollingIntervalSeconds
    this.#slots = new HandlerSlots(handlerSlots)
    this.boss = new PgBoss({
      connectionString: url, schema: 'pgboss', max: 4, application_name: 'tessera-jobs', useListenNotify: listen,
      // look for jobs whose worker stopped heart-beating (a killed instance) every 10 s, not every 60 s
      superviseIntervalSeconds: 10,
    })
    // a lost connection (pg_terminate_backend, a restart) is reported here and healed by pg-boss (its pool replaces the
    // connection, its LISTEN client reconnects); once stopping, connections closing are expected, not news
    this.boss.on('error', (err: Error) => {
      if (!this.#stopping) log.warn({ err: err.message }, 'pg-boss error')
    })
    this.#wakeups = new JobWakeups(this.boss, log)
  }

  /** Creates or updates the pgboss schema and starts maintenance. */
  async start(): Promise<void> {
    await this.boss.start()
    await this.#wakeups.start('pgboss')
    this.#started = true
  }

  /** Creates a queue and its dead-letter queue (idempotent). */
  async ensureQueue(spec: QueueSpec): Promise<void> {
    const dead = `${spec.name}.dead`
    if (!(await this.boss.getQueue(dead))) await this.boss.createQueue(dead, { retryLimit: 0 })
    const options = {
      retryLimit: spec.retryLimit, retryDelay: spec.retryDelaySeconds, retryBackoff: spec.retryBackoff ?? false,
      // no NOTIFY inside the enqueuing transaction: the kernel wakes the workers after its commit (job-wakeups.ts)
      expireInSeconds: spec.expireInSeconds ?? 900, deadLetter: dead, notify: false,
      // the job table stays small: completed jobs go after a day unless the queue asks for less (event deliveries)
      deleteAfterSeconds: spec.deleteAfterSeconds ?? 86_400,
      // a job held by an instance that died is retried after 10 s without a heartbeat, not after expireInSeconds
      heartbeatSeconds: 10,
    }
    if (await this.boss.getQueue(spec.name)) await this.boss.updateQueue(spec.name, options)
    else await this.boss.createQueue(spec.name, options)
    const { rows } = await this.boss.getDb().executeSql(QUEUE_OPTIONS, [spec.name])
    this.#ensured.set(spec.name, Object.values(rows[0] as Record<string, unknown>))
  }

  /**
   * Runs `handler` for each job of `queue`: {@link WORKERS} workers each fetch up to {@link BATCH} jobs at a time and
   * run the jobs of a batch concurrently (each in its own tenant transaction), draining a backlog without waiting
   * between full batches; jobs are fetched by priority, so tenants take turns ({@link priorityOf}). Each job has its
   * own outcome: a throw fails (and later retries or dead-letters) only that job — it is failed here, on its own and
   * fenced by its attempt, and pg-boss's completion of the batch then completes the jobs still active, the others.
   *
   * Why not pg-boss's `perJobResults`: it completes a batch with one statement that joins the job table to a JSON
   * recordset of the batch, and on a job table whose statistics lag its growth (a new install, a burst after a quiet
   * night: autovacuum analyses it a minute later at best) PostgreSQL plans that join as a scan of every job of the
   * queue — 4 ms per batch on 11,000 jobs, measured, against 0.6 ms for the `id = ANY(…)` completion used here, which
   * finds the batch's rows by the primary key whatever the statistics say.
   */
  async work(queue: string, handler: (job: Job<TenantJobData>) => Promise<void>): Promise<void> {
    const options = {
      // committed jobs wake the workers (job-wakeups.ts): polling is the backstop for delayed starts and retries
      pollingIntervalSeconds: Math.max(this.#pollingIntervalSeconds, 2),
      batchSize: BATCH, burstWhenBatchFull: true, localConcurrency: WORKERS,
    }
    const run = async (job: Job<TenantJobData>): Promise<void> => {
      try {
        await this.#slots.run(() => handler(job))
      } catch (err) {
        const e = err as Error
        this.#log.warn({ queue, jobId: job.id, err: e.message }, 'job failed')
        // retried or dead-lettered as the queue says; no longer active, so the batch's completion leaves it alone
        await this.boss.fail(queue, { id: job.id, retryCount: job.retryCount }, { message: e.message, stack: e.stack })
      }
    }
    this.#wakeups.register(queue, await this.boss.work<TenantJobData>(queue, options, async (jobs) => {
      // every job of the batch settles first; should a failure not be recorded, pg-boss fails the batch (jobs whose
      // effect committed are then skipped by their receipts when retried)
      const lost = (await Promise.allSettled(jobs.map(run))).find((r) => r.status === 'rejected')
      if (lost) throw lost.reason
    }))
  }

  /** Wakes the workers of `queue` once what was enqueued to it has committed: after the scope's COMMIT, or now. */
  #wakeAfterCommit(queue: string): void {
    const after = currentScope().afterCommit
    if (!after) return this.#wakeups.wake(queue)
    let waker = this.#wakers.get(queue)
    if (!waker) this.#wakers.set(queue, (waker = () => this.#wakeups.wake(queue)))
    after.add(waker) // one wake-up per queue and transaction, however many jobs it enqueued there
  }

  /** Enqueues outside any tenant scope (the test harness, operators' tools) and wakes the queue's workers. */
  async send(queue: string, data: Record<string, unknown>): Promise<string | null> {
    const id = await this.boss.send(queue, data)
    this.#wakeups.wake(queue)
    return id
  }

  /**
   * Per-tenant fairness: the pg-boss priority of a tenant's next job on `queue`, from its turn (`tenant-turns.ts`):
   * a tenant's burst (an import, a bulk change) is spread over the seconds ahead, so the other tenants' jobs enqueued
   * meanwhile are worked before the rest of it, and a tenant's own jobs are worked in the order it enqueued them.
   * (pg-boss's `groupConcurrency` would make a worker kept free for other tenants fetch — and scan the busy tenant's backlog —
   * on every NOTIFY while that tenant is at its limit.) The job's pg-boss group is its tenant too, for inspection; no
   * group limit is set.
   */
  priorityOf(queue: string, tenantId: string): number {
    return this.#turns.take(`${queue} ${tenantId}`, Date.now())
  }

  /** Enqueues on the current tenant transaction (committed with it, or never), with its tenant's priority. */
  async sendInScope(queue: string, data: Record<string, unknown>, options: SendJobOptions = {}): Promise<string | null> {
    const scope = currentScope()
    const startAfter = typeof options.startAfter === 'number' ? new Date(Date.now() + options.startAfter * 1000) : options.startAfter
    const id = await this.boss.send(queue, { ...data, tenantId: scope.tenantId }, {
      startAfter, singletonKey: options.singletonKey, group: { id: scope.tenantId }, priority: this.priorityOf(queue, scope.tenantId),
      db: { executeSql: (text: string, values?: unknown[]) => scope.client.query(text, values) },
    })
    this.#wakeAfterCommit(queue)
    return id
  }

  /** {@link SHORT_INSERT}'s parameters for one job of an ensured `queue`; undefined for a queue this instance did not ensure. */
  shortInsertValues(queue: string, data: Record<string, unknown>, priority: number, tenantId: string): unknown[] | undefined {
    const options = this.#ensured.get(queue)
    return options && [queue, JSON.stringify(data), priority, tenantId, ...options]
  }

  /**
   * Enqueues on the current tenant transaction without waiting for the job's id: in a transaction the INSERT (pg-boss's
   * own statement) is deferred, so it travels with the next statement or the COMMIT instead of taking a round trip of
   * its own; on a statement-bound scope it runs at once. Used for event deliveries, whose ids nobody reads.
   */
  async enqueueInScope(queue: string, data: Record<string, unknown>): Promise<void> {
    const scope = currentScope()
    const client = scope.client
    const priority = this.priorityOf(queue, scope.tenantId)
    const values = this.shortInsertValues(queue, { ...data, tenantId: scope.tenantId }, priority, scope.tenantId)
    if (values) {
      if (client.defer) client.defer(SHORT_INSERT, values)
      else await client.query(SHORT_INSERT, values)
    } else {
      const db = client.defer
        ? { executeSql: async (text: string, values?: unknown[]) => (client.defer!(text, values), { rows: [] }) }
        : { executeSql: (text: string, values?: unknown[]) => client.query(text, values) }
      await this.boss.insert(queue, [{ data: { ...data, tenantId: scope.tenantId }, group: { id: scope.tenantId }, priority }], { db })
    }
    this.#wakeAfterCommit(queue)
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
    this.#stopping = true
    this.#wakeups.stop()
    await this.boss.stop({ graceful: true, timeout: 5000 }).catch((err: Error) => this.#log.warn({ err: err.message }, 'pg-boss stop'))
  }
}
