/**
 * Card payment with Stripe Elements: the server creates a PaymentIntent for what is due on an issued invoice (for the
 * payer's Stripe customer, `metadata: { tenantId, invoiceId }`, idempotency key `invoice-<id>-elements-<request key>`)
 * and hands its client secret to the member's browser, which confirms it with Stripe.js and the card the member typed
 * into Stripe's card element — no payment-method id ever passes through Tessera. The result is reconciled by Stripe's
 * `payment_intent.succeeded` webhook exactly like every other card payment (recorded once per PaymentIntent id).
 * `testConnection` asks Stripe for the account's balance with the stored keys (the settings screen's button).
 */
import { problem } from '@tessera/sdk'
import type { BillingContext } from './billing-config.ts'
import { settings } from './billing-config.ts'
import { ensureCustomer } from './card-payments.ts'
import { lockInvoice } from './invoicing.ts'
import { tenantGateway } from './payment-gateways.ts'
import { onlinePayment, stripeAccount } from './stripe-account.ts'
import { stripeClient } from '../gateways/stripe-client.ts'
import { STRIPE_GATEWAY_ID } from '../gateways/stripe-gateway.ts'

/** What the browser needs to confirm the payment. */
export interface CardPaymentStart {
  paymentIntentId: string
  clientSecret: string
  publishableKey: string
  stripeJsUrl: string
  amount: number
  currency: string
}

/** Starts paying `invoiceId` by card in the browser. */
export async function startCardPayment(ctx: BillingContext, invoiceId: string, requestKey: string): Promise<CardPaymentStart> {
  const inv = await lockInvoice(ctx, invoiceId)
  if (inv.kind !== 'invoice' || inv.status !== 'issued' || inv.amountDue <= 0) throw problem.conflict('Nothing is due on this invoice.')
  const online = await onlinePayment(ctx)
  if (!online.active) throw problem.conflict('Online card payment is switched off for this workspace. Please pay at the front desk.')
  const gw = tenantGateway(ctx)
  if (gw.id !== STRIPE_GATEWAY_ID) throw problem.conflict(`Card entry in the browser needs the Stripe gateway; this workspace pays through "${gw.id}".`)
  const customerId = await ensureCustomer(ctx, { payerType: inv.payerType, payerId: inv.payerId }, gw)
  const stripe = stripeClient(await stripeAccount(ctx))
  const pi = await stripe.paymentIntents.create({
    amount: inv.amountDue, currency: inv.currency.toLowerCase(), customer: customerId,
    description: `Invoice ${inv.number}`, metadata: { tenantId: ctx.tenant().id, invoiceId: inv.id },
  }, { idempotencyKey: `invoice-${inv.id}-elements-${requestKey}` })
  await ctx.audit.record({ action: 'billing.card-payment.started', target: `invoice:${inv.id}`, data: { paymentIntentId: pi.id, amount: inv.amountDue } })
  return { paymentIntentId: pi.id, clientSecret: pi.client_secret!, publishableKey: online.publishableKey!, stripeJsUrl: settings(ctx).stripeJsUrl, amount: inv.amountDue, currency: inv.currency }
}

/** Checks the stored keys against Stripe: ok with the account's mode, or the error Stripe gave. */
export async function testConnection(ctx: BillingContext): Promise<{ ok: boolean; livemode: boolean | null; message: string }> {
  const account = await stripeAccount(ctx)
  try {
    const balance = await stripeClient(account).balance.retrieve()
    await ctx.audit.record({ action: 'billing.stripe-settings.tested', target: `tenant:${ctx.tenant().id}`, data: { ok: true } })
    return { ok: true, livemode: balance.livemode, message: `Connected to Stripe (${balance.livemode ? 'live' : 'test'} mode).` }
  } catch (err) {
    return { ok: false, livemode: null, message: `Stripe refused the connection: ${(err as Error).message}` }
  }
}
