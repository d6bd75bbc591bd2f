/**
 * A payment reminder sent now, outside the dunning schedule (staff, `POST /invoices/:id/reminders`). The invoice is
 * locked first, so two clicks at once queue and the second sees the first. Refused: another tenant's or an unknown
 * invoice (404); anything but an issued invoice with something due — a draft, a paid or void invoice, a credit note
 * (409); a second reminder within {@link REMINDER_INTERVAL_SECONDS} of the last (429 saying how long ago it was sent and
 * when the next may be, `retryAfterSeconds`); a payer without an e-mail address (422). Otherwise the reminder is
 * recorded (who, when, to which address), `billing.invoice.reminded` is published on the same transaction — the
 * notifications plugin mails the payer on it, once per reminder — and it is audited `invoice.remind`.
 */
import { ProblemError, problem } from '@tessera/sdk'
import type { BillingContext } from './billing-config.ts'
import { getInvoice } from './invoicing.ts'
import { payerContact } from './payer-contact.ts'
import { invoiceReminded } from '../contract/reminder-events.ts'
import type { InvoiceReminder } from '../contract/wire-types.ts'
import { insertReminder, latestReminder, lockInvoice } from '../store/invoice-reminders-store.ts'

/** At most one manual reminder per invoice in this many seconds (an hour). */
export const REMINDER_INTERVAL_SECONDS = 3600

/** "12 minutes" (at least one minute). */
const minutes = (seconds: number): string => {
  const m = Math.max(1, Math.round(seconds / 60))
  return m === 1 ? '1 minute' : `${m} minutes`
}

/** The sender's name: the user's as the tenant knows them, else the actor's label (an API token's name) or id. */
async function senderName(ctx: BillingContext): Promise<{ id: string; name: string }> {
  const actor = ctx.actor()
  const user = actor.type === 'user' ? await ctx.identity.get(actor.id) : undefined
  return { id: actor.id, name: user?.name || actor.label || actor.id }
}

/** Sends a payment reminder for invoice `invoiceId` now; see the module comment for what is refused. */
export async function sendPaymentReminder(ctx: BillingContext, invoiceId: string): Promise<InvoiceReminder> {
  if (!(await lockInvoice(ctx.db, invoiceId))) throw problem.notFound('No such invoice.')
  const inv = (await getInvoice(ctx, invoiceId))!
  if (inv.kind !== 'invoice') throw problem.conflict('A credit note asks for no payment: there is nothing to remind of.')
  if (inv.status !== 'issued' || inv.amountDue <= 0 || !inv.number || !inv.dueOn) {
    const why = inv.status === 'draft' ? 'is a draft (issue it first)' : inv.status === 'issued' ? 'has nothing left to pay' : `is ${inv.status}`
    throw problem.conflict(`Invoice ${inv.number ?? '(draft)'} ${why}: only an open invoice with something due can be reminded of.`, { status: inv.status })
  }
  const last = await latestReminder(ctx.db, invoiceId)
  if (last && last.ageSeconds < REMINDER_INTERVAL_SECONDS) {
    const wait = Math.ceil(REMINDER_INTERVAL_SECONDS - last.ageSeconds)
    throw new ProblemError(429, 'Too Many Requests', {
      detail: `A reminder was sent ${minutes(last.ageSeconds)} ago by ${last.sentByName}. At most one reminder an hour per invoice: the next can be sent in ${minutes(wait)}.`,
      extra: { retryAfterSeconds: wait, lastReminderAt: last.sentAt },
    })
  }
  const contact = await payerContact(ctx, inv)
  if (!contact.email) {
    throw problem.unprocessable(`${contact.name} has no e-mail address: add one in Members to send a reminder.`, [{ pointer: '/params/id', detail: 'the payer has no e-mail address' }])
  }
  const sender = await senderName(ctx)
  const row = await insertReminder(ctx.db, { invoiceId, sentById: sender.id, sentByName: sender.name, sentTo: contact.email })
  await ctx.events.publish(invoiceReminded, {
    reminderId: row.id, invoiceId, number: inv.number, payerType: inv.payerType, payerId: inv.payerId,
    amountDue: inv.amountDue, currency: inv.currency, dueOn: inv.dueOn, sentAt: row.sentAt,
  })
  await ctx.audit.record({ action: 'invoice.remind', target: `invoice:${invoiceId}`, data: { reminderId: row.id, number: inv.number, amountDue: inv.amountDue } })
  return { id: row.id, invoiceId, number: inv.number, to: contact.email, sentAt: row.sentAt, sentBy: sender }
}
