/**
 * Sample data from a tenant manifest (`plugins.billing.sampleData`), given to `seed` the first time billing is enabled
 * for the tenant: plans by code (existing codes are left alone).
 */
import type { BillingContext } from './domain/billing-config.ts'

interface SampleData {
  plans?: { code: string; name: string; monthlyPrice: number; includedCredits?: number; taxRateBp?: number; features?: Record<string, unknown> }[]
}

export async function seedSampleData(ctx: BillingContext, data: unknown): Promise<void> {
  const d = (data ?? {}) as SampleData
  for (const p of d.plans ?? []) {
    await ctx.db.query(
      `INSERT INTO billing.plans (code, name, monthly_price, included_credits, tax_rate_bp, features) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, code) DO NOTHING`,
      [p.code, p.name, p.monthlyPrice, p.includedCredits ?? 0, p.taxRateBp ?? 0, JSON.stringify(p.features ?? {})])
  }
}
