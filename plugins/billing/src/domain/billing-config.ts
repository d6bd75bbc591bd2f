/**
 * The per-tenant configuration of billing (validated by the kernel with ajv when a tenant enables the plugin) and
 * `settings(ctx)`, which fills in the defaults so code never sees a missing value.
 */
import type { PluginContext } from '@tessera/sdk'

/** Stripe account of the tenant. `apiHost`/`apiPort`/`apiProtocol` point the real SDK elsewhere (tests: the fake). */
export interface StripeSettings {
  secretKey: string
  webhookSecret: string
  apiHost?: string
  apiPort?: number
  apiProtocol?: 'http' | 'https'
}

/** Billing settings of a tenant, defaults applied. */
export interface BillingSettings {
  currency: string
  pricesIncludeTax: boolean
  paymentTermsDays: number
  creditRefundWindowHours: number
  retryDelaysSeconds: number[]
  stripe?: StripeSettings
}

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    currency: { type: 'string', pattern: '^[A-Z]{3}$', default: 'EUR', description: 'ISO 4217; amounts are minor units of it' },
    pricesIncludeTax: { type: 'boolean', default: false, description: 'Whether prices entered include tax' },
    paymentTermsDays: { type: 'integer', minimum: 0, maximum: 365, default: 14 },
    creditRefundWindowHours: { type: 'integer', minimum: 0, maximum: 8760, default: 24, description: 'A booking cancelled at least this long before its start gets its credits and charge back' },
    dunning: {
      type: 'object', additionalProperties: false,
      properties: { retryDelaysSeconds: { type: 'array', maxItems: 10, items: { type: 'integer', minimum: 0 }, default: [259200, 432000, 604800] } },
    },
    stripe: {
      type: 'object', additionalProperties: false, required: ['secretKey', 'webhookSecret'],
      properties: {
        secretKey: { type: 'string', minLength: 1 },
        webhookSecret: { type: 'string', minLength: 1 },
        apiHost: { type: 'string' },
        apiPort: { type: 'integer', minimum: 1, maximum: 65535 },
        apiProtocol: { type: 'string', enum: ['http', 'https'] },
      },
    },
  },
} as const

/** The tenant's settings with defaults. */
export function settings(ctx: PluginContext): BillingSettings {
  const c = ctx.config() as Record<string, any>
  return {
    currency: c.currency ?? 'EUR',
    pricesIncludeTax: c.pricesIncludeTax ?? false,
    paymentTermsDays: c.paymentTermsDays ?? 14,
    creditRefundWindowHours: c.creditRefundWindowHours ?? 24,
    retryDelaysSeconds: c.dunning?.retryDelaysSeconds ?? [259200, 432000, 604800],
    stripe: c.stripe,
  }
}
