/**
 * Billing's built-in Stripe gateway, registered on billing's own `payment-gateway` extension point exactly as a
 * third-party gateway would be (`extensions: [extend(paymentGateway, stripeGateway)]`). It reads the tenant's Stripe
 * account from billing's config (`stripe`) on every call and talks to Stripe through the real SDK: customers with an
 * idempotency key, SetupIntents for saved cards, PaymentIntents confirmed at once (a 402 card error is a decline
 * outcome), refunds, and webhooks verified from the `Stripe-Signature` header and the raw bytes before anything parses
 * them (`stripe-webhook.ts`).
 */
import type { GatewayWebhookOutcome, PaymentGateway } from '../contract/payment-gateway.ts'
import type { BillingContext } from '../domain/billing-config.ts'
import { isCardError, stripeClient, stripeFor } from './stripe-client.ts'
import { stripeAccount } from '../domain/stripe-account.ts'
import type { Stripe } from './stripe-client.ts'
import { verifiedWebhookEvent, WebhookVerificationError } from './stripe-webhook.ts'

/** The id tenants name in `paymentGateway` (the default) and the webhook path segment. */
export const STRIPE_GATEWAY_ID = 'stripe'

const declineCodeOf = (err: Stripe.errors.StripeCardError): string => err.decline_code ?? err.code ?? 'card_declined'
const intentIdOf = (err: Stripe.errors.StripeCardError): string | undefined => (err.raw as { payment_intent?: { id: string } }).payment_intent?.id
const idOf = (v: string | { id: string } | null | undefined): string | undefined => (typeof v === 'string' ? v : v?.id)

/** What a verified Stripe event means to billing. */
function outcomeOf(event: Stripe.Event): GatewayWebhookOutcome {
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const pi = event.data.object
      return { kind: 'payment.succeeded', paymentId: pi.id, amount: pi.amount_received || pi.amount, metadata: { ...(pi.metadata ?? {}) } }
    }
    case 'setup_intent.succeeded': {
      const si = event.data.object
      const customerId = idOf(si.customer)
      const paymentMethodId = idOf(si.payment_method)
      return customerId && paymentMethodId ? { kind: 'payment-method.saved', customerId, paymentMethodId } : { kind: 'ignored' }
    }
    default:
      // payment_intent.payment_failed and the rest: recorded, no state change (billing's own attempts handle declines)
      return { kind: 'ignored' }
  }
}

/** The Stripe gateway, built with billing's context. */
export function stripeGateway(ctx: BillingContext): PaymentGateway {
  return {
    id: STRIPE_GATEWAY_ID,
    label: 'Stripe',
    async ensureCustomer(input) {
      const c = await (await stripeFor(ctx)).customers.create(
        { metadata: { tenantId: input.tenantId, payerType: input.payerType, payerId: input.payerId } }, { idempotencyKey: input.idempotencyKey })
      return c.id
    },
    async setupPaymentMethod(input) {
      const si = await (await stripeFor(ctx)).setupIntents.create({ customer: input.customerId, usage: 'off_session', metadata: input.metadata })
      return { id: si.id, clientSecret: si.client_secret!, customerId: input.customerId }
    },
    async charge(input) {
      try {
        const pi = await (await stripeFor(ctx)).paymentIntents.create({
          amount: input.amount, currency: input.currency.toLowerCase(), payment_method: input.paymentMethodId, confirm: true,
          ...(input.customerId ? { customer: input.customerId, off_session: input.offSession } : {}),
          description: input.description, metadata: input.metadata,
        }, { idempotencyKey: input.idempotencyKey })
        if (pi.status !== 'succeeded') return { outcome: 'declined', paymentId: pi.id, declineCode: pi.status }
        return { outcome: 'succeeded', paymentId: pi.id, amount: pi.amount_received || pi.amount }
      } catch (err) {
        if (!isCardError(err)) throw err
        const paymentId = intentIdOf(err)
        return { outcome: 'declined', declineCode: declineCodeOf(err), ...(paymentId ? { paymentId } : {}) }
      }
    },
    async refund(input) {
      const r = await (await stripeFor(ctx)).refunds.create({ payment_intent: input.paymentId, amount: input.amount, metadata: input.metadata }, { idempotencyKey: input.idempotencyKey })
      return { refundId: r.id }
    },
    async verifyWebhook(delivery) {
      const signature = delivery.headers['stripe-signature']
      if (typeof signature !== 'string') return { verified: false, reason: 'A signed Stripe event is required.' }
      try {
        const account = await stripeAccount(ctx)
        if (!account.webhookSecret) return { verified: false, reason: 'No Stripe webhook signing secret is set for this tenant.' }
        const event = verifiedWebhookEvent(stripeClient(account), Buffer.from(delivery.rawBody), signature, account.webhookSecret)
        return { verified: true, eventId: event.id, type: event.type, outcome: outcomeOf(event) }
      } catch (err) {
        if (!(err instanceof WebhookVerificationError)) throw err
        return { verified: false, reason: `The Stripe signature does not verify (${err.message}).` }
      }
    },
  }
}
