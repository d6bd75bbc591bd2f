/**
 * Dunning. After a declined charge (attempt n) the payer is notified with `billing.payment.failed`, and while
 * attempts remain the `retry-payment` job is enqueued (on the same transaction) after `retryDelaysSeconds[n − 1]`.
 * When the last retry fails too, the payer's active memberships are suspended and `billing.membership.suspended` is
 * published for each (the access plugin revokes door access on it). A later successful payment does not reactivate
 * them automatically: staff do, after checking.
 */
import type { BillingContext } from './billing-config.ts'
import { settings } from './billing-config.ts'
import type { Invoice } from './invoicing.ts'
import { membershipSuspended } from '../contract/membership-events.ts'
import { paymentFailed } from '../contract/payment-events.ts'

/** A declined on-session payment (the payer paying now): notify, no dunning step. */
export async function notifyDeclined(ctx: BillingContext, inv: Invoice, declineCode: string): Promise<{ nextAttemptAt: null }> {
  await ctx.events.publish(paymentFailed, {
    invoiceId: inv.id, number: inv.number, payerType: inv.payerType, payerId: inv.payerId, amountDue: inv.amountDue, attempt: null, declineCode, nextAttemptAt: null,
  })
  return { nextAttemptAt: null }
}

/** Records a failed off-session attempt: schedules the next one or suspends. */
export async function onPaymentFailed(ctx: BillingContext, inv: Invoice, attempt: number, declineCode: string): Promise<{ nextAttemptAt: string | null }> {
  const delays = settings(ctx).retryDelaysSeconds
  const delay = delays[attempt - 1]
  const nextAttemptAt = delay === undefined ? null : new Date(Date.now() + delay * 1000).toISOString()
  await ctx.events.publish(paymentFailed, {
    invoiceId: inv.id, number: inv.number, payerType: inv.payerType, payerId: inv.payerId, amountDue: inv.amountDue, attempt, declineCode, nextAttemptAt,
  })
  if (delay !== undefined) {
    await ctx.jobs.send('retry-payment', { invoiceId: inv.id, attempt: attempt + 1 }, { startAfter: delay, singletonKey: `${inv.id}:${attempt + 1}` })
    return { nextAttemptAt }
  }
  const suspended = await ctx.db.many<{ id: string }>(
    `UPDATE billing.memberships SET status = 'suspended' WHERE payer_type = $1 AND payer_id = $2 AND status = 'active'
     AND (ends_on IS NULL OR ends_on >= current_date) RETURNING id`, [inv.payerType, inv.payerId])
  for (const m of suspended) {
    await ctx.events.publish(membershipSuspended, { id: m.id, payerType: inv.payerType, payerId: inv.payerId, invoiceId: inv.id, reason: 'payment_failed' })
  }
  await ctx.audit.record({ action: 'membership.suspend', target: `${inv.payerType}:${inv.payerId}`, data: { invoiceId: inv.id, memberships: suspended.map((m) => m.id) } })
  return { nextAttemptAt: null }
}
