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

const BIND = `SELECT set_config('app.tenant_id', $1, true)`

type Connection = {
  parse(o: { text: string; name?: string; types?: unknown[] }): void
  bind(o: { portal?: string; statement?: string; values?: unknown[]; valueMapper?: unknown }): void
  describe(o: { type: 'P' | 'S'; name: string }): void
  execute(o: { portal?: string; rows?: number }): void
}

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

  constructor(text: string, values: unknown[] | undefined, binding: [string], callback: (err: Error | null, res?: QueryResult) => void) {
    // a text config, not an object: node-postgres copies an object config's property descriptors (~10 µs a query)
    super(text, values ?? [], callback)
    this.queryMode = 'extended'
    this.#binding = binding
  }

  prepare(connection: Connection): void {
    connection.parse({ text: BIND })
    connection.bind({ values: this.#binding })
    connection.describe({ type: 'P', name: '' })
    connection.execute({ rows: 0 })
    super.prepare(connection)
  }

  // the binding statement's row and completion are not part of the caller's result
  handleRowDescription(msg: unknown): void {
    if (this.#bound) super.handleRowDescription(msg)
  }

  handleDataRow(msg: unknown): void {
    if (this.#bound) super.handleDataRow(msg)
  }

  handleCommandComplete(msg: unknown, connection: unknown): void {
    if (this.#bound) super.handleCommandComplete(msg, connection)
    else this.#bound = true
  }
}

/** Runs `text` on `client` bound to `tenantId` for that statement only. */
export function tenantBoundQuery(client: pg.PoolClient, tenantId: string, text: string, values?: unknown[]): Promise<QueryResult> {
  return new Promise((resolve, reject) => {
    client.query(new TenantBoundQuery(text, values, [tenantId], (err, res) => (err ? reject(err) : resolve(res!))) as never)
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
