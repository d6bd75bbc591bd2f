/** Sample products from a tenant manifest (`plugins.pos.sampleData`), by SKU (existing SKUs are left alone). */
import type { PluginContext } from '@tessera/sdk'
import type { ProductInput } from './contract/index.ts'
import { insertProductUnlessSku } from './store/products-store.ts'

interface SampleData {
  products?: ProductInput[]
}

export async function seedSampleData(ctx: PluginContext, data: unknown): Promise<void> {
  for (const p of ((data ?? {}) as SampleData).products ?? []) await insertProductUnlessSku(ctx.db, p)
}
