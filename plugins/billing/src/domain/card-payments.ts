/**
 * Card payments through the tenant's payment gateway (`payment-gateways.ts`; Stripe by default). A payer gets one
 * customer per gateway (created with an idempotency key built from our ids); a card is saved with a setup the browser
 * confirms; an issued invoice is charged off-session with the idempotency key `invoice-<id>-attempt-<n>` — a retried
 * request (or a crashed and repeated attempt) is the same charge. A payer paying now uses their own card on-session
 * (see `chargeInvoice`). A success records the payment (keyed by the gateway's payment id, so the webhook reporting it
 * again is a no-op); a decline starts or continues dunning (see dunning.ts). Refunds go back through the gateway that
 * took the payment, with a key from the payment id.
 */
import { randomUUID } from 'node:crypto'
import { problem } from '@tessera/sdk'
import type { PaymentGateway } from '../contract/payment-gateway.ts'
import type { ChargeOutcome } from '../contract/wire-types.ts'
import type { BillingContext } from './billing-config.ts'
import { gatewayById, tenantGateway } from './payment-gateways.ts'
import { getInvoice, recordPayment, creditNote, lockInvoice } from './invoicing.ts'
import type { Invoice } from './invoicing.ts'
import { onPaymentFailed, notifyDeclined } from './dunning.ts'
import type { Payer } from './payer.ts'
import { requirePayer } from './payer-check.ts'
import { findCustomer, saveCustomer, lockPayment, addRefunded, saveDefaultPaymentMethod as saveDefaultMethod } from '../store/gateway-store.ts'

export type { ChargeOutcome } from '../contract/wire-types.ts'

/** The payer's customer at the tenant's gateway, created on first use. */
export async function ensureCustomer(ctx: BillingContext, p: Payer, gw: PaymentGateway = tenantGateway(ctx)): Promise<string> {
  const known = await findCustomer(ctx, gw.id, p)
  if (known) return known.customerId
  await requirePayer(ctx, p, '/params/payerId')
  const tenantId = ctx.tenant().id
  const customerId = await gw.ensureCustomer({ tenantId, payerType: p.payerType, payerId: p.payerId, idempotencyKey: `customer-${tenantId}-${p.payerType}-${p.payerId}` })
  return (await saveCustomer(ctx, gw.id, p, customerId)).customerId
}

/** Starts saving a card for off-session use; the client confirms it with the gateway's browser SDK. */
export async function createSetupIntent(ctx: BillingContext, p: Payer): Promise<{ id: string; clientSecret: string; customerId: string }> {
  const gw = tenantGateway(ctx)
  if (!gw.setupPaymentMethod) throw problem.conflict(`The payment gateway "${gw.id}" does not save cards.`)
  const customerId = await ensureCustomer(ctx, p, gw)
  return gw.setupPaymentMethod({ customerId, metadata: { tenantId: ctx.tenant().id, payerType: p.payerType, payerId: p.payerId } })
}

/** Makes `paymentMethodId` the payer's card for off-session charges at `gateway` (default: the tenant's). */
export async function saveDefaultPaymentMethod(ctx: BillingContext, customerId: string, paymentMethodId: string, gw: PaymentGateway = tenantGateway(ctx)): Promise<boolean> {
  if (gw.attachPaymentMethod) await gw.attachPaymentMethod({ customerId, paymentMethodId })
  return saveDefaultMethod(ctx, gw.id, customerId, paymentMethodId)
}

/**
 * Charges what is due on an issued invoice. Two kinds of attempt:
 *
 * - **off-session** (no `paymentMethodId`: staff's "charge now" and the dunning job) with the payer's saved card; it
 *   counts as attempt n (key `invoice-<id>-attempt-<n>`) and a decline moves dunning on (retry or suspension);
 * - **on-session** (`paymentMethodId` given: the payer paying now, or staff keying a card) with key
 *   `invoice-<id>-pay-<requestKey>` (the request's own Idempotency-Key); a decline notifies but does not count
 *   towards dunning, so a member trying cards never suspends themselves.
 *
 * Never throws on a decline: the attempt, the dunning step and the events must commit.
 */
export async function chargeInvoice(ctx: BillingContext, invoiceId: string, options: { paymentMethodId?: string | undefined; requestKey?: string } = {}): Promise<ChargeOutcome> {
  const current = await lockInvoice(ctx, invoiceId)
  if (current.kind !== 'invoice' || current.status !== 'issued' || current.amountDue <= 0) return { outcome: 'nothing_due', invoice: current }
  const gw = tenantGateway(ctx)
  const payer: Payer = { payerType: current.payerType, payerId: current.payerId }
  const customerId = await ensureCustomer(ctx, payer, gw)
  const saved = await findCustomer(ctx, gw.id, payer)
  const onSession = !!options.paymentMethodId
  const paymentMethodId = options.paymentMethodId ?? saved?.defaultPaymentMethod
  if (!paymentMethodId) throw problem.unprocessable('The payer has no saved card.')
  const attempt = onSession ? undefined : await countAttempt(ctx, invoiceId)
  const idempotencyKey = onSession ? `invoice-${invoiceId}-pay-${options.requestKey ?? randomUUID()}` : `invoice-${invoiceId}-attempt-${attempt}`
  const result = await gw.charge({
    amount: current.amountDue, currency: current.currency, customerId, paymentMethodId, offSession: !onSession, description: `Invoice ${current.number}`,
    idempotencyKey, metadata: { tenantId: ctx.tenant().id, invoiceId, ...(attempt ? { attempt: String(attempt) } : {}) },
  })
  if (result.outcome === 'declined') {
    const dunning = onSession ? await notifyDeclined(ctx, current, result.declineCode) : await onPaymentFailed(ctx, current, attempt!, result.declineCode)
    return {
      outcome: 'declined', declineCode: result.declineCode, ...(result.paymentId ? { paymentIntentId: result.paymentId } : {}), ...(attempt ? { attempt } : {}),
      nextAttemptAt: dunning.nextAttemptAt, invoice: (await getInvoice(ctx, invoiceId))!,
    }
  }
  await recordPayment(ctx, invoiceId, { method: 'card', amount: result.amount, paymentIntentId: result.paymentId, gateway: gw.id })
  return { outcome: 'succeeded', paymentIntentId: result.paymentId, ...(attempt ? { attempt } : {}), invoice: (await getInvoice(ctx, invoiceId))! }
}

/** Counts one more off-session attempt on the invoice and returns its number. */
async function countAttempt(ctx: BillingContext, invoiceId: string): Promise<number> {
  return (await ctx.db.one<{ n: number }>('UPDATE billing.invoices SET payment_attempts = payment_attempts + 1 WHERE id = $1 RETURNING payment_attempts AS n', [invoiceId]))!.n
}

/**
 * Refunds `amount` of a card payment through the gateway that took it and issues the matching credit note on its
 * invoice. The idempotency key is built from the payment id and the amount refunded before, so a retried request
 * refunds once.
 */
export async function refundPayment(ctx: BillingContext, paymentId: string, amount: number, reason: string): Promise<Invoice> {
  const p = await lockPayment(ctx, paymentId)
  if (!p) throw problem.notFound('No such payment.')
  if (amount > p.amount - p.refunded_amount) throw problem.unprocessable('The refund exceeds what is left of the payment.')
  const cn = await creditNote(ctx, p.invoice_id, [{ description: `Refund: ${reason}`, unitAmount: amount }])
  if (p.method === 'card' && p.payment_intent_id) {
    const gw = p.gateway ? gatewayById(ctx, p.gateway) : tenantGateway(ctx)
    if (!gw) throw problem.conflict(`The payment gateway "${p.gateway}" that took this payment is not installed.`)
    await gw.refund({
      paymentId: p.payment_intent_id, amount, metadata: { tenantId: ctx.tenant().id, paymentId, creditNoteId: cn.id },
      idempotencyKey: `refund-${paymentId}-${p.refunded_amount}-${amount}`,
    })
  }
  await addRefunded(ctx, paymentId, amount)
  return cn
}
