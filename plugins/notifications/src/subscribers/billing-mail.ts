/**
 * Billing's events → essential e-mails to the payer (a person, or an organisation's address): an invoice or credit
 * note issued (its PDF attached when sent), a declined payment (each dunning step), the membership suspended when
 * dunning gave up. The invoice's currency and due date come from `billingInvoices` (billing is an optional
 * dependency: without it no billing event arrives either).
 */
import { on } from '@tessera/sdk'
import { billingInvoices, invoiceIssued, membershipSuspended, paymentFailed } from '@tessera/plugin-billing/contract'
import type { NotificationsContext } from '../domain/notifications-config.ts'
import { queueMessage } from '../domain/queue-message.ts'
import { payerRecipient } from '../domain/recipients.ts'

async function invoiceData(ctx: NotificationsContext, invoiceId: string): Promise<Record<string, unknown>> {
  const inv = await ctx.services.optional(billingInvoices)?.get(invoiceId)
  return inv ? { invoiceId, number: inv.number, kind: inv.kind, total: inv.total, amountDue: inv.amountDue, currency: inv.currency, dueOn: inv.dueOn } : { invoiceId }
}

/** `billing.invoice.issued`. */
export const onInvoiceIssued = on(invoiceIssued, async (e, ctx: NotificationsContext) => {
  await queueMessage(ctx, {
    key: e.id, template: 'billing.invoice-issued', to: payerRecipient(e.payload),
    data: { ...(await invoiceData(ctx, e.payload.id)), number: e.payload.number, kind: e.payload.kind, total: e.payload.total },
  })
})

/** `billing.payment.failed`. */
export const onPaymentFailed = on(paymentFailed, async (e, ctx: NotificationsContext) => {
  const p = e.payload
  await queueMessage(ctx, {
    key: e.id, template: 'billing.payment-failed', to: payerRecipient(p),
    data: { ...(await invoiceData(ctx, p.invoiceId)), number: p.number, amountDue: p.amountDue, attempt: p.attempt, nextAttemptAt: p.nextAttemptAt, declineCode: p.declineCode },
  })
})

/** `billing.membership.suspended` (dunning's last step). */
export const onMembershipSuspended = on(membershipSuspended, async (e, ctx: NotificationsContext) => {
  await queueMessage(ctx, {
    key: e.id, template: 'billing.membership-suspended', to: payerRecipient(e.payload),
    data: { membershipId: e.payload.id, ...(await invoiceData(ctx, e.payload.invoiceId)) },
  })
})
