/**
 * Spaces' implementation of the `catalog` service (`spacesCatalog` in the contract) for bookings, billing and access:
 * a resource together with its location's timezone, opening hours and closures, so callers can apply booking rules;
 * and resource lists. Runs on the caller's tenant transaction.
 */
import type { PluginContext } from '@tessera/sdk'
import type { Catalog } from '../contract/catalog.ts'
import type { CatalogResource } from '../contract/resource-schemas.ts'
import type { Location } from '../contract/location-schemas.ts'
import { getResourceWithLocation, searchResources } from '../store/resource-store.ts'
import { getLocation, searchLocations } from '../store/location-store.ts'

/** Builds the service. */
export function catalog(ctx: PluginContext): Catalog {
  return {
    getResource: (id) => getResourceWithLocation(ctx.db, id),
    getLocation: (id) => getLocation(ctx.db, id),
    async listLocations(filter = {}) {
      const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 200), 1), 1000)
      return (await searchLocations(ctx.db, { active: filter.includeInactive ? undefined : true, limit, offset: 0 })).items
    },
    async listResources(filter) {
      const out: CatalogResource[] = []
      const locations = new Map<string, Location>()
      for (let offset = 0; ; offset += 200) {
        const { items } = await searchResources(ctx.db, {
          locationId: filter.locationId, kind: filter.kind, active: filter.includeInactive ? undefined : true, limit: 200, offset,
        })
        for (const r of items) {
          if (!locations.has(r.locationId)) locations.set(r.locationId, (await getLocation(ctx.db, r.locationId))!)
          out.push({ ...r, location: locations.get(r.locationId)! })
        }
        if (items.length < 200) return out
      }
    },
  }
}
