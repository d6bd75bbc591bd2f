/**
 * `billing.payments`: card payments for other plugins (a POS sale paid by card now) through the tenant's payment
 * gateway, with the caller's idempotency key (built from the caller's own ids), and refunds of them.
 */
import { defineServiceRef } from '@tessera/sdk'

/** Result of {@link PaymentsService.chargeCard}. A decline is an outcome, not an error. @public */
export interface CardCharge {
  outcome: 'succeeded' | 'declined'
  /** The gateway's payment id (Stripe: the PaymentIntent id); refunds name it. */
  paymentIntentId?: string
  declineCode?: string
}

/** What {@link PaymentsService.chargeCard} takes. @public */
export interface CardChargeInput {
  /** Minor units of the tenant's currency. */
  amount: number
  paymentMethodId: string
  description: string
  /** The same key is the same charge (a retry charges once). */
  idempotencyKey: string
  metadata?: Record<string, string>
}

/** `billing.payments`. @public */
export interface PaymentsService {
  /** Charges `amount` to a card now. */
  chargeCard(input: CardChargeInput): Promise<CardCharge>
  /** Refunds `amount` of a payment. */
  refundCard(input: { paymentIntentId: string; amount: number; idempotencyKey: string }): Promise<{ refundId: string }>
}

/** The ref of {@link PaymentsService}. @public */
export const billingPayments = defineServiceRef<PaymentsService>({ plugin: 'billing', id: 'payments', version: '^1.0.0' })
