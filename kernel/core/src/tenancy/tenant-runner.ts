/**
 * Enters a tenant on behalf of a plugin: loads the tenant's plugin records, refuses (404) when the tenant has not
 * enabled the plugin, and runs the code in the tenant's transaction with the given actor and permissions. Requests,
 * jobs, subscribers and `ctx.withTenant` all come through here, so the enablement check cannot be forgotten.
 */
import type { Actor } from '@tessera/sdk'
import { problem } from '@tessera/sdk'
import type { TenantTransactions } from '../db/tenant-transactions.ts'
import type { EnablementCache } from './enablement-cache.ts'
import { isUuid } from '../db/sql-identifier.ts'
import type { TenantPlugin } from '../model/tenant-plugin.ts'

/** Who enters, for which plugin. */
export interface PluginRun {
  pluginId: string
  tenantId: string
  actor: Actor
  permissions: ReadonlySet<string>
  requestId?: string
  /** Read-only: run statement by statement (see `TenantRun.statements`). */
  statements?: boolean
}

/** Runs plugin code inside tenants that have the plugin enabled. */
export class TenantRunner {
  readonly #tx: TenantTransactions
  readonly #cache: EnablementCache

  constructor(tx: TenantTransactions, cache: EnablementCache) {
    this.#tx = tx
    this.#cache = cache
  }

  /** Whether `tenantId` has `pluginId` enabled. */
  async isEnabled(tenantId: string, pluginId: string): Promise<boolean> {
    return isUuid(tenantId) && (await this.#cache.enabled(tenantId, pluginId)) !== undefined
  }

  /** {@link isEnabled} without waiting, when the tenant's records are cached; `undefined` when they are not loaded yet. */
  isEnabledNow(tenantId: string, pluginId: string): boolean | undefined {
    // only a valid tenant id is ever loaded into the cache: a malformed one misses and {@link isEnabled} refuses it
    const records = this.#cache.peek(tenantId)
    return records === undefined ? undefined : records.get(pluginId)?.state === 'enabled'
  }

  /** Runs `fn` for the plugin in the tenant; 404 problem if not enabled there. */
  run<T>(run: PluginRun, fn: () => Promise<T>): Promise<T> {
    // a loaded tenant (the common case) enters at once, without a promise of its own around the transaction's
    const tenantPlugins = this.#cache.peek(run.tenantId)
    return tenantPlugins ? this.#enter(run, tenantPlugins, fn) : this.#load(run.tenantId).then((loaded) => this.#enter(run, loaded, fn))
  }

  #enter<T>(run: PluginRun, tenantPlugins: ReadonlyMap<string, TenantPlugin>, fn: () => Promise<T>): Promise<T> {
    if (tenantPlugins.get(run.pluginId)?.state !== 'enabled') {
      return Promise.reject(problem.notFound(`The plugin "${run.pluginId}" is not enabled for this tenant.`))
    }
    return this.#tx.run({ tenantId: run.tenantId, actor: run.actor, permissions: run.permissions, pluginId: run.pluginId, requestId: run.requestId, statements: run.statements, tenantPlugins }, fn)
  }

  /** Loads the records of a tenant not cached yet (a malformed id is refused before it reaches the cache). */
  async #load(tenantId: string): Promise<ReadonlyMap<string, TenantPlugin>> {
    if (!isUuid(tenantId)) throw problem.notFound('Unknown tenant.')
    return this.#cache.forTenant(tenantId)
  }
}
