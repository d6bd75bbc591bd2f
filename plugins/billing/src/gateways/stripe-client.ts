/**
 * The tenant's Stripe client: the real `stripe` SDK with the tenant's secret key (`domain/stripe-account.ts`: the
 * settings screen's sealed key, else billing's config) and, when configured, another API host/port/protocol (tests:
 * the local fake). Clients are cached per key and endpoint. Retries are off: our own idempotency keys and the dunning
 * job decide when to try again.
 */
import Stripe from 'stripe'
import type { BillingContext } from '../domain/billing-config.ts'
import { stripeAccount } from '../domain/stripe-account.ts'
import type { StripeAccount } from '../domain/stripe-account.ts'

const clients = new Map<string, Stripe>()

/** A Stripe client for `s` (cached). */
export function stripeClient(s: Pick<StripeAccount, 'secretKey' | 'apiHost' | 'apiPort' | 'apiProtocol'>): Stripe {
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

/** The tenant's Stripe client (409 when no key is set). */
export async function stripeFor(ctx: BillingContext): Promise<Stripe> {
  return stripeClient(await stripeAccount(ctx))
}

/** Whether `err` is a declined card (402 card_error). */
export const isCardError = (err: unknown): err is Stripe.errors.StripeCardError => err instanceof Stripe.errors.StripeCardError

export type { Stripe }
