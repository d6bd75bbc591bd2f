/**
 * Several statements in one round trip. In PostgreSQL's extended protocol a client may send Parse/Bind/Execute for
 * any number of statements and one `Sync` at the end; the server runs them in order and answers them all at once.
 * Outside `BEGIN` they share one implicit transaction; inside an explicit one (or after a pipelined `BEGIN`) they are
 * part of it, and an error skips the rest up to the `Sync` (the transaction is then aborted and must be rolled back —
 * the caller's usual `ROLLBACK`). Each statement has its own parameters, so nothing is interpolated into the SQL.
 *
 * The kernel's tenant transactions use it to send `BEGIN` and the tenant binding with the first statement, and the
 * statements whose results nobody waits for (event jobs, the audit row, the stored idempotent response) with `COMMIT`.
 * The kernel's registered statements go as named prepared statements where the connection allows it
 * (`prepared-statements.ts`), so also a single one of them is sent through here.
 */
import { createRequire } from 'node:module'
import pg from 'pg'
import type { QueryResult } from 'pg'
import { forgetOnMissing, isParsed, markParsed, preparedName } from './prepared-statements.ts'

/** One statement and its parameters. */
export interface Statement {
  text: string
  values?: unknown[]
}

/** node-postgres' own mapping of JavaScript values to parameters (dates, buffers, arrays, objects as JSON, null). */
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils') as { prepareValue: (value: unknown) => unknown }

/** The part of node-postgres' connection a pipeline writes to (one protocol message per call). */
export type Connection = {
  parse(o: { text: string; name?: string }): void
  bind(o: { statement?: string; values: unknown[]; valueMapper: (value: unknown) => unknown }): void
  describe(o: { type: 'P'; name: string }): void
  execute(o: { rows: number }): void
  close(o: { type: 'S'; name: string }): void
  sync(): void
}

/**
 * Writes `Parse` (unless `name` is parsed on the connection already, or earlier in this pipeline: `parsing`) and
 * `Bind` for `s`; a name parsed for the first time is closed first (a no-op when the server does not know it, and
 * a clean slate after a pipeline whose fate left it unsure).
 */
export function parseAndBind(connection: Connection, client: pg.ClientBase, s: Statement, parsing: Set<string>): string | undefined {
  const name = preparedName(client, s.text)
  if (!name) connection.parse({ text: s.text })
  else if (!isParsed(client, name) && !parsing.has(name)) {
    connection.close({ type: 'S', name })
    connection.parse({ text: s.text, name })
    parsing.add(name)
  }
  connection.bind({ statement: name ?? '', values: s.values ?? [], valueMapper: prepareValue })
  return name
}

type Base = new (text: string, values: unknown[] | undefined, callback: (err: Error | null, res?: QueryResult | QueryResult[]) => void) => {
  queryMode?: string
}

/** A pg `Query` that sends every statement before one `Sync`; node-postgres collects one result per statement. */
class PipelinedQuery extends (pg.Query as unknown as Base) {
  readonly #statements: readonly Statement[]
  readonly #client: pg.ClientBase
  /** Index → name of the statements sent with their `Parse` under a name. */
  readonly #parsing = new Map<number, string>()

  constructor(client: pg.ClientBase, statements: readonly Statement[], callback: (err: Error | null, res?: QueryResult | QueryResult[]) => void) {
    // a text config (not an object) keeps node-postgres from cloning the config's property descriptors
    super(statements[statements.length - 1].text, statements[statements.length - 1].values, (err, res) => {
      // a name counts as parsed once its statement was answered (an error skips the rest up to the Sync, their Parse too)
      const done = err ? this.completed().length : statements.length
      for (const [i, name] of this.#parsing) if (i < done) markParsed(client, name)
      if (err) forgetOnMissing(client, err)
      callback(err, res)
    })
    this.queryMode = 'extended'
    this.#statements = statements
    this.#client = client
  }

  /** The results of the statements that completed (all of them, unless one failed and the rest were skipped). */
  completed(): QueryResult[] {
    const r = (this as unknown as { _results: QueryResult | QueryResult[] | undefined })._results
    return r === undefined ? [] : (Array.isArray(r) ? r : [r]).filter((x) => x.command)
  }

  prepare(connection: Connection): void {
    const parsing = new Set<string>()
    this.#statements.forEach((s, i) => {
      const before = parsing.size
      const name = parseAndBind(connection, this.#client, s, parsing)
      if (name && parsing.size > before) this.#parsing.set(i, name)
      connection.describe({ type: 'P', name: '' })
      connection.execute({ rows: 0 })
    })
    connection.sync()
  }
}

/** Runs `statements` on `client` in one round trip; resolves with one result per statement, in order. */
export function pipelined(client: pg.ClientBase, statements: readonly Statement[]): Promise<QueryResult[]> {
  if (statements.length === 1 && !preparedName(client, statements[0].text)) {
    return client.query(statements[0].text, statements[0].values).then((r) => [r])
  }
  return new Promise((resolve, reject) => {
    client.query(new PipelinedQuery(client, statements, (err, res) => {
      if (err) reject(err)
      else resolve(Array.isArray(res) ? res : [res!])
    }) as never)
  })
}

/** Runs one statement on `client`: unnamed through node-postgres, a registered one by its name. */
export function runStatement(client: pg.ClientBase, text: string, values?: unknown[]): Promise<QueryResult> {
  if (!preparedName(client, text)) return client.query(text, values)
  return pipelined(client, [{ text, values }]).then((r) => r[0])
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
    const query = new PipelinedQuery(client, statements, (err, res) => {
      if (err) resolve({ results: query.completed(), error: err })
      else resolve({ results: Array.isArray(res) ? res : [res!] })
    })
    client.query(query as never)
  })
}
