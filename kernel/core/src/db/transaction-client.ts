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
 * - statements issued together — in the same turn of the event loop, before the code waits for any of them, as
 *   `Promise.all([a(), b()])` does, even through other plugins' services — travel in one pipeline: each gets its own
 *   result, and when one fails it gets the error and those after it the error PostgreSQL would have given them
 *   (`25P02`, the transaction is aborted), as if they had been sent one after another;
 * - a transaction that never sent anything commits without a round trip;
 * - one round trip at a time: statements issued while one is in flight (concurrent work in one transaction, as a
 *   sync's parallel batches each recording their outcome when their call returns) are held and sent together when
 *   it returns, so the connection never gets a query while it runs one (node-postgres deprecates that; pg@9 removes
 *   its queue for it).
 */
import type pg from 'pg'
import type { QueryResult } from 'pg'
import { pipelined, pipelinedOutcome, runStatement } from './pipelined-query.ts'
import type { Statement } from './pipelined-query.ts'
import type { ScopeClient } from './tenant-scope.ts'

/** The tenant binding, transaction-local (also what `tenant-bound-query.ts` sends before a read's statement). */
export const BIND_TENANT = `SELECT set_config('app.tenant_id', $1, true)`

/** A statement issued in the current turn; a deferred one has no `resolve`. */
interface Issued extends Statement {
  resolve?: (result: QueryResult) => void
  reject?: (err: unknown) => void
}

/** A tenant transaction on one pooled connection (runtime role). */
export class TransactionClient implements ScopeClient {
  readonly #client: pg.PoolClient
  /** `BEGIN` and the binding, until the first round trip carries them. */
  #head: Statement[] | undefined
  #deferred: Statement[] = []
  /** Statements issued in this turn, not sent yet; those without `resolve` were deferred between them. */
  #batch: Issued[] | undefined
  #began = false
  /** The round trip in flight (it never rejects: each statement's outcome goes to its own promise). */
  #sending: Promise<void> | undefined

  constructor(client: pg.PoolClient, tenantId: string) {
    this.#client = client
    this.#head = [{ text: 'BEGIN' }, { text: BIND_TENANT, values: [tenantId] }]
  }

  /**
   * Runs a statement in the transaction (with `BEGIN`, whatever was deferred in front of it, and the statements
   * issued in the same turn: they are sent once the turn's promise callbacks have run).
   */
  query(text: string, values?: unknown[]): Promise<QueryResult> {
    return new Promise((resolve, reject) => {
      if (!this.#batch) {
        this.#batch = []
        // after every promise callback now queued has run (and issued what it issues), before any I/O is handled
        queueMicrotask(() => process.nextTick(() => this.#flush()))
      }
      this.#batch.push({ text, values, resolve, reject })
    })
  }

  /** Queues a statement whose result is not needed: it runs before the next statement, or with `COMMIT`. */
  defer(text: string, values?: unknown[]): void {
    if (this.#batch) this.#batch.push({ text, values }) // after the statements issued before it, as issued
    else this.#deferred.push({ text, values })
  }

  /** Sends the statements issued this turn, with what is held in front of them; deferred ones after the last stay held. */
  #flush(): void {
    const batch = this.#batch
    if (!batch || this.#sending) return // in flight: held, and sent when that round trip returns
    this.#batch = undefined
    let last = batch.length - 1
    while (last >= 0 && !batch[last].resolve) last--
    const head = last < 0 ? [] : this.#take()
    for (const held of batch.slice(last + 1)) this.#deferred.push({ text: held.text, values: held.values })
    if (last < 0) return
    const queries = batch.slice(0, last + 1)
    if (!head.length && queries.length === 1) {
      const q = queries[0]
      return this.#inFlight(runStatement(this.#client, q.text, q.values).then(q.resolve, q.reject))
    }
    this.#inFlight(pipelinedOutcome(this.#client, [...head, ...queries]).then(({ results, error }) => {
      let reported = false
      queries.forEach((q, i) => {
        const at = head.length + i
        if (!q.resolve) return // a deferred statement: its failure is reported to the next issued one
        if (!error || at < results.length) return q.resolve(results[at])
        // the statement that failed — or, when a held one failed, the first issued statement it travelled with — gets
        // its error; the ones the server skipped after it, what PostgreSQL answers in an aborted transaction
        q.reject!(reported ? aborted() : error)
        reported = true
      })
    }))
  }

  /** Marks `sent` as the round trip in flight; once it returns, what was issued meanwhile is sent. */
  #inFlight(sent: Promise<void>): void {
    this.#sending = sent
    const done = () => {
      this.#sending = undefined
      this.#flush()
    }
    void sent.then(done, done)
  }

  /** Resolves once nothing is in flight or held (every statement issued so far has been sent and answered). */
  async #settled(): Promise<void> {
    while (this.#sending) await this.#sending
  }

  /**
   * Commits (sending whatever is still held with it); no round trip when the transaction never sent anything. Throws
   * when PostgreSQL rolled back instead — a statement failed and the code went on (COMMIT of an aborted transaction
   * answers ROLLBACK, not an error).
   */
  async commit(): Promise<void> {
    this.#flush() // a statement issued and not awaited still runs before COMMIT, as issued
    await this.#settled()
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
    this.#flush()
    await this.#settled()
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

/** What PostgreSQL answers a statement sent after another failed in the same transaction. */
function aborted(): Error {
  return Object.assign(new Error('current transaction is aborted, commands ignored until end of transaction block'), { code: '25P02' })
}

function committed(command: string): void {
  if (command !== 'COMMIT') throw new Error(`the transaction was rolled back (${command}): a statement in it failed`)
}
