/**
 * Reminder events (`billing.invoice.reminded`): staff asked billing to remind a payer of an open invoice now, outside
 * the automatic dunning schedule. The notifications plugin mails the payer on it (once per `reminderId`).
 *
 * A separate event rather than `billing.payment.failed` with a "manual" step: no charge was attempted, so there is no
 * decline code and no dunning attempt, and subscribers of `payment.failed` (the decline mail, anything counting
 * declines) must not take a reminder for a declined card.
 */
import { defineEvent } from '@tessera/sdk'
import type { PayloadOf } from '@tessera/sdk'
import { eventAmount, eventDate, eventPayerType, eventUuid } from './event-schemas.ts'

/**
 * Staff sent a payment reminder for an issued invoice with something due. `reminderId` identifies this reminder (the
 * natural key of the mail it causes); `amountDue` and `dueOn` are the invoice's at the time. @public
 */
export const invoiceReminded = defineEvent({
  name: 'billing.invoice.reminded',
  description: 'Staff sent a payment reminder for an open invoice; the payer is to be mailed',
  ui: { permission: 'billing.read', fields: ['reminderId', 'invoiceId', 'sentAt'] },
  schema: {
    type: 'object', additionalProperties: false,
    required: ['reminderId', 'invoiceId', 'number', 'payerType', 'payerId', 'amountDue', 'currency', 'dueOn', 'sentAt'],
    properties: {
      reminderId: eventUuid, invoiceId: eventUuid, number: { type: 'string', maxLength: 40 }, payerType: eventPayerType, payerId: eventUuid,
      amountDue: eventAmount, currency: { type: 'string', minLength: 3, maxLength: 3 }, dueOn: eventDate,
      sentAt: { type: 'string', format: 'date-time', maxLength: 35 },
    },
  },
})
/** Payload of {@link invoiceReminded}. @public */
export type InvoiceReminded = PayloadOf<typeof invoiceReminded>
