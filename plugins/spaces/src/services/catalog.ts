/**
 * The `catalog` service for plugins that declare `spaces` in `dependsOn` (bookings, billing): a resource together
 * with its location's timezone, opening hours and closures, so callers can apply booking rules; and resource lists.
 */
import type { PluginContext } from '@tessera/sdk'
import { getResource, searchResources } from '../store/resource-store.ts'
import type { Resource } from '../store/resource-store.ts'
import { getLocation } from '../store/location-store.ts'
import type { Location } from '../store/location-store.ts'

/** A resource with its location. */
export type CatalogResource = Resource & { location: Location }

/** What other plugins call. */
export interface Catalog {
  /** The resource with its location, or undefined. */
  getResource(id: string): Promise<CatalogResource | undefined>
  getLocation(id: string): Promise<Location | undefined>
  /** Resources (with location) of a location, optionally of one kind; only active ones unless `includeInactive`. */
  listResources(filter: { locationId?: string; kind?: string; includeInactive?: boolean }): Promise<CatalogResource[]>
}

/** Builds the service. */
export function catalog(ctx: PluginContext): Catalog {
  return {
    async getResource(id) {
      const r = await getResource(ctx.db, id)
      if (!r) return undefined
      return { ...r, location: (await getLocation(ctx.db, r.locationId))! }
    },
    getLocation: (id) => getLocation(ctx.db, id),
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
