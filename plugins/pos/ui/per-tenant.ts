/**
 * A value loaded once per tenant per page — billing's currency, which every POS screen needs. Keyed by tenant id,
 * so switching tenant (the shell keeps the page, and this module, loaded) loads the new tenant's own value instead
 * of showing the previous tenant's; a failed load is forgotten, so the next call retries. No DOM, no API client:
 * the loader is passed in (testable in Node).
 */

/** Wraps `load` in a per-tenant cache: `(tenantId) => Promise<T>`, one load per tenant until it fails. */
export function perTenant<T>(load: () => Promise<T>): (tenantId: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>()
  return (tenantId) => {
    let value = cache.get(tenantId)
    if (!value) {
      value = load().catch((error: unknown) => {
        cache.delete(tenantId)
        throw error
      })
      cache.set(tenantId, value)
    }
    return value
  }
}
