/**
 * The `seed` hook: loads sample locations and their resources from a tenant manifest (`data.spaces`).
 */
import type { PluginContext } from '@tessera/sdk'
import { insertLocation } from './store/location-store.ts'
import { insertResource } from './store/resource-store.ts'
import { completeRules } from './validation/resource-rules.ts'
import type { Interval } from './validation/location-rules.ts'

/** Sample data shape. */
export interface SpacesSampleData {
  locations?: {
    name: string
    timezone: string
    address?: Record<string, string>
    openingHours?: Record<string, Interval[]>
    resources?: { name: string; kind: string; capacity: number; amenities?: string[]; prices?: Record<string, unknown>; description?: string }[]
  }[]
}

/** Inserts the sample data in the current tenant. */
export async function seedSampleData(ctx: PluginContext, data: unknown): Promise<void> {
  for (const l of ((data ?? {}) as SpacesSampleData).locations ?? []) {
    const locationId = await insertLocation(ctx.db, { name: l.name, timezone: l.timezone, address: l.address ?? {}, openingHours: l.openingHours ?? {}, closures: [] })
    for (const r of l.resources ?? []) {
      await insertResource(ctx.db, {
        locationId, name: r.name, kind: r.kind, capacity: r.capacity, amenities: r.amenities ?? [], rules: completeRules(undefined),
        prices: r.prices ?? {}, description: r.description ?? null,
      })
    }
  }
}
