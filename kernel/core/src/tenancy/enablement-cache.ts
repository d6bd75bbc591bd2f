/**
 * Which plugins each tenant has enabled, cached per tenant and loaded on first use, so memory follows the tenants
 * that are active rather than all tenants. Every kernel instance drops a tenant's entry when it hears a NOTIFY on
 * `tessera_enablement` (sent in the same transaction as the change), so a toggle reaches all instances at once.
 */
import type { Pool } from 'pg'
import type { TenantPlugin } from '../model/tenant-plugin.ts'

/** The per-tenant cache. */
export class EnablementCache {
  readonly #pool: Pool
  readonly #byTenant = new Map<string, Promise<Map<string, TenantPlugin>>>()
  /** The loaded entries of `#byTenant`, for synchronous reads on the request path. */
  readonly #loaded = new Map<string, Map<string, TenantPlugin>>()
  readonly #limit: number

  constructor(pool: Pool, limit = 20_000) {
    this.#pool = pool
    this.#limit = limit
  }

  /** All records of a tenant. */
  forTenant(tenantId: string): Promise<Map<string, TenantPlugin>> {
    let entry = this.#byTenant.get(tenantId)
    if (!entry) {
      if (this.#byTenant.size >= this.#limit) {
        const oldest = this.#byTenant.keys().next().value as string
        this.#byTenant.delete(oldest)
        this.#loaded.delete(oldest)
      }
      const loading = this.#load(tenantId)
      entry = loading
      // only the entry still current when it loads becomes readable synchronously (an invalidation in between wins)
      loading.then((map) => { if (this.#byTenant.get(tenantId) === loading) this.#loaded.set(tenantId, map) }, () => {
        if (this.#byTenant.get(tenantId) === loading) this.#byTenant.delete(tenantId)
      })
      this.#byTenant.set(tenantId, entry)
    }
    return entry
  }

  /** The tenant's records if they are loaded, else `undefined` (then use {@link forTenant}). */
  peek(tenantId: string): Map<string, TenantPlugin> | undefined {
    return this.#loaded.get(tenantId)
  }

  async #load(tenantId: string): Promise<Map<string, TenantPlugin>> {
    const { rows } = await this.#pool.query(
      `SELECT plugin_id AS "pluginId", state, version, config, error FROM tessera.tenant_plugins WHERE tenant_id = $1`,
      [tenantId],
    )
    return new Map(rows.map((r) => [r.pluginId, r as TenantPlugin]))
  }

  /** The enabled record of `pluginId` for `tenantId`, if enabled. */
  async enabled(tenantId: string, pluginId: string): Promise<TenantPlugin | undefined> {
    const rec = (await this.forTenant(tenantId)).get(pluginId)
    return rec?.state === 'enabled' ? rec : undefined
  }

  /** Drops one tenant's entry, or everything. */
  invalidate(tenantId?: string): void {
    if (tenantId) {
      this.#byTenant.delete(tenantId)
      this.#loaded.delete(tenantId)
    } else {
      this.#byTenant.clear()
      this.#loaded.clear()
    }
  }
}
