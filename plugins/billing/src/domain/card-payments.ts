/**
 * Card payments through Stripe. A payer gets one Stripe customer (created with an idempotency key built from our ids);
 * a card is saved with a SetupIntent; an issued invoice is charged off-session with a PaymentIntent whose idempotency
 * key is `invoice-<id>-attempt-<n>` — a retried request (or a crashed and repeated attempt) is the same charge.
 * A payer paying now uses their own card on-session (see `chargeInvoice`).
 * A success records the payment (keyed by the PaymentIntent id, so the webhook reporting it again is a no-op); a
 * decline starts or continues dunning (see dunning.ts). Refunds go back through Stripe with a key from the payment id.
 */
import { randomUUID } from 'node:crypto'
import { problem } from '@tessera/sdk'
import type { PluginContext } from '@tessera/sdk'
import { stripeFor, isCardError } from '../stripe/stripe-client.ts'
import { getInvoice, recordPayment, creditNote } from './invoicing.ts'
import type { Invoice } from './invoicing.ts'
import { onPaymentFailed, notifyDeclined } from './dunning.ts'
import type { Payer } from './payer.ts'
import { requirePayer } from './payer-check.ts'

/** The payer's Stripe customer id, created on first use. */
export async function ensureCustomer(ctx: PluginContext, p: Payer): Promise<string> {
  const row = await ctx.db.one<{ customer_id: string }>('SELECT customer_id FROM billing.stripe_customers WHERE payer_type = $1 AND payer_id = $2', [p.payerType, p.payerId])
  if (row) return row.customer_id
  await requirePayer(ctx, p, '/params/payerId')
  const tenantId = ctx.tenant().id
  const c = await stripeFor(ctx).customers.create(
    { metadata: { tenantId, payerType: p.payerType, payerId: p.payerId } },
    { idempotencyKey: `customer-${tenantId}-${p.payerType}-${p.payerId}` })
  await ctx.db.query(
    'INSERT INTO billing.stripe_customers (payer_type, payer_id, customer_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [p.payerType, p.payerId, c.id])
  return (await ctx.db.one<{ customer_id: string }>('SELECT customer_id FROM billing.stripe_customers WHERE payer_type = $1 AND payer_id = $2', [p.payerType, p.payerId]))!.customer_id
}

/** Starts saving a card: a SetupIntent for off-session use; the client confirms it with Stripe.js. */
export async function createSetupIntent(ctx: PluginContext, p: Payer): Promise<{ id: string; clientSecret: string; customerId: string }> {
  const customer = await ensureCustomer(ctx, p)
  const si = await stripeFor(ctx).setupIntents.create({ customer, usage: 'off_session', metadata: { tenantId: ctx.tenant().id, payerType: p.payerType, payerId: p.payerId } })
  return { id: si.id, clientSecret: si.client_secret!, customerId: customer }
}

/** Makes `paymentMethodId` the payer's card for off-session charges. */
export async function saveDefaultPaymentMethod(ctx: PluginContext, customerId: string, paymentMethodId: string): Promise<boolean> {
  const r = await ctx.db.query('UPDATE billing.stripe_customers SET default_payment_method = $2 WHERE customer_id = $1', [customerId, paymentMethodId])
  return r.rowCount > 0
}

/** Outcome of a charge attempt. */
export interface ChargeOutcome {
  outcome: 'succeeded' | 'declined' | 'nothing_due'
  paymentIntentId?: string
  declineCode?: string
  attempt?: number
  nextAttemptAt?: string | null
  invoice: Invoice
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
export async function chargeInvoice(ctx: PluginContext, invoiceId: string, options: { paymentMethodId?: string; requestKey?: string } = {}): Promise<ChargeOutcome> {
  const inv = await ctx.db.one<{ status: string; kind: string }>('SELECT status, kind FROM billing.invoices WHERE id = $1 FOR UPDATE', [invoiceId])
  if (!inv) throw problem.notFound('No such invoice.')
  const current = (await getInvoice(ctx, invoiceId))!
  if (current.kind !== 'invoice' || current.status !== 'issued' || current.amountDue <= 0) return { outcome: 'nothing_due', invoice: current }
  const payer: Payer = { payerType: current.payerType as Payer['payerType'], payerId: current.payerId }
  const customer = await ensureCustomer(ctx, payer)
  const saved = await ctx.db.one<{ default_payment_method: string | null }>('SELECT default_payment_method FROM billing.stripe_customers WHERE customer_id = $1', [customer])
  const onSession = !!options.paymentMethodId
  const paymentMethod = options.paymentMethodId ?? saved?.default_payment_method
  if (!paymentMethod) throw problem.unprocessable('The payer has no saved card.')
  const attempt = onSession
    ? undefined
    : (await ctx.db.one<{ n: number }>('UPDATE billing.invoices SET payment_attempts = payment_attempts + 1 WHERE id = $1 RETURNING payment_attempts AS n', [invoiceId]))!.n
  const idempotencyKey = onSession ? `invoice-${invoiceId}-pay-${options.requestKey ?? randomUUID()}` : `invoice-${invoiceId}-attempt-${attempt}`
  const tenantId = ctx.tenant().id
  const declined = async (code: string, paymentIntentId: string | undefined): Promise<ChargeOutcome> => {
    const dunning = onSession ? await notifyDeclined(ctx, current, code) : await onPaymentFailed(ctx, current, attempt!, code)
    return { outcome: 'declined', paymentIntentId, declineCode: code, attempt, nextAttemptAt: dunning.nextAttemptAt, invoice: (await getInvoice(ctx, invoiceId))! }
  }
  try {
    const pi = await stripeFor(ctx).paymentIntents.create({
      amount: current.amountDue, currency: current.currency.toLowerCase(), customer, payment_method: paymentMethod,
      confirm: true, off_session: !onSession, description: `Invoice ${current.number}`,
      metadata: { tenantId, invoiceId, ...(attempt ? { attempt: String(attempt) } : {}) },
    }, { idempotencyKey })
    if (pi.status !== 'succeeded') return declined(pi.status, pi.id)
    await recordPayment(ctx, invoiceId, { method: 'card', amount: pi.amount_received || pi.amount, paymentIntentId: pi.id })
    return { outcome: 'succeeded', paymentIntentId: pi.id, attempt, invoice: (await getInvoice(ctx, invoiceId))! }
  } catch (err) {
    if (!isCardError(err)) throw err
    return declined(err.decline_code ?? err.code ?? 'card_declined', (err.raw as { payment_intent?: { id: string } }).payment_intent?.id)
  }
}

/**
 * Refunds `amount` of a card payment through Stripe and issues the matching credit note on its invoice. The Stripe
 * idempotency key is built from the payment id and the amount refunded before, so a retried request refunds once.
 */
export async function refundPayment(ctx: PluginContext, paymentId: string, amount: number, reason: string): Promise<Invoice> {
  const p = await ctx.db.one<{ invoice_id: string; method: string; amount: number; refunded_amount: number; payment_intent_id: string | null }>(
    'SELECT invoice_id, method, amount::float8, refunded_amount::float8, payment_intent_id FROM billing.payments WHERE id = $1 FOR UPDATE', [paymentId])
  if (!p) throw problem.notFound('No such payment.')
  if (amount > p.amount - p.refunded_amount) throw problem.unprocessable('The refund exceeds what is left of the payment.')
  const cn = await creditNote(ctx, p.invoice_id, [{ description: `Refund: ${reason}`, unitAmount: amount }])
  if (p.method === 'card' && p.payment_intent_id) {
    await stripeFor(ctx).refunds.create({ payment_intent: p.payment_intent_id, amount, metadata: { tenantId: ctx.tenant().id, paymentId, creditNoteId: cn.id } },
      { idempotencyKey: `refund-${paymentId}-${p.refunded_amount}-${amount}` })
  }
  await ctx.db.query('UPDATE billing.payments SET refunded_amount = refunded_amount + $2 WHERE id = $1', [paymentId, amount])
  return cn
}
