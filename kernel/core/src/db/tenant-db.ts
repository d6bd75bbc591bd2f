/**
 * The `Db` handed to plugins: every call goes to the current tenant transaction (see `tenant-scope.ts`).
 */
import type { Db, QueryResult, Row } from '@tessera/sdk'
import { currentScope } from './tenant-scope.ts'

let savepoints = 0

/** The one `Db` implementation; stateless, so one instance serves every plugin. */
export const tenantDb: Db = {
  async query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
    const r = await currentScope().client.query(sql, params)
    return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 }
  },
  async one<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T | undefined> {
    return (await currentScope().client.query(sql, params)).rows[0] as T | undefined
  },
  async many<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]> {
    return (await currentScope().client.query(sql, params)).rows as T[]
  },
  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const scope = currentScope()
    if (scope.statements) throw new Error('savepoint() needs a transaction: declare config.transaction: true on this read-only route')
    const client = scope.client
    const name = `tessera_sp_${++savepoints}`
    await client.query(`SAVEPOINT ${name}`)
    try {
      const result = await fn()
      await client.query(`RELEASE SAVEPOINT ${name}`)
      return result
    } catch (err) {
      await client.query(`ROLLBACK TO SAVEPOINT ${name}`)
      throw err
    }
  },
}
