/**
 * A per-tenant memo for values a page loads once (billing's currency): keyed by the tenant id the shell hands to each
 * screen, so switching tenants in the same page loads the other tenant's value instead of showing the first one's
 * (the old page-wide `currencyOnce` did). A failed load is forgotten, so the next call tries again.
 */

/** What {@link tenantCache} returns. */
export interface TenantCache<T> {
  /** The value of `tenantId`, loaded on first use. */
  get(tenantId: string): Promise<T>
  /** Forgets every tenant's value. */
  clear(): void
}

/** A memo of `load(tenantId)` per tenant. */
export function tenantCache<T>(load: (tenantId: string) => Promise<T>): TenantCache<T> {
  const values = new Map<string, Promise<T>>()
  return {
    get(tenantId) {
      let v = values.get(tenantId)
      if (!v) {
        v = load(tenantId).catch((error: unknown) => {
          values.delete(tenantId)
          throw error
        })
        values.set(tenantId, v)
      }
      return v
    },
    clear: () => values.clear(),
  }
}
