/**
 * The kernel's own hot statements as named prepared statements. A statement sent unnamed (`Parse` with no name, as
 * node-postgres does by default) is parsed and planned by PostgreSQL every time; on the mutation path that was most
 * of the database's work per request — pg-boss's job INSERT alone (a join on its queue table) took ~146 µs of
 * execution and planning per call. A named statement is parsed and planned once per connection and then only bound
 * and executed (measured here with pgbench: the job INSERT transaction 5,600 → 11,100 per second).
 *
 * Only statements registered with {@link preparedStatement} are named: fixed kernel texts with explicit columns, so a
 * later migration cannot change their result type under a cached plan (PostgreSQL replans them after DDL by itself),
 * and their number per connection is bounded. Plugins' statements stay unnamed. Only connections marked with
 * {@link allowPreparedStatements} use names — the runtime pool's, when `database.preparedStatements` is on (the
 * default for a direct connection; off by default when `database.runtimeUrl` is set, since PgBouncer before 1.21 in
 * transaction mode hands each transaction a different server connection, where the name does not exist).
 *
 * The protocol side is in `pipelined-query.ts` and `tenant-bound-query.ts`: a statement whose name this connection has
 * not parsed yet is sent as `Close` (a no-op when the name is unknown to the server) + `Parse` with the name, and is
 * recorded as parsed once the server answered it; a parsed one as `Bind` of the name. A connection that reports a
 * name missing (`26000`: someone ran `DISCARD ALL`, or a pooler changed the server connection) forgets all of them and
 * parses again on next use.
 */
import type pg from 'pg'

/** Statement text → name, for every registered statement. */
const names = new Map<string, string>()
/** Per allowed connection: the names the server has parsed on it. */
const parsed = new WeakMap<pg.ClientBase, Set<string>>()

/**
 * Registers `text` as the kernel statement `name` (unique, `tessera_` prefixed) and returns the text unchanged, so a
 * module declares `const INSERT = preparedStatement('tessera_audit_insert', '…')` and uses the text as before.
 */
export function preparedStatement(name: string, text: string): string {
  const other = [...names].find(([t, n]) => n === name && t !== text)
  if (other) throw new Error(`prepared statement "${name}" is already registered for another text`)
  names.set(text, name)
  return text
}

/** Lets the statements registered above run as named statements on `client` (a connection of the runtime pool). */
export function allowPreparedStatements(client: pg.ClientBase): void {
  parsed.set(client, new Set())
}

/** The name `text` is sent under on `client`, or `undefined` when it goes unnamed. */
export function preparedName(client: pg.ClientBase, text: string): string | undefined {
  return parsed.has(client) ? names.get(text) : undefined
}

/** Whether the server has parsed `name` on `client`. */
export function isParsed(client: pg.ClientBase, name: string): boolean {
  return parsed.get(client)?.has(name) ?? false
}

/** Records that the server parsed `name` on `client` (it answered a statement sent with its `Parse`). */
export function markParsed(client: pg.ClientBase, name: string): void {
  parsed.get(client)?.add(name)
}

/**
 * After an error on `client`: when the server says a prepared statement does not exist (`26000`), forgets every name
 * parsed on it, so that the next use parses again.
 */
export function forgetOnMissing(client: pg.ClientBase, err: unknown): void {
  if ((err as { code?: string } | null)?.code === '26000') parsed.get(client)?.clear()
}
