/**
 * Seats of a resource: a hot-desk area has one per unit of capacity, every other kind exactly one, so that many
 * bookings of it may overlap.
 */
import type { CatalogResource } from '@tessera/plugin-spaces/contract'

/** How many bookings of a resource may overlap: the seats of a hot-desk area, otherwise one. */
export const seatsOf = (r: Pick<CatalogResource, 'kind' | 'capacity'>): number => (r.kind === 'hot_desk_area' ? r.capacity : 1)
