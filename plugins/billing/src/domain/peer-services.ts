/**
 * The shapes billing expects from `members.directory` and `spaces.catalog` (declared here, not imported: no plugin
 * imports another plugin's code, INV-2).
 */
import type { PluginContext } from '@tessera/sdk'

/** A person from `members.directory` (the fields used here). */
export interface PeerPerson {
  id: string
  name: string
  email: string | null
  organisationId: string | null
  organisationName?: string | null
  status: string
  userId: string | null
}

/** `members.directory`. */
export interface Directory {
  personByUserId(userId: string): Promise<PeerPerson | undefined>
  getPerson(id: string): Promise<PeerPerson | undefined>
  getOrganisation(id: string): Promise<{ id: string; name: string } | undefined>
}

/** A resource from `spaces.catalog` (the fields used here). */
export interface PeerResource {
  id: string
  name: string
  prices: { perHour?: number | null; perDay?: number | null; creditsPerHour?: number | null; currency?: string }
}

/** `spaces.catalog`. */
export interface Catalog {
  getResource(id: string): Promise<PeerResource | undefined>
}

export const directoryOf = (ctx: PluginContext) => ctx.services.get<Directory>('members', 'directory')
export const catalogOf = (ctx: PluginContext) => ctx.services.get<Catalog>('spaces', 'catalog')
