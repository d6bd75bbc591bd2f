/**
 * Runs code in a tenant transaction: one pooled connection, `BEGIN`, `SET LOCAL ROLE <runtime role>` (no superuser,
 * no BYPASSRLS) and `set_config('app.tenant_id', <id>, true)` — transaction-local, never per session, so a pooled
 * connection cannot leak a tenant — sent in one round trip, then `COMMIT` (or `ROLLBACK` if `fn` throws).
 * A nested call for the same tenant joins the open transaction. With `statements: true` (read-only requests) there is
 * no BEGIN/COMMIT: each statement is bound to the tenant in its own implicit transaction (`tenant-bound-query.ts`).
 */
import type { Pool } from 'pg'
import { problem } from '@tessera/sdk'
import type { Actor } from '@tessera/sdk'
import { tenantStorage } from './tenant-scope.ts'
import type { TenantScope } from './tenant-scope.ts'
import { isUuid } from './sql-identifier.ts'
import { tenantBoundQuery } from './tenant-bound-query.ts'

/** Who runs the transaction and with which rights. */
export interface TenantRun {
  tenantId: string
  actor: Actor
  permissions: ReadonlySet<string>
  pluginId?: string
  requestId?: string
  /** Run statement by statement (read-only requests: one round trip per statement, no BEGIN/COMMIT). */
  statements?: boolean
  tenantPlugins: ReadonlyMap<string, import('../tenancy/enablement-cache.ts').TenantPlugin>
}

/** Opens tenant transactions on `pool` as `runtimeRole`. */
export class TenantTransactions {
  readonly #pool: Pool
  readonly #begin: (tenantId: string) => string
  readonly #role: string

  constructor(pool: Pool, runtimeRole: string) {
    this.#pool = pool
    this.#role = runtimeRole
    // one round trip, two statements: the role and the tenant, both transaction-local
    const roleLiteral = `'${runtimeRole.replaceAll("'", "''")}'`
    this.#begin = (tenantId) => `BEGIN; SELECT set_config('role', ${roleLiteral}, true), set_config('app.tenant_id', '${tenantId}', true)`
  }

  /** Runs `fn` inside a transaction of `run.tenantId`; joins the current one if it is for the same tenant. */
  async run<T>(run: TenantRun, fn: () => Promise<T>): Promise<T> {
    const outer = tenantStorage.getStore()
    if (outer && outer.tenantId === run.tenantId) {
      if (run.pluginId === outer.pluginId) return fn()
      return tenantStorage.run({ ...outer, pluginId: run.pluginId ?? outer.pluginId }, fn)
    }
    if (!isUuid(run.tenantId)) throw problem.notFound('Unknown tenant.')
    const client = await this.#pool.connect()
    let broken: Error | undefined
    const tenantId = run.tenantId.toLowerCase()
    if (run.statements) {
      const bound = { query: (text: string, values?: unknown[]) => tenantBoundQuery(client, this.#role, tenantId, text, values) }
      try {
        return await tenantStorage.run({ ...run, tenantId, client: bound, statements: true, audited: false }, fn)
      } catch (err) {
        // a statement that failed in the database leaves the connection clean (its implicit transaction ended at Sync);
        // anything else (a lost connection) must not go back to the pool
        if (!(err instanceof Error) || (!('code' in err) && !('status' in err))) broken = err as Error
        throw err
      } finally {
        client.release(broken)
      }
    }
    try {
      await client.query(this.#begin(tenantId))
      const scope: TenantScope = { ...run, tenantId, client, statements: false, audited: false }
      const result = await tenantStorage.run(scope, fn)
      await client.query('COMMIT')
      return result
    } catch (err) {
      await client.query('ROLLBACK').catch((e: Error) => (broken = e))
      throw err
    } finally {
      client.release(broken)
    }
  }
}
