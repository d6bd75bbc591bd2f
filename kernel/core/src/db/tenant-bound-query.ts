/**
 * One statement in its own tenant-bound implicit transaction, in one round trip. In PostgreSQL's extended protocol
 * every statement sent before a `Sync` runs in one implicit transaction; this query sends
 * `SELECT set_config('app.tenant_id', …, true)` and then the caller's statement before a single `Sync` (the connection
 * is logged in as the runtime role, so there is no role to bind). The tenant is transaction-local (gone at the
 * `Sync`), so the connection — or a PgBouncer server connection in transaction mode — never carries a tenant between
 * statements — the same guarantee as `BEGIN … set_config(…, true) … COMMIT`, for one round trip
 * instead of three. Used for the statements of read-only requests (READ COMMITTED gives every statement a fresh
 * snapshot anyway, so a read-only request sees what it would in one transaction).
 */
import pg from 'pg'
import type { QueryResult } from 'pg'
import { parseAndBind } from './pipelined-query.ts'
import type { Connection } from './pipelined-query.ts'
import { BIND_TENANT } from './transaction-client.ts'
import { forgetOnMissing, markParsed } from './prepared-statements.ts'

/** A pg `Query` whose statement runs after the tenant binding, before the same `Sync`. */
class TenantBoundQuery extends (pg.Query as unknown as new (text: string, values: unknown[], callback: (err: Error | null, res?: QueryResult) => void) => {
  queryMode?: string
  prepare(connection: Connection): void
  handleRowDescription(msg: unknown): void
  handleDataRow(msg: unknown): void
  handleCommandComplete(msg: unknown, connection: unknown): void
}) {
  #bound = false
  readonly #binding: [string]
  readonly #client: pg.ClientBase
  /** The binding's name when this query sends its `Parse` (recorded as parsed once the binding completes). */
  #parsing: string | undefined

  constructor(client: pg.ClientBase, text: string, values: unknown[] | undefined, binding: [string], callback: (err: Error | null, res?: QueryResult) => void) {
    // a text config, not an object: node-postgres copies an object config's property descriptors (~10 µs a query)
    super(text, values ?? [], (err, res) => {
      if (err) forgetOnMissing(client, err)
      callback(err, res)
    })
    this.queryMode = 'extended'
    this.#binding = binding
    this.#client = client
  }

  prepare(connection: Connection): void {
    const parsing = new Set<string>()
    parseAndBind(connection, this.#client, { text: BIND_TENANT, values: this.#binding }, parsing)
    this.#parsing = [...parsing][0]
    connection.describe({ type: 'P', name: '' })
    connection.execute({ rows: 0 })
    super.prepare(connection as never)
  }

  // the binding statement's row and completion are not part of the caller's result
  handleRowDescription(msg: unknown): void {
    if (this.#bound) super.handleRowDescription(msg)
  }

  handleDataRow(msg: unknown): void {
    if (this.#bound) super.handleDataRow(msg)
  }

  handleCommandComplete(msg: unknown, connection: unknown): void {
    if (this.#bound) return super.handleCommandComplete(msg, connection)
    this.#bound = true
    if (this.#parsing) markParsed(this.#client, this.#parsing)
  }
}

/** Runs `text` on `client` bound to `tenantId` for that statement only. */
export function tenantBoundQuery(client: pg.PoolClient, tenantId: string, text: string, values?: unknown[]): Promise<QueryResult> {
  return new Promise((resolve, reject) => {
    client.query(new TenantBoundQuery(client, text, values, [tenantId], (err, res) => (err ? reject(err) : resolve(res!))) as never)
  })
}

/** The client of a statement-bound scope: every statement bound to the tenant on its own (one round trip each). */
export class TenantBoundClient {
  readonly #client: pg.PoolClient
  readonly #tenantId: string

  constructor(client: pg.PoolClient, tenantId: string) {
    this.#client = client
    this.#tenantId = tenantId
  }

  query(text: string, values?: unknown[]): Promise<QueryResult> {
    return tenantBoundQuery(this.#client, this.#tenantId, text, values)
  }
}
