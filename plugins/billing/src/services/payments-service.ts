/**
 * `billing.payments`: card payments for other plugins (POS sales paid by card now) through the tenant's Stripe
 * account, with the caller's idempotency key (built from the caller's own ids), and refunds of them.
 */
import type { PluginContext } from '@tessera/sdk'
import { stripeFor, isCardError } from '../stripe/stripe-client.ts'
import { settings } from '../domain/billing-config.ts'

/** Result of {@link PaymentsService.chargeCard}. */
export interface CardCharge {
  outcome: 'succeeded' | 'declined'
  paymentIntentId?: string
  declineCode?: string
}

/** `billing.payments`. @public */
export interface PaymentsService {
  /** Charges `amount` (minor units, tenant currency) to a card now. Declines are an outcome, not an error. */
  chargeCard(input: { amount: number; paymentMethodId: string; description: string; idempotencyKey: string; metadata?: Record<string, string> }): Promise<CardCharge>
  /** Refunds `amount` of a PaymentIntent. */
  refundCard(input: { paymentIntentId: string; amount: number; idempotencyKey: string }): Promise<{ refundId: string }>
}

export function paymentsService(ctx: PluginContext): PaymentsService {
  return {
    async chargeCard(input) {
      try {
        const pi = await stripeFor(ctx).paymentIntents.create({
          amount: input.amount, currency: settings(ctx).currency.toLowerCase(), payment_method: input.paymentMethodId, confirm: true,
          description: input.description, metadata: { tenantId: ctx.tenant().id, ...input.metadata },
        }, { idempotencyKey: input.idempotencyKey })
        return pi.status === 'succeeded' ? { outcome: 'succeeded', paymentIntentId: pi.id } : { outcome: 'declined', paymentIntentId: pi.id, declineCode: pi.status }
      } catch (err) {
        if (!isCardError(err)) throw err
        return { outcome: 'declined', paymentIntentId: (err.raw as { payment_intent?: { id: string } }).payment_intent?.id, declineCode: err.decline_code ?? err.code ?? 'card_declined' }
      }
    },
    async refundCard(input) {
      const r = await stripeFor(ctx).refunds.create({ payment_intent: input.paymentIntentId, amount: input.amount }, { idempotencyKey: input.idempotencyKey })
      return { refundId: r.id }
    },
  }
}
