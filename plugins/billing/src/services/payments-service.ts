/**
 * `billing.payments` (contract `billingPayments`): card payments for other plugins (POS sales paid by card now)
 * through the tenant's payment gateway, with the caller's idempotency key (built from the caller's own ids), and
 * refunds of them.
 */
import type { PaymentsService } from '../contract/payments-service.ts'
import type { BillingContext } from '../domain/billing-config.ts'
import { settings } from '../domain/billing-config.ts'
import { tenantGateway } from '../domain/payment-gateways.ts'

/** Builds the service for `ctx`. */
export function paymentsService(ctx: BillingContext): PaymentsService {
  return {
    async chargeCard(input) {
      const r = await tenantGateway(ctx).charge({
        amount: input.amount, currency: settings(ctx).currency, paymentMethodId: input.paymentMethodId, offSession: false,
        description: input.description, idempotencyKey: input.idempotencyKey, metadata: { tenantId: ctx.tenant().id, ...input.metadata },
      })
      if (r.outcome === 'succeeded') return { outcome: 'succeeded', paymentIntentId: r.paymentId }
      return { outcome: 'declined', declineCode: r.declineCode, ...(r.paymentId ? { paymentIntentId: r.paymentId } : {}) }
    },
    async refundCard(input) {
      return tenantGateway(ctx).refund({ paymentId: input.paymentIntentId, amount: input.amount, idempotencyKey: input.idempotencyKey, metadata: { tenantId: ctx.tenant().id } })
    },
  }
}
