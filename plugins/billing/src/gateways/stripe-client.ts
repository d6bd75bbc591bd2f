/**
 * The tenant's Stripe client: the real `stripe` SDK with the tenant's secret key and, when configured, another API
 * host/port/protocol (tests: the local fake). Clients are cached per key and endpoint. Retries are off: our own
 * idempotency keys and the dunning job decide when to try again.
 */
import Stripe from 'stripe'
import { problem } from '@tessera/sdk'
import type { BillingContext } from '../domain/billing-config.ts'
import { settings } from '../domain/billing-config.ts'
import type { StripeSettings } from '../domain/billing-config.ts'

const clients = new Map<string, Stripe>()

/** The tenant's Stripe settings, or a 409 when Stripe is not configured. */
export function stripeSettings(ctx: BillingContext): StripeSettings {
  const s = settings(ctx).stripe
  if (!s) throw problem.conflict('Stripe is not configured for this tenant.')
  return s
}

/** The tenant's Stripe client. */
export function stripeFor(ctx: BillingContext): Stripe {
  const s = stripeSettings(ctx)
  const cacheKey = JSON.stringify([s.secretKey, s.apiHost, s.apiPort, s.apiProtocol])
  let c = clients.get(cacheKey)
  if (!c) {
    c = new Stripe(s.secretKey, {
      maxNetworkRetries: 0,
      timeout: 20_000,
      ...(s.apiHost ? { host: s.apiHost } : {}),
      ...(s.apiPort ? { port: s.apiPort } : {}),
      ...(s.apiProtocol ? { protocol: s.apiProtocol } : {}),
    })
    clients.set(cacheKey, c)
  }
  return c
}

/** Whether `err` is a declined card (402 card_error). */
export const isCardError = (err: unknown): err is Stripe.errors.StripeCardError => err instanceof Stripe.errors.StripeCardError

export type { Stripe }
