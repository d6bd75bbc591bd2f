/**
 * The locations the dashboard offers in its picker — the spaces plugin's active locations, read only when the
 * current tenant has spaces enabled (the shell knows no domain beyond this one list) — and the location picked last
 * on this browser, per tenant.
 */
import { api } from '@tessera/ui-kit'
import type { UiManifest } from './manifest.ts'

/** A location as the picker needs it. */
export interface DashboardLocation {
  id: string
  name: string
  timezone: string
}

/** The tenant's active locations (at most 200), or none when spaces is not enabled or the user may not read them. */
export async function fetchDashboardLocations(manifest: UiManifest): Promise<DashboardLocation[]> {
  if (!manifest.plugins.some((p) => p.id === 'spaces')) return []
  try {
    const page = await api<{ items: DashboardLocation[] }>('/api/v1/spaces/locations', { query: { active: true, limit: 200 } })
    return page.items.map(({ id, name, timezone }) => ({ id, name, timezone }))
  } catch {
    return []
  }
}

const key = (tenantId: string) => `tessera.dashboard.location.${tenantId}`

/** The location picked last in this tenant, when it is still one of `locations`; else the first. */
export function rememberedLocation(tenantId: string, locations: DashboardLocation[]): DashboardLocation | undefined {
  let wanted: string | null = null
  try {
    wanted = localStorage.getItem(key(tenantId))
  } catch {
    // storage may be unavailable (private mode): fall back to the first location
  }
  return locations.find((l) => l.id === wanted) ?? locations[0]
}

/** Remembers the picked location for this tenant. */
export function rememberLocation(tenantId: string, locationId: string): void {
  try {
    localStorage.setItem(key(tenantId), locationId)
  } catch {
    // not remembered; the picker still works for this visit
  }
}
