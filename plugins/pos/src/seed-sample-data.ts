/** Sample products from a tenant manifest (`plugins.pos.sampleData`), by SKU (existing SKUs are left alone). */
import type { PluginContext } from '@tessera/sdk'

interface SampleData {
  products?: { sku: string; name: string; category?: string; price: number; taxRateBp?: number; stock?: number; trackStock?: boolean }[]
}

export async function seedSampleData(ctx: PluginContext, data: unknown): Promise<void> {
  for (const p of ((data ?? {}) as SampleData).products ?? []) {
    await ctx.db.query(
      `INSERT INTO pos.products (sku, name, category, price, tax_rate_bp, stock, track_stock) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, sku) DO NOTHING`,
      [p.sku, p.name, p.category ?? 'general', p.price, p.taxRateBp ?? 0, p.stock ?? 0, p.trackStock ?? true])
  }
}
