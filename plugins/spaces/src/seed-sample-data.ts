/**
 * The `seed` hook: loads sample locations and their resources from a tenant manifest (`data.spaces`).
 */
import type { PluginContext } from '@tessera/sdk'
import { insertLocation } from './store/location-store.ts'
import { insertResource } from './store/resource-store.ts'
import { completeRules } from './domain/resource-rules.ts'
import type { Address, OpeningHours, Prices, ResourceKind } from './contract/index.ts'

/** Sample data shape. */
export interface SpacesSampleData {
  locations?: {
    name: string
    timezone: string
    address?: Address
    openingHours?: OpeningHours
    resources?: { name: string; kind: ResourceKind; capacity: number; amenities?: string[]; prices?: Prices; description?: string }[]
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
