/**
 * Several statements in one round trip. In PostgreSQL's extended protocol a client may send Parse/Bind/Execute for
 * any number of statements and one `Sync` at the end; the server runs them in order and answers them all at once.
 * Outside `BEGIN` they share one implicit transaction; inside an explicit one (or after a pipelined `BEGIN`) they are
 * part of it, and an error skips the rest up to the `Sync` (the transaction is then aborted and must be rolled back —
 * the caller's usual `ROLLBACK`). Each statement has its own parameters, so nothing is interpolated into the SQL.
 *
 * The kernel's tenant transactions use it to send `BEGIN` and the tenant binding with the first statement, and the
 * statements whose results nobody waits for (event jobs, the audit row, the stored idempotent response) with `COMMIT`.
 */
import { createRequire } from 'node:module'
import pg from 'pg'
import type { QueryResult } from 'pg'

/** One statement and its parameters. */
export interface Statement {
  text: string
  values?: unknown[]
}

/** node-postgres' own mapping of JavaScript values to parameters (dates, buffers, arrays, objects as JSON, null). */
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils') as { prepareValue: (value: unknown) => unknown }

type Connection = {
  parse(o: { text: string }): void
  bind(o: { values: unknown[]; valueMapper: (value: unknown) => unknown }): void
  describe(o: { type: 'P'; name: string }): void
  execute(o: { rows: number }): void
  sync(): void
}

type Base = new (text: string, values: unknown[] | undefined, callback: (err: Error | null, res?: QueryResult | QueryResult[]) => void) => {
  queryMode?: string
}

/** A pg `Query` that sends every statement before one `Sync`; node-postgres collects one result per statement. */
class PipelinedQuery extends (pg.Query as unknown as Base) {
  readonly #statements: readonly Statement[]

  constructor(statements: readonly Statement[], callback: (err: Error | null, res?: QueryResult | QueryResult[]) => void) {
    // a text config (not an object) keeps node-postgres from cloning the config's property descriptors
    super(statements[statements.length - 1].text, statements[statements.length - 1].values, callback)
    this.queryMode = 'extended'
    this.#statements = statements
  }

  /** The results of the statements that completed (all of them, unless one failed and the rest were skipped). */
  completed(): QueryResult[] {
    const r = (this as unknown as { _results: QueryResult | QueryResult[] })._results
    return (Array.isArray(r) ? r : [r]).filter((x) => x.command)
  }

  prepare(connection: Connection): void {
    for (const s of this.#statements) {
      connection.parse({ text: s.text })
      connection.bind({ values: s.values ?? [], valueMapper: prepareValue })
      connection.describe({ type: 'P', name: '' })
      connection.execute({ rows: 0 })
    }
    connection.sync()
  }
}

/** Runs `statements` on `client` in one round trip; resolves with one result per statement, in order. */
export function pipelined(client: pg.ClientBase, statements: readonly Statement[]): Promise<QueryResult[]> {
  if (statements.length === 1) return client.query(statements[0].text, statements[0].values).then((r) => [r])
  return new Promise((resolve, reject) => {
    client.query(new PipelinedQuery(statements, (err, res) => {
      if (err) reject(err)
      else resolve(Array.isArray(res) ? res : [res!])
    }) as never)
  })
}

/** What a pipeline did: the results of the statements that ran, in order, and the error of the one that failed. */
export interface PipelineOutcome {
  results: QueryResult[]
  /** Set when statement number `results.length` failed; the server skipped every statement after it. */
  error?: Error
}

/** Runs `statements` on `client` in one round trip and reports each statement's fate instead of failing as a whole. */
export function pipelinedOutcome(client: pg.ClientBase, statements: readonly Statement[]): Promise<PipelineOutcome> {
  return new Promise((resolve) => {
    const query = new PipelinedQuery(statements, (err, res) => {
      if (err) resolve({ results: query.completed(), error: err })
      else resolve({ results: Array.isArray(res) ? res : [res!] })
    })
    client.query(query as never)
  })
}
