/**
 * A Kysely dialect whose connections are the plugin's `ctx.db`: every compiled query goes to the current tenant scope
 * (the request's, job's or hook's transaction — or, in a GET route, the tenant-bound statement), under the runtime role
 * and with the tenant set, exactly like the plugin's own SQL. The dialect opens no connection and owns no pool, so
 * destroying it (even through `orm.close()`) releases nothing of the kernel's.
 *
 * The kernel's transaction is the unit of work: a Kysely (MikroORM) transaction is a savepoint inside it, taken with
 * `ctx.db.savepoint()` — `beginTransaction` → `SAVEPOINT`, commit → `RELEASE`, rollback → `ROLLBACK TO`. In a
 * statement-bound (GET) route there is no transaction to nest in, so beginning one fails with the SDK's reason.
 */
import { PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely'
import type { CompiledQuery, DatabaseConnection, Dialect, Driver, Kysely, QueryResult, TransactionSettings } from 'kysely'
import type { Db } from '@tessera/sdk'

const ROLLBACK = Symbol('tessera-orm rollback')

/** A savepoint opened with `Db.savepoint()` whose callback stays open until it is settled. */
interface OpenSavepoint {
  /** Releases (`true`) or rolls back to (`false`) the savepoint; rejects if that statement fails. */
  settle(commit: boolean): Promise<void>
}

/** Opens a savepoint on the current scope and keeps it open: resolves once `SAVEPOINT` has run. */
async function openSavepoint(db: Db): Promise<OpenSavepoint> {
  let decide!: (commit: boolean) => void
  const decided = new Promise<boolean>((resolve) => { decide = resolve })
  let entered!: () => void
  const inside = new Promise<void>((resolve) => { entered = resolve })
  const outcome = db.savepoint(async () => {
    entered()
    if (!(await decided)) throw ROLLBACK
  }).then(() => undefined, (err: unknown) => { if (err !== ROLLBACK) throw err })
  await Promise.race([inside, outcome]) // `outcome` rejects first when the scope refuses a savepoint
  return { settle(commit) { decide(commit); return outcome } }
}

/** One "connection": the plugin's `Db` plus the savepoints Kysely has open on it. */
class ScopeConnection implements DatabaseConnection {
  readonly db: Db
  /** The open savepoints, innermost last: the transaction's own first, then named nested ones. */
  readonly savepoints: { name: string; open: OpenSavepoint }[] = []

  constructor(db: Db) {
    this.db = db
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { rows, rowCount } = await this.db.query(compiledQuery.sql, compiledQuery.parameters as unknown[])
    return { rows: rows as R[], numAffectedRows: BigInt(rowCount) }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('@tessera/orm: streaming queries are not supported on ctx.db; page with limit/offset instead')
  }

  async open(name: string): Promise<void> {
    this.savepoints.push({ name, open: await openSavepoint(this.db) })
  }

  /** Settles the savepoint `name` (and any opened after it, which it contains). */
  async settle(name: string, commit: boolean): Promise<void> {
    const at = this.savepoints.findLastIndex((s) => s.name === name)
    if (at < 0) throw new Error(`@tessera/orm: no open savepoint "${name}"`)
    const closing = this.savepoints.splice(at)
    for (const s of closing.reverse()) await s.open.settle(commit)
  }
}

const TRANSACTION = '\0transaction'

/** The Kysely driver over a plugin's `Db`. */
class ScopeDriver implements Driver {
  readonly db: Db

  constructor(db: Db) {
    this.db = db
  }

  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new ScopeConnection(this.db)
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    if (settings.isolationLevel || settings.accessMode) {
      throw new Error('@tessera/orm: the kernel owns the transaction; an ORM transaction cannot set its isolation level or access mode')
    }
    await (connection as ScopeConnection).open(TRANSACTION)
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as ScopeConnection).settle(TRANSACTION, true)
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as ScopeConnection).settle(TRANSACTION, false)
  }

  async savepoint(connection: DatabaseConnection, savepointName: string): Promise<void> {
    await (connection as ScopeConnection).open(savepointName)
  }

  async rollbackToSavepoint(connection: DatabaseConnection, savepointName: string): Promise<void> {
    await (connection as ScopeConnection).settle(savepointName, false)
  }

  async releaseSavepoint(connection: DatabaseConnection, savepointName: string): Promise<void> {
    await (connection as ScopeConnection).settle(savepointName, true)
  }

  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

/**
 * A Kysely dialect that runs every query through `db` — the plugin's `ctx.db`, i.e. on the current tenant scope. For
 * MikroORM's `driverOptions`; usable with a bare `new Kysely({ dialect })` too.
 *
 * @public
 */
export function scopeDialect(db: Db): Dialect {
  return {
    createDriver: () => new ScopeDriver(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createAdapter: () => new PostgresAdapter(),
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    createIntrospector: (kysely: Kysely<any>) => new PostgresIntrospector(kysely),
  }
}
