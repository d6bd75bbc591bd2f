/**
 * Waking workers when jobs are committed, without a NOTIFY in the enqueuing transaction. pg-boss's own wake-up is a
 * `pg_notify` inside each job INSERT; PostgreSQL serialises the commits of NOTIFY-ing transactions on one lock held
 * through their WAL flush, so every request that published an event committed one at a time (measured: ~250
 * publishing requests/s where the same transaction without NOTIFY reached ~800/s). Instead the kernel's queues do not
 * notify, and after the enqueuing transaction has committed:
 *
 * - this instance's workers for the queue are woken at once, in process (`notifyWorker`);
 * - every instance is told, at most once per queue every {@link DEBOUNCE_MS}, by a NOTIFY on pg-boss's own channel
 *   (the payload is the queue's name, as pg-boss sends it) from a statement of its own on pg-boss's pool, with
 *   `synchronous_commit` off for that statement: a lost wake-up costs only the polling interval, never a job.
 *
 * A job whose start is later (a retry delay, `startAfter`) is found by the workers' polling, as before.
 */
import type { PgBoss } from 'pg-boss'
import type { Logger } from '@tessera/sdk'

/** The longest a wake-up of other instances waits, collecting the queues enqueued to meanwhile. */
const DEBOUNCE_MS = 10

/** pg-boss 12's LISTEN channel for a schema (`plans.notifyChannelSql`), computed by the database once. */
const CHANNEL = `SELECT 'pgboss_' || left(encode(sha224(convert_to($1, 'UTF8')), 'hex'), 24) AS channel`
const NOTIFY = `SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, q) FROM unnest($2::text[]) AS q`

/** The wake-ups of one kernel instance. */
export class JobWakeups {
  readonly #boss: PgBoss
  readonly #log: Logger
  readonly #workers = new Map<string, string[]>()
  readonly #pending = new Set<string>()
  #channel: string | undefined
  #timer: NodeJS.Timeout | undefined

  constructor(boss: PgBoss, log: Logger) {
    this.#boss = boss
    this.#log = log
  }

  /** Reads the channel name (once pg-boss has started). */
  async start(schema: string): Promise<void> {
    const { rows } = await this.#boss.getDb().executeSql(CHANNEL, [schema])
    this.#channel = rows[0].channel as string
  }

  /** Remembers a worker of this instance for `queue` (pg-boss's id of its first worker). */
  register(queue: string, workerId: string): void {
    this.#workers.set(queue, [...(this.#workers.get(queue) ?? []), workerId])
  }

  /** Jobs of `queue` were committed: wake this instance's workers now, and every instance's soon. */
  wake(queue: string): void {
    for (const id of this.#workers.get(queue) ?? []) this.#boss.notifyWorker(id)
    if (!this.#channel) return
    this.#pending.add(queue)
    this.#timer ??= setTimeout(() => this.#flush(), DEBOUNCE_MS)
  }

  /** Stops the pending wake-up (the instance is stopping). */
  stop(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.#pending.clear()
  }

  #flush(): void {
    this.#timer = undefined
    const queues = [...this.#pending]
    this.#pending.clear()
    this.#boss.getDb().executeSql(NOTIFY, [this.#channel, queues])
      .catch((err: Error) => this.#log.warn({ err: err.message, queues }, 'job wake-up not sent: workers elsewhere find the jobs by polling'))
  }
}
