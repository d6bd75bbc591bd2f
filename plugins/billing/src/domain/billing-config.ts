/**
 * The per-tenant configuration of billing: `configSchema` is its only declaration (the kernel validates it with ajv
 * when a tenant enables the plugin and applies its defaults on read, so `ctx.config()` has every defaulted setting),
 * `BillingConfig` its derived type, `BillingContext` the plugin context typed with it, and `settings(ctx)` the flat
 * view the domain reads.
 */
import type { ConfigOf, PluginContext } from '@tessera/sdk'

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    currency: { type: 'string', pattern: '^[A-Z]{3}$', default: 'EUR', description: 'ISO 4217; amounts are minor units of it' },
    pricesIncludeTax: { type: 'boolean', default: false, description: 'Whether prices entered include tax' },
    paymentTermsDays: { type: 'integer', minimum: 0, maximum: 365, default: 14 },
    creditRefundWindowHours: { type: 'integer', minimum: 0, maximum: 8760, default: 24, description: 'A booking cancelled at least this long before its start gets its credits and charge back' },
    paymentGateway: {
      type: 'string', pattern: '^[a-z][a-z0-9-]*$', maxLength: 60, default: 'stripe',
      description: 'Id of the payment gateway (billing.payment-gateway extension) that takes this tenant\'s card payments',
    },
    dunning: {
      type: 'object', additionalProperties: false,
      properties: { retryDelaysSeconds: { type: 'array', maxItems: 10, items: { type: 'integer', minimum: 0 }, default: [259200, 432000, 604800] } },
    },
    onlinePayments: {
      type: 'boolean', default: true,
      description: 'Offer card payment to members ("Pay now"); effective only while the Stripe keys are set (settings screen or `stripe`)',
    },
    stripeJsUrl: {
      type: 'string', maxLength: 300, pattern: '^https?://[^\\s]+$', default: 'https://js.stripe.com/v3/',
      description: 'Where the member screens load Stripe.js from; its origin must be one of billing\'s declared CSP sources',
    },
    stripe: {
      type: 'object', additionalProperties: false,
      description: 'Keys set by the operator in the tenant config (the settings screen\'s stored keys take precedence) and the API endpoint',
      properties: {
        secretKey: { type: 'string', minLength: 1, maxLength: 300, writeOnly: true },
        webhookSecret: { type: 'string', minLength: 1, maxLength: 300, writeOnly: true },
        publishableKey: { type: 'string', minLength: 1, maxLength: 300 },
        apiHost: { type: 'string', maxLength: 253 },
        apiPort: { type: 'integer', minimum: 1, maximum: 65535 },
        apiProtocol: { type: 'string', enum: ['http', 'https'] },
      },
    },
  },
} as const

/** Billing's config of a tenant, as `ctx.config()` returns it (defaults applied). */
export type BillingConfig = ConfigOf<typeof configSchema>

/** The plugin context of billing, typed with its config. */
export type BillingContext = PluginContext<BillingConfig>

/** Stripe account of the tenant. `apiHost`/`apiPort`/`apiProtocol` point the real SDK elsewhere (tests: the fake). */
export type StripeSettings = NonNullable<BillingConfig['stripe']>

/** Billing settings of a tenant, defaults applied. */
export interface BillingSettings {
  currency: string
  pricesIncludeTax: boolean
  paymentTermsDays: number
  creditRefundWindowHours: number
  paymentGateway: string
  onlinePayments: boolean
  stripeJsUrl: string
  retryDelaysSeconds: number[]
  stripe?: StripeSettings
}

const DEFAULT_RETRY_DELAYS = [259200, 432000, 604800]

/** The tenant's settings with defaults. */
export function settings(ctx: BillingContext): BillingSettings {
  const c = ctx.config()
  return {
    currency: c.currency,
    pricesIncludeTax: c.pricesIncludeTax,
    paymentTermsDays: c.paymentTermsDays,
    creditRefundWindowHours: c.creditRefundWindowHours,
    paymentGateway: c.paymentGateway,
    onlinePayments: c.onlinePayments,
    stripeJsUrl: c.stripeJsUrl,
    retryDelaysSeconds: c.dunning?.retryDelaysSeconds ?? DEFAULT_RETRY_DELAYS,
    ...(c.stripe ? { stripe: c.stripe } : {}),
  }
}
