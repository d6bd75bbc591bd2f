/**
 * The `catalog` service ref and interface: how bookings, billing and access read a resource together with its
 * location (timezone, opening hours, closures, so they can apply booking rules; prices, so they can charge) and list
 * resources. Every call runs on the caller's tenant transaction.
 */
import { defineServiceRef } from '@tessera/sdk'
import type { Location } from './location-schemas.ts'
import type { CatalogResource, ResourceKind } from './resource-schemas.ts'

/** Filter of {@link Catalog.listResources}. */
export interface ResourceFilter {
  /** Only resources of this location. */
  locationId?: string
  /** Only resources of this kind. */
  kind?: ResourceKind
  /** Inactive resources too (default: active ones only). */
  includeInactive?: boolean
}

/** Filter of {@link Catalog.listLocations}. */
export interface LocationFilter {
  /** Inactive locations too (default: active ones only). */
  includeInactive?: boolean
  /** At most this many (1–1000, default 200). */
  limit?: number
}

/** The spaces catalog, as other plugins see it. */
export interface Catalog {
  /** The resource with its location, or `undefined` (another tenant's id included). */
  getResource(id: string): Promise<CatalogResource | undefined>
  /** A location of the current tenant, or `undefined`. */
  getLocation(id: string): Promise<Location | undefined>
  /** Resources (with location) matching the filter, ordered by location, then name. */
  listResources(filter: ResourceFilter): Promise<CatalogResource[]>
  /** The tenant's locations by name (e.g. to map each to an accounting tracking option). */
  listLocations(filter?: LocationFilter): Promise<Location[]>
}

/**
 * The ref of spaces' `catalog` service: consumers declare `dependsOn: { spaces: '^1.0.0' }`,
 * `consumes: [spacesCatalog]` and call `ctx.services.get(spacesCatalog)`.
 */
export const spacesCatalog = defineServiceRef<Catalog>({ plugin: 'spaces', id: 'catalog', version: '^1.0.0' })
