/**
 * NOTIFYs sent after a transaction commits instead of inside it: PostgreSQL serialises the commits of NOTIFY-ing
 * transactions on one lock held through their WAL flush, so a `pg_notify` inside every request that publishes a UI
 * event makes those requests commit one at a time. The realtime notices of a committed transaction are queued here
 * (never those of a rolled-back one) and sent together by one statement on pg-boss's pool with `synchronous_commit`
 * off: a notice lost in a crash costs a browser one live update, never data. One statement is in flight at a time and
 * the queue keeps commit order, so notices still arrive in the order their transactions committed.
 */
import type { PgBoss } from 'pg-boss'
import type { Logger } from '@tessera/sdk'

const NOTIFY = `SELECT set_config('synchronous_commit', 'off', true), pg_notify(n.channel, n.payload)
                FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS n(channel, payload, i) ORDER BY n.i`

/** The post-commit notices of one kernel instance. */
export class PostCommitNotices {
  readonly #boss: PgBoss
  readonly #log: Logger
  #channels: string[] = []
  #payloads: string[] = []
  #scheduled = false
  #sending = false

  constructor(boss: PgBoss, log: Logger) {
    this.#boss = boss
    this.#log = log
  }

  /** Queues `payload` on `channel`; what is queued meanwhile goes out in one statement after the one in flight. */
  send(channel: string, payload: string): void {
    this.#channels.push(channel)
    this.#payloads.push(payload)
    if (this.#scheduled || this.#sending) return
    this.#scheduled = true
    setImmediate(() => void this.#flush())
  }

  async #flush(): Promise<void> {
    this.#scheduled = false
    this.#sending = true
    while (this.#payloads.length) {
      const channels = this.#channels
      const payloads = this.#payloads
      this.#channels = []
      this.#payloads = []
      await this.#boss.getDb().executeSql(NOTIFY, [channels, payloads])
        .catch((err: Error) => this.#log.warn({ err: err.message, notices: payloads.length }, 'post-commit notices not sent'))
    }
    this.#sending = false
  }
}
