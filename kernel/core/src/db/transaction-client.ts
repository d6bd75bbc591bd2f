/**
 * The connection of one tenant transaction, sending as few round trips as the work allows:
 *
 * - `BEGIN` and the tenant binding (`set_config('app.tenant_id', …, true)`) are not sent on their own: they go with
 *   the transaction's first statement, in one pipeline (`pipelined-query.ts`) — a job's receipt, an idempotency
 *   claim or the handler's first query start the transaction in the same round trip;
 * - statements whose result nobody waits for ({@link defer}: event jobs, realtime notices, the audit row, the stored
 *   idempotent response) are held and sent, in order, in front of the next statement or with `COMMIT`. Everything
 *   still runs in the transaction, in the order the code issued it: a deferred statement that fails fails the
 *   statement it travels with (or the commit), the transaction is rolled back and nothing of it is kept;
 * - a transaction that never sent anything commits without a round trip.
 */
import type pg from 'pg'
import type { QueryResult } from 'pg'
import { pipelined } from './pipelined-query.ts'
import type { Statement } from './pipelined-query.ts'
import type { ScopeClient } from './tenant-scope.ts'

/** A tenant transaction on one pooled connection (runtime role). */
export class TransactionClient implements ScopeClient {
  readonly #client: pg.PoolClient
  /** `BEGIN` and the binding, until the first round trip carries them. */
  #head: Statement[] | undefined
  #deferred: Statement[] = []
  #began = false

  constructor(client: pg.PoolClient, tenantId: string) {
    this.#client = client
    this.#head = [{ text: 'BEGIN' }, { text: `SELECT set_config('app.tenant_id', $1, true)`, values: [tenantId] }]
  }

  /** Runs a statement in the transaction (with `BEGIN` and whatever was deferred in front of it). */
  query(text: string, values?: unknown[]): Promise<QueryResult> {
    if (!this.#head && !this.#deferred.length) return this.#client.query(text, values)
    const statements = this.#take()
    statements.push({ text, values })
    return pipelined(this.#client, statements).then((results) => results[results.length - 1])
  }

  /** Queues a statement whose result is not needed: it runs before the next statement, or with `COMMIT`. */
  defer(text: string, values?: unknown[]): void {
    this.#deferred.push({ text, values })
  }

  /**
   * Commits (sending whatever is still held with it); no round trip when the transaction never sent anything. Throws
   * when PostgreSQL rolled back instead — a statement failed and the code went on (COMMIT of an aborted transaction
   * answers ROLLBACK, not an error).
   */
  async commit(): Promise<void> {
    if (!this.#head && !this.#deferred.length) {
      if (this.#began) committed((await this.#client.query('COMMIT')).command)
      return
    }
    if (!this.#deferred.length) {
      this.#head = undefined // nothing was ever sent: there is nothing to commit
      return
    }
    const statements = this.#take()
    statements.push({ text: 'COMMIT' })
    const results = await pipelined(this.#client, statements)
    committed(results[results.length - 1].command)
  }

  /** Rolls back what was sent (held statements are dropped); throws when the connection cannot do it. */
  async rollback(): Promise<void> {
    this.#head = undefined
    this.#deferred = []
    if (this.#began) await this.#client.query('ROLLBACK')
  }

  #take(): Statement[] {
    const statements = this.#head ?? []
    if (this.#head) {
      this.#head = undefined
      this.#began = true
    }
    if (this.#deferred.length) {
      statements.push(...this.#deferred)
      this.#deferred = []
    }
    return statements
  }
}

function committed(command: string): void {
  if (command !== 'COMMIT') throw new Error(`the transaction was rolled back (${command}): a statement in it failed`)
}
