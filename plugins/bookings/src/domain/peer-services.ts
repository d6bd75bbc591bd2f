/**
 * The shapes this plugin expects from the services of the plugins it depends on (`members.directory`,
 * `spaces.catalog`). Declared here, not imported, because no plugin imports another plugin's code (INV-2); the
 * semver ranges in `dependsOn` keep the two sides compatible.
 */
import type { PluginContext } from '@tessera/sdk'

/** A person as `members.directory` returns it (the fields used here). */
export interface PeerPerson {
  id: string
  name: string
  email: string | null
  status: 'active' | 'suspended' | 'left'
  userId: string | null
}

/** `members.directory`. */
export interface Directory {
  personByUserId(userId: string): Promise<PeerPerson | undefined>
  getPerson(id: string): Promise<PeerPerson | undefined>
  isActive(personId: string): Promise<boolean>
}

/** A local opening interval (`HH:MM`, end may be `24:00`). */
export interface Interval { from: string; to: string }

/** A location as `spaces.catalog` returns it. */
export interface PeerLocation {
  id: string
  name: string
  timezone: string
  openingHours: Record<string, Interval[]>
  closures: { from: string; to: string; reason?: string }[]
  active: boolean
}

/** A resource with its location, from `spaces.catalog`. */
export interface PeerResource {
  id: string
  locationId: string
  name: string
  kind: 'meeting_room' | 'private_office' | 'event_space' | 'hot_desk_area'
  capacity: number
  active: boolean
  rules: { minMinutes: number; maxMinutes: number; maxDaysAhead: number; bookableBy: 'members' | 'staff' }
  location: PeerLocation
}

/** `spaces.catalog`. */
export interface Catalog {
  getResource(id: string): Promise<PeerResource | undefined>
  listResources(filter: { locationId?: string; kind?: string; includeInactive?: boolean }): Promise<PeerResource[]>
}

/** The directory of the current tenant. */
export const directoryOf = (ctx: PluginContext) => ctx.services.get<Directory>('members', 'directory')
/** The catalog of the current tenant. */
export const catalogOf = (ctx: PluginContext) => ctx.services.get<Catalog>('spaces', 'catalog')

/** How many bookings of a resource may overlap: the seats of a hot-desk area, otherwise one. */
export const seatsOf = (r: PeerResource): number => (r.kind === 'hot_desk_area' ? r.capacity : 1)
