/**
 * One statement in its own tenant-bound implicit transaction, in one round trip. In PostgreSQL's extended protocol
 * every statement sent before a `Sync` runs in one implicit transaction; this query sends
 * `SELECT set_config('app.tenant_id', …, true)` and then the caller's statement before a single `Sync` (the connection
 * is logged in as the runtime role, so there is no role to bind). The tenant is transaction-local (gone at the
 * `Sync`), so the connection — or a PgBouncer server connection in transaction mode — never carries a tenant between
 * statements — the same guarantee as `BEGIN … set_config(…, true) … COMMIT`, for one round trip
 * instead of three. Used for the statements of read-only requests (READ COMMITTED gives every statement a fresh
 * snapshot anyway, so a read-only request sees what it would in one transaction). The two go as one pipeline
 * (`pipelined-query.ts`), so both are sent as named statements once the connection repeats them.
 */
import type pg from 'pg'
import type { QueryResult } from 'pg'
import { pipelined } from './pipelined-query.ts'
import { BIND_TENANT } from './transaction-client.ts'

/** Runs `text` on `client` bound to `tenantId` for that statement only. */
export function tenantBoundQuery(client: pg.PoolClient, tenantId: string, text: string, values?: unknown[]): Promise<QueryResult> {
  return pipelined(client, [{ text: BIND_TENANT, values: [tenantId] }, { text, values }]).then((r) => r[1])
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
