/**
 * Runs code in a tenant transaction on the runtime pool, whose connections are logged in as the runtime role (no
 * SUPERUSER, no BYPASSRLS — there is no other role for plugin SQL to `RESET ROLE` to): one pooled connection,
 * `BEGIN; SELECT set_config('app.tenant_id', <id>, true)` — transaction-local, never per session, so a pooled
 * connection (or a PgBouncer server connection in transaction mode) cannot leak a tenant — sent in the same round trip
 * as the first statement, then `COMMIT` (or `ROLLBACK` if `fn` throws), see `transaction-client.ts`. A nested call for the same tenant joins the open transaction. With
 * `statements: true` (read-only requests) there is no BEGIN/COMMIT: each statement is bound to the tenant in its own
 * implicit transaction (`tenant-bound-query.ts`). Kernel code that must also write platform tables does so through
 * `scope.platform` (see `platform-side-transaction.ts`), committed right after the tenant transaction.
 */
import type { Pool } from 'pg'
import { problem } from '@tessera/sdk'
import type { Actor } from '@tessera/sdk'
import { tenantStorage } from './tenant-scope.ts'
import type { TenantScope } from './tenant-scope.ts'
import type { TenantPlugin } from '../model/tenant-plugin.ts'
import { isUuid } from './sql-identifier.ts'
import { TenantBoundClient } from './tenant-bound-query.ts'
import { PlatformSideTransaction } from './platform-side-transaction.ts'
import { TransactionClient } from './transaction-client.ts'

/** Who runs the transaction and with which rights. */
export interface TenantRun {
  tenantId: string
  actor: Actor
  permissions: ReadonlySet<string>
  pluginId?: string
  requestId?: string
  /** Run statement by statement (read-only requests: one round trip per statement, no BEGIN/COMMIT). */
  statements?: boolean
  tenantPlugins: ReadonlyMap<string, TenantPlugin>
}

/** Whether an error says the connection itself is gone (admin shutdown, crash, network), not one failed statement. */
function connectionLost(err: unknown): boolean {
  if (!(err instanceof Error)) return true
  const code = (err as { code?: unknown }).code
  if (typeof code === 'string') return code.startsWith('08') || code.startsWith('57P')
  return !('status' in err)
}

/** Tenant ids already checked (the same few ids arrive on every request): id as given → lower case. */
const checked = new Map<string, string>()
const CHECKED_MAX = 50_000

/** `id` in lower case when it is a canonical uuid (safe to bind and inline), else undefined; remembered. */
function canonicalTenantId(id: string): string | undefined {
  const known = checked.get(id)
  if (known !== undefined) return known
  if (!isUuid(id)) return undefined
  if (checked.size >= CHECKED_MAX) checked.clear()
  const lower = id.toLowerCase()
  checked.set(id, lower)
  return lower
}

/** Opens tenant transactions on the runtime pool. */
export class TenantTransactions {
  readonly #pool: Pool
  readonly #admin: Pool

  /** `pool` is the runtime pool (connected as the runtime role); `admin` serves `scope.platform`. */
  constructor(pool: Pool, admin: Pool) {
    this.#pool = pool
    this.#admin = admin
  }

  /** Runs `fn` inside a transaction of `run.tenantId`; joins the current one if it is for the same tenant. */
  async run<T>(run: TenantRun, fn: () => Promise<T>): Promise<T> {
    const outer = tenantStorage.getStore()
    if (outer && outer.tenantId === run.tenantId) {
      if (run.pluginId === outer.pluginId) return fn()
      return tenantStorage.run({ ...outer, pluginId: run.pluginId ?? outer.pluginId }, fn)
    }
    const tenantId = canonicalTenantId(run.tenantId)
    if (tenantId === undefined) throw problem.notFound('Unknown tenant.')
    const client = await this.#pool.connect()
    const platform = new PlatformSideTransaction(this.#admin)
    let broken: Error | undefined
    if (run.statements) {
      try {
        const scope: TenantScope = {
          tenantId, client: new TenantBoundClient(client, tenantId), platform, statements: true, actor: run.actor, permissions: run.permissions,
          pluginId: run.pluginId, requestId: run.requestId, tenantPlugins: run.tenantPlugins, audited: false,
        }
        const result = await tenantStorage.run(scope, fn)
        if (platform.opened) await platform.commit()
        return result
      } catch (err) {
        await platform.rollback()
        // a statement that failed in the database leaves the connection clean (its implicit transaction ended at Sync);
        // a lost connection must not go back to the pool
        if (connectionLost(err)) broken = err as Error
        throw err
      } finally {
        client.release(broken)
      }
    }
    // BEGIN and the binding travel with the first statement, results nobody awaits with COMMIT (transaction-client.ts)
    const tx = new TransactionClient(client, tenantId)
    try {
      const scope: TenantScope = { ...run, tenantId, client: tx, platform, statements: false, audited: false, afterCommit: new Set() }
      const result = await tenantStorage.run(scope, fn)
      await tx.commit()
      await platform.commit()
      for (const done of scope.afterCommit!) done()
      return result
    } catch (err) {
      await platform.rollback()
      await tx.rollback().catch((e: Error) => (broken = e))
      throw err
    } finally {
      client.release(broken)
    }
  }
}
