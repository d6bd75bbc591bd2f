/**
 * The database handle plugins receive. Every call runs on the current tenant transaction (a request, a job or a
 * lifecycle hook that the kernel opened with the tenant set and the runtime role active); calling it outside one
 * throws, which is how invariant INV-1 ("no query on a tenant table outside a tenant transaction") is kept.
 */

/** A row as returned by PostgreSQL. @public */
export type Row = Record<string, unknown>

/** Result of {@link Db.query}. @public */
export interface QueryResult<T extends Row = Row> {
  rows: T[]
  rowCount: number
}

/**
 * Queries on the current tenant transaction. In a transaction, statements issued together — before awaiting any of
 * them, as `Promise.all([a(), b()])` does — are sent in one round trip; each still gets its own result, or, after one
 * fails, PostgreSQL's `25P02` (the transaction is aborted), exactly as if they had been sent one after another. So
 * independent lookups are worth issuing together. @public
 */
export interface Db {
  /** Runs a parameterised statement (`$1`, `$2`, ...). */
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<QueryResult<T>>
  /** The first row, or `undefined`. */
  one<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T | undefined>
  /** All rows. */
  many<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>
  /** Runs `fn` in a savepoint: if it throws, only its own statements are rolled back. */
  savepoint<T>(fn: () => Promise<T>): Promise<T>
}

/** The handle a migration receives: the plugin's schema is on the `search_path`. @public */
export interface MigrationDb {
  query(sql: string, params?: unknown[]): Promise<QueryResult>
}
