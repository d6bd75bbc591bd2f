/**
 * Statements that a runtime connection sends again and again become named prepared statements on it. A statement sent
 * unnamed (node-postgres' default) is parsed and planned by PostgreSQL every time, and its whole text crosses the
 * socket every time: on the mutation path that was most of the database's work per request (pg-boss's job INSERT — a
 * join on its queue table — ~146 µs of it per call), and on a refused booking, whose statements are long, a third of
 * the server's own CPU. A named statement is parsed and planned once per connection and then only bound and executed.
 *
 * The policy is the one JDBC and Npgsql drivers use ("prepare threshold", "auto prepare"): a text becomes named on a
 * connection at its {@link PREPARE_AFTER}th use there — so a text built per request (a values list of varying length,
 * an ORM query with inlined values) never is — and a connection keeps at most {@link MAX_NAMED} names, closing the
 * least recently used. Texts longer than {@link MAX_TEXT} stay unnamed. Only connections given a cache by
 * {@link allowPreparedStatements} use names: the runtime pool's, when `database.preparedStatements` is on (the default
 * for a direct connection; off by default when `database.runtimeUrl` is set, since PgBouncer before 1.21 in
 * transaction mode hands each transaction another server connection, where the name does not exist).
 *
 * PostgreSQL replans a named statement by itself after DDL on what it reads. What it cannot do is change the columns a
 * named statement returns (`SELECT *` after a migration added a column: `0A000`, "cached plan must not change result
 * type"); and a server may have lost the names (`26000`: `DISCARD ALL`, a pooler switching server connections). After
 * either error the connection forgets its names (they are closed with its next statements) and parses again; the
 * request that met it is rolled back and answered 503 with `Retry-After` (`http/problem-handler.ts`).
 *
 * The protocol side is in `pipelined-query.ts` (also used for the reads of `tenant-bound-query.ts`): a name not yet
 * parsed on the connection is sent as `Close` (a no-op when the server does not know it) + `Parse` with the name, and
 * recorded as parsed once the server answered its statement; the columns of its first answer are kept, and later
 * executions skip the `Describe` (no `RowDescription` to send, read and turn into field parsers again).
 */
import type pg from 'pg'

/** The use of a text on a connection at which it becomes a named statement there. */
export const PREPARE_AFTER = 3
/** Named statements per connection at most; the least recently used is closed to make room. */
export const MAX_NAMED = 100
/** Texts counted per connection until they are named (the counts start over when this many are being counted). */
const MAX_COUNTED = 256
/** Longer texts are sent unnamed (a generated statement, not one a module holds). */
export const MAX_TEXT = 16_384

/**
 * The columns a named statement answers with, as node-postgres' `Result` holds them once it has read a
 * `RowDescription`: the fields, a type parser per field and the empty row it copies for each row.
 */
export interface ResultShape {
  readonly fields: pg.FieldDef[]
  readonly parsers: readonly unknown[] | undefined
  readonly emptyRow: object | null
}

/** A text named on a connection: its name, whether the server has parsed it there, and the columns it answers with. */
export interface NamedStatement {
  readonly name: string
  /** Set once the server answered the statement sent with this name's `Parse`. */
  parsed: boolean
  /**
   * Learnt from the first `Describe` answered for the name; from then on the statement is sent without `Describe`
   * (as JDBC does): the server keeps a named statement's columns for its life, or fails it with `0A000` (then the
   * connection forgets the name, and its shape with it).
   */
  shape?: ResultShape
}

/**
 * Why PostgreSQL could not run a named statement of this cache, through no fault of the statement: `changed` — its
 * result columns changed under it (a migration altered a table a `SELECT *` reads: `0A000`); `forgotten` — the server
 * no longer knows the name (`26000` for a `tessera_<n>` name: `DISCARD ALL`, `DEALLOCATE`, a pooler's reset). The
 * connection then forgets its names, so the same statement succeeds when sent again; `undefined` for any other error.
 */
export function namedStatementLost(err: unknown): 'changed' | 'forgotten' | undefined {
  const { code, message } = (err ?? {}) as { code?: string; message?: string }
  if (code === '0A000' && /cached plan must not change result type/.test(message ?? '')) return 'changed'
  if (code === '26000' && /prepared statement "tessera_\d+" does not exist/.test(message ?? '')) return 'forgotten'
  return undefined
}

/** One connection's named statements. */
export class PreparedStatements {
  /** Text → its named statement, least recently used first. */
  readonly #named = new Map<string, NamedStatement>()
  /** Uses of texts not named yet. */
  readonly #counts = new Map<string, number>()
  /** Names to close with the next statements sent (evicted or forgotten). */
  #closing: string[] = []
  #next = 0

  /**
   * Counts a use of `text` about to be sent; its named statement when it is (or has just become) one on this
   * connection, `undefined` when it goes unnamed.
   */
  use(text: string): NamedStatement | undefined {
    const named = this.#named.get(text)
    if (named !== undefined) {
      this.#named.delete(text) // re-inserted last: the most recently used
      this.#named.set(text, named)
      return named
    }
    if (text.length > MAX_TEXT) return undefined
    const n = (this.#counts.get(text) ?? 0) + 1
    if (n < PREPARE_AFTER) {
      if (this.#counts.size >= MAX_COUNTED) this.#counts.clear()
      this.#counts.set(text, n)
      return undefined
    }
    this.#counts.delete(text)
    if (this.#named.size >= MAX_NAMED) {
      const [oldText, old] = this.#named.entries().next().value!
      this.#named.delete(oldText)
      this.#closing.push(old.name)
    }
    const fresh: NamedStatement = { name: `tessera_${this.#next++}`, parsed: false }
    this.#named.set(text, fresh)
    return fresh
  }

  /** Names to close before the next statements (a `Close` of a name the server does not know is a no-op), once. */
  takeClosing(): string[] {
    const closing = this.#closing
    this.#closing = []
    return closing
  }

  /**
   * After an error: forgets every name when the server lost them or cannot reuse one ({@link namedStatementLost}).
   * A forgotten statement is no longer in the cache, so marking it parsed afterwards changes nothing.
   */
  forgetAfter(err: unknown): void {
    if (!namedStatementLost(err)) return
    for (const { name } of this.#named.values()) this.#closing.push(name)
    this.#named.clear()
  }

  /** The names of this connection, least recently used first (for tests and diagnostics). */
  names(): string[] {
    return [...this.#named.values()].map((n) => n.name)
  }
}

const caches = new WeakMap<pg.ClientBase, PreparedStatements>()

/** Lets `client` (a connection of the runtime pool) send the texts it repeats as named statements. */
export function allowPreparedStatements(client: pg.ClientBase): void {
  caches.set(client, new PreparedStatements())
}

/** `client`'s named statements, or `undefined` when it sends every statement unnamed. */
export function preparedStatementsOf(client: pg.ClientBase): PreparedStatements | undefined {
  return caches.get(client)
}
