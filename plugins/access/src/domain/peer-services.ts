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
  status: 'active' | 'suspended' | 'left'
  organisationId: string | null
  userId: string | null
}

/** `members.directory`. */
export interface Directory {
  personByUserId(userId: string): Promise<PeerPerson | undefined>
  getPerson(id: string): Promise<PeerPerson | undefined>
  getOrganisation(id: string): Promise<{ id: string; name: string } | undefined>
}

/** A location as `spaces.catalog` returns it (the fields used here). */
export interface PeerLocation {
  id: string
  name: string
  timezone: string
}

/** A resource as `spaces.catalog` returns it (the fields used here). */
export interface PeerResource {
  id: string
  locationId: string
  name: string
}

/** `spaces.catalog`. */
export interface Catalog {
  getLocation(id: string): Promise<PeerLocation | undefined>
  getResource(id: string): Promise<PeerResource | undefined>
}

/** The directory of the current tenant. */
export const directoryOf = (ctx: PluginContext) => ctx.services.get<Directory>('members', 'directory')
/** The catalog of the current tenant. */
export const catalogOf = (ctx: PluginContext) => ctx.services.get<Catalog>('spaces', 'catalog')
