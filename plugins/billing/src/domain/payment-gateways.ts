/**
 * Which payment gateway takes a tenant's card payments: the one registered on billing's `payment-gateway` extension
 * point (by billing itself — Stripe — or by any running plugin) whose `id` the tenant's config names in
 * `paymentGateway` (default `stripe`). A gateway that no running plugin registers is a 409 naming the setting.
 */
import { problem } from '@tessera/sdk'
import { paymentGateway } from '../contract/payment-gateway.ts'
import type { PaymentGateway } from '../contract/payment-gateway.ts'
import type { BillingContext } from './billing-config.ts'
import { settings } from './billing-config.ts'

/** The registered gateway with id `id`, if any. */
export function gatewayById(ctx: BillingContext, id: string): PaymentGateway | undefined {
  return ctx.extensions.get(paymentGateway).find((e) => e.value.id === id)?.value
}

/** The tenant's gateway, or a 409. */
export function tenantGateway(ctx: BillingContext): PaymentGateway {
  const id = settings(ctx).paymentGateway
  const gw = gatewayById(ctx, id)
  if (!gw) throw problem.conflict(`The payment gateway "${id}" (billing config paymentGateway) is not installed.`)
  return gw
}
