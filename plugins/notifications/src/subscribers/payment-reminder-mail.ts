/**
 * Billing's `billing.invoice.reminded` → the payment reminder to the payer (a person, or an organisation's address).
 * The message's source key is the reminder's id (`invoice-reminder:<id>`), so a redelivered event — or the same
 * reminder published twice — finds its key and mails nothing more.
 */
import { on } from '@tessera/sdk'
import { invoiceReminded } from '@tessera/plugin-billing/contract'
import type { NotificationsContext } from '../domain/notifications-config.ts'
import { queueMessage } from '../domain/queue-message.ts'
import { payerRecipient } from '../domain/recipients.ts'

/** `billing.invoice.reminded`. */
export const onInvoiceReminded = on(invoiceReminded, async (e, ctx: NotificationsContext) => {
  const p = e.payload
  await queueMessage(ctx, {
    key: `invoice-reminder:${p.reminderId}`, template: 'billing.payment-reminder', to: payerRecipient(p),
    data: { invoiceId: p.invoiceId, number: p.number, amountDue: p.amountDue, currency: p.currency, dueOn: p.dueOn },
  })
})
