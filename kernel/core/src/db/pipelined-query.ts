/**
 * Several statements in one round trip. In PostgreSQL's extended protocol a client may send Parse/Bind/Execute for
 * any number of statements and one `Sync` at the end; the server runs them in order and answers them all at once.
 * Outside `BEGIN` they share one implicit transaction; inside an explicit one (or after a pipelined `BEGIN`) they are
 * part of it, and an error skips the rest up to the `Sync` (the transaction is then aborted and must be rolled back —
 * the caller's usual `ROLLBACK`). Each statement has its own parameters, so nothing is interpolated into the SQL.
 *
 * The kernel's tenant transactions use it to send `BEGIN` and the tenant binding with the first statement, and the
 * statements whose results nobody waits for (event jobs, the audit row, the stored idempotent response) with `COMMIT`.
 * On a connection that names the statements it repeats (`prepared-statements.ts`), every statement goes through here,
 * a single one too, and a repeated one is sent as `Bind` of its name.
 */
import { createRequire } from 'node:module'
import pg from 'pg'
import type { QueryResult } from 'pg'
import { preparedStatementsOf } from './prepared-statements.ts'
import type { NamedStatement, PreparedStatements, ResultShape } from './prepared-statements.ts'

/** One statement and its parameters. */
export interface Statement {
  text: string
  values?: unknown[]
}

/** node-postgres' own mapping of JavaScript values to parameters (dates, buffers, arrays, objects as JSON, null). */
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils') as { prepareValue: (value: unknown) => unknown }

/** The part of node-postgres' connection a pipeline writes to (one protocol message per call). */
type Connection = {
  parse(o: { text: string; name?: string }): void
  bind(o: { statement?: string; values: unknown[]; valueMapper: (value: unknown) => unknown }): void
  describe(o: { type: 'P'; name: string }): void
  execute(o: { rows: number }): void
  close(o: { type: 'S'; name: string }): void
  sync(): void
}

/** The part of node-postgres' `Result` (pg 8) a pipeline fills itself for a statement sent without `Describe`. */
type PgResult = QueryResult & { _parsers: readonly unknown[] | undefined; _prebuiltEmptyResultObject: object | null }

/** The part of node-postgres' `Query` (pg 8) a pipeline extends: its message handlers and its current result. */
type Base = new (text: string, values: unknown[] | undefined, callback: (err: Error | null, res?: QueryResult | QueryResult[]) => void) => {
  queryMode?: string
  _result: PgResult
  _accumulateRows: boolean
  _checkForMultirow(): void
  handleRowDescription(msg: { fields: pg.FieldDef[] }): void
  handleDataRow(msg: unknown): void
  handleCommandComplete(msg: unknown, connection: unknown): void
  handleEmptyQuery(connection: unknown): void
}

/** A pg `Query` that sends every statement before one `Sync`; node-postgres collects one result per statement. */
class PipelinedQuery extends (pg.Query as unknown as Base) {
  readonly #statements: readonly Statement[]
  readonly #cache: PreparedStatements | undefined
  /** The named statements this pipeline sends with their `Parse`, each with the index of its statement. */
  readonly #parsing = new Map<NamedStatement, number>()
  /** Per statement: the shape of a named one sent without `Describe`, or the named one whose shape its answer teaches. */
  readonly #shapes: (ResultShape | NamedStatement | undefined)[] = []
  /** The statement being answered (the count of statements answered so far: `CommandComplete` or `EmptyQueryResponse`). */
  #at = 0
  /** Whether the answer of statement {@link #at} has its columns (a `RowDescription`, or a known shape applied). */
  #described = false

  /** `cache`: the connection's named statements (`preparedStatementsOf`), `undefined` to send every statement unnamed. */
  constructor(cache: PreparedStatements | undefined, statements: readonly Statement[], callback: (err: Error | null, res?: QueryResult | QueryResult[]) => void) {
    // a text config (not an object) keeps node-postgres from cloning the config's property descriptors
    super(statements[statements.length - 1].text, statements[statements.length - 1].values, cache ? (err, res) => {
      // a name counts as parsed once its statement was answered (an error skips the rest up to the Sync, their Parse too)
      const done = err ? this.completed().length : statements.length
      for (const [named, i] of this.#parsing) if (i < done) named.parsed = true
      if (err) cache.forgetAfter(err)
      callback(err, res)
    } : callback)
    this.queryMode = 'extended'
    this.#statements = statements
    this.#cache = cache
  }

  /** The results of the statements that completed (all of them, unless one failed and the rest were skipped). */
  completed(): QueryResult[] {
    const r = (this as unknown as { _results: QueryResult | QueryResult[] | undefined })._results
    return r === undefined ? [] : (Array.isArray(r) ? r : [r]).filter((x) => x.command)
  }

  /**
   * Writes the pipeline: for each statement `Parse` (unnamed, or under its name unless the server parsed it on this
   * connection already or earlier in this pipeline), `Bind`, `Describe` (unless the name's columns are known),
   * `Execute`; then one `Sync`. A name parsed for the first time is closed first: a no-op when the server does not
   * know it, and a clean slate after a pipeline whose fate left it unsure.
   */
  prepare(connection: Connection): void {
    const cache = this.#cache
    if (cache) for (const name of cache.takeClosing()) connection.close({ type: 'S', name })
    this.#statements.forEach((s, i) => {
      const named = cache?.use(s.text)
      if (named === undefined) connection.parse({ text: s.text })
      else if (!named.parsed && !this.#parsing.has(named)) {
        connection.close({ type: 'S', name: named.name })
        connection.parse({ text: s.text, name: named.name })
        this.#parsing.set(named, i)
      }
      connection.bind({ statement: named?.name ?? '', values: s.values ?? [], valueMapper: prepareValue })
      const shape = named?.parsed ? named.shape : undefined
      if (shape === undefined) connection.describe({ type: 'P', name: '' })
      this.#shapes[i] = shape ?? named
      connection.execute({ rows: 0 })
    })
    connection.sync()
  }

  handleRowDescription(msg: { fields: pg.FieldDef[] }): void {
    super.handleRowDescription(msg)
    this.#described = true
  }

  handleDataRow(msg: unknown): void {
    if (!this.#described) this.#applyShape()
    super.handleDataRow(msg)
  }

  handleCommandComplete(msg: unknown, connection: unknown): void {
    if (!this.#described) this.#applyShape()
    super.handleCommandComplete(msg, connection)
    this.#answered(this._result)
  }

  handleEmptyQuery(connection: unknown): void {
    super.handleEmptyQuery(connection)
    this.#answered(undefined) // an empty text is answered without CommandComplete, and has no result of its own
  }

  /**
   * Statement {@link #at} was answered (`result`: its result). A named statement sent with `Describe` learns its shape:
   * its RowDescription's, or none (NoData).
   */
  #answered(result: PgResult | undefined): void {
    const learning = this.#shapes[this.#at]
    if (learning !== undefined && 'name' in learning && learning.shape === undefined) {
      learning.shape = result
        ? { fields: result.fields, parsers: result._parsers, emptyRow: result._prebuiltEmptyResultObject }
        : { fields: [], parsers: undefined, emptyRow: null }
    }
    this.#at++
    this.#described = false
  }

  /** Gives the answer of a statement sent without `Describe` the columns its name's first answer had. */
  #applyShape(): void {
    this.#described = true
    const shape = this.#shapes[this.#at]
    if (shape === undefined || 'name' in shape || shape.fields.length === 0) return
    this._checkForMultirow() // what a RowDescription would have done: the statement's own result
    const r = this._result
    r.fields = shape.fields
    r._parsers = shape.parsers
    r._prebuiltEmptyResultObject = shape.emptyRow
    this._accumulateRows = true // as node-postgres does for a query with a callback
  }
}

/** Runs `statements` on `client` in one round trip; resolves with one result per statement, in order. */
export function pipelined(client: pg.ClientBase, statements: readonly Statement[]): Promise<QueryResult[]> {
  const cache = preparedStatementsOf(client)
  if (statements.length === 1 && !cache) return client.query(statements[0].text, statements[0].values).then((r) => [r])
  return new Promise((resolve, reject) => {
    client.query(new PipelinedQuery(cache, statements, (err, res) => {
      if (err) reject(err)
      else resolve(Array.isArray(res) ? res : [res!])
    }) as never)
  })
}

/** Runs one statement on `client` (through a pipeline when the connection names what it repeats). */
export function runStatement(client: pg.ClientBase, text: string, values?: unknown[]): Promise<QueryResult> {
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
    const query = new PipelinedQuery(preparedStatementsOf(client), statements, (err, res) => {
      if (err) resolve({ results: query.completed(), error: err })
      else resolve({ results: Array.isArray(res) ? res : [res!] })
    })
    client.query(query as never)
  })
}
