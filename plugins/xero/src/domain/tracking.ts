/**
 * Tracking by location: the data of the mapping screen's tracking section — the tenant's locations (spaces' catalog,
 * when spaces is installed) and the organisation's active tracking categories with their active options, read from
 * Xero (`GET /TrackingCategories`, one call of the budget) — and the check of a saved mapping: every mapped location
 * must be one of the tenant's locations.
 */
import { problem } from '@tessera/sdk'
import { spacesCatalog } from '@tessera/plugin-spaces/contract'
import type { Mapping, Tracking } from '../contract/xero-schemas.ts'
import type { XeroContext } from './xero-config.ts'
import type { ResolvedXeroOptions } from './xero-options.ts'
import { SyncBusy, withXeroApi } from './api-session.ts'

const MAX_LOCATIONS = 500

/** The tenant's locations and Xero's tracking categories (`categories: null` with the reason when Xero cannot be asked now). */
export async function trackingView(ctx: XeroContext, opts: ResolvedXeroOptions): Promise<Tracking> {
  const catalog = ctx.services.optional(spacesCatalog)
  const locations = catalog ? (await catalog.listLocations({ limit: MAX_LOCATIONS })).map((l) => ({ id: l.id, name: l.name })) : []
  try {
    const categories = await withXeroApi(ctx, opts, async (api) => (await api.trackingCategories())
      .filter((c) => String(c.status ?? 'ACTIVE') === 'ACTIVE')
      .map((c) => ({ name: c.name ?? '', options: (c.options ?? []).filter((o) => String(o.status ?? 'ACTIVE') === 'ACTIVE').map((o) => o.name ?? '') })))
    return { locations, categories: categories ?? null, categoriesError: categories ? null : 'Xero is not connected.' }
  } catch (error) {
    // the sync holds the conversation with Xero (one at a time per organisation): ask again in a moment
    return error instanceof SyncBusy
      ? { locations, categories: null, categoriesError: 'a sync is talking to Xero right now; asking again in a moment', categoriesRetryable: true }
      : { locations, categories: null, categoriesError: (error as Error).message }
  }
}

/** 422 naming the entry when a mapped location is not a location of the tenant (checked when spaces is installed). */
export async function checkLocationOptions(ctx: XeroContext, mapping: Mapping): Promise<void> {
  const catalog = ctx.services.optional(spacesCatalog)
  if (!catalog) return
  const seen = new Set<string>()
  for (const [i, o] of (mapping.locationOptions ?? []).entries()) {
    const pointer = `/body/locationOptions/${i}/locationId`
    if (seen.has(o.locationId)) throw problem.unprocessable('A location is mapped twice.', [{ pointer, detail: 'mapped twice' }])
    seen.add(o.locationId)
    if (!(await catalog.getLocation(o.locationId))) throw problem.unprocessable('No such location.', [{ pointer, detail: 'not a location of this tenant' }])
  }
}
