/**
 * SQL of card payments: a payer's customer and saved card per gateway (`gateway_customers`), the payments recorded on
 * an invoice, and the webhook deliveries seen (each event id once per gateway).
 */
import type { BillingContext } from '../domain/billing-config.ts'
import type { Payer } from '../domain/payer.ts'
import type { Payment } from '../contract/wire-types.ts'

/** A payer's customer at a gateway. */
export interface GatewayCustomer {
  customerId: string
  defaultPaymentMethod: string | null
}

/** The payer's customer at `gateway`, if one was created. */
export async function findCustomer(ctx: BillingContext, gateway: string, p: Payer): Promise<GatewayCustomer | undefined> {
  return ctx.db.one<GatewayCustomer & Record<string, unknown>>(
    `SELECT customer_id AS "customerId", default_payment_method AS "defaultPaymentMethod" FROM billing.gateway_customers
      WHERE gateway = $1 AND payer_type = $2 AND payer_id = $3`, [gateway, p.payerType, p.payerId])
}

/** Stores the payer's customer at `gateway` (the first one stored wins a race) and returns the stored one. */
export async function saveCustomer(ctx: BillingContext, gateway: string, p: Payer, customerId: string): Promise<GatewayCustomer> {
  await ctx.db.query(
    'INSERT INTO billing.gateway_customers (gateway, payer_type, payer_id, customer_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
    [gateway, p.payerType, p.payerId, customerId])
  return (await findCustomer(ctx, gateway, p))!
}

/** Makes `paymentMethodId` the default of the customer; false when no such customer is stored. */
export async function saveDefaultPaymentMethod(ctx: BillingContext, gateway: string, customerId: string, paymentMethodId: string): Promise<boolean> {
  const r = await ctx.db.query('UPDATE billing.gateway_customers SET default_payment_method = $3 WHERE gateway = $1 AND customer_id = $2', [gateway, customerId, paymentMethodId])
  return r.rowCount > 0
}

/** The payments recorded on an invoice, oldest first. */
export async function paymentsOfInvoice(ctx: BillingContext, invoiceId: string): Promise<Payment[]> {
  const rows = await ctx.db.many<Record<string, any>>(
    `SELECT id, method, amount::float8, refunded_amount::float8, payment_intent_id, reference, created_at FROM billing.payments WHERE invoice_id = $1 ORDER BY created_at`,
    [invoiceId])
  return rows.map((p) => ({ id: p.id, method: p.method, amount: p.amount, refundedAmount: p.refunded_amount, paymentIntentId: p.payment_intent_id, reference: p.reference, createdAt: p.created_at.toISOString() }))
}

/** A payment locked for a refund. */
export interface LockedPayment {
  invoice_id: string
  method: string
  gateway: string | null
  amount: number
  refunded_amount: number
  payment_intent_id: string | null
}

/** Locks a payment row (`FOR UPDATE`) for a refund. */
export function lockPayment(ctx: BillingContext, paymentId: string): Promise<LockedPayment | undefined> {
  return ctx.db.one<LockedPayment & Record<string, unknown>>(
    'SELECT invoice_id, method, gateway, amount::float8, refunded_amount::float8, payment_intent_id FROM billing.payments WHERE id = $1 FOR UPDATE', [paymentId])
}

/** Adds `amount` to what was refunded of a payment. */
export async function addRefunded(ctx: BillingContext, paymentId: string, amount: number): Promise<void> {
  await ctx.db.query('UPDATE billing.payments SET refunded_amount = refunded_amount + $2 WHERE id = $1', [paymentId, amount])
}

/** Records a webhook event once per gateway; false when it was seen before. */
export async function recordWebhookEvent(ctx: BillingContext, gateway: string, eventId: string, type: string): Promise<boolean> {
  return !!(await ctx.db.one('INSERT INTO billing.webhook_events (gateway, event_id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id', [gateway, eventId, type]))
}
