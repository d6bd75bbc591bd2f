/**
 * The payment reminder (essential): staff reminded the payer of an open invoice outside the dunning schedule
 * (billing's `billing.invoice.reminded`). Data from the event: `number`, `amountDue`, `currency`, `dueOn` (a day,
 * `YYYY-MM-DD`) — an overdue invoice "was due on", one not yet due "is due on".
 */
import { formatMoney } from '@tessera/plugin-billing/contract'
import type { NotificationTemplate } from '../contract/notification-templates.ts'
import { simpleMail, hello, str } from './simple-mail.ts'

/** `billing.payment-reminder`. */
export const paymentReminderTemplate: NotificationTemplate = {
  id: 'billing.payment-reminder',
  title: 'Payment reminder',
  description: 'Staff sent a reminder of an open invoice.',
  essential: true,
  render: (i) => {
    const number = str(i.data, 'number')
    const currency = str(i.data, 'currency')
    const amount = typeof i.data.amountDue === 'number' && currency ? formatMoney(i.data.amountDue, currency) : ''
    const dueOn = str(i.data, 'dueOn')
    const overdue = dueOn !== '' && dueOn < new Date().toISOString().slice(0, 10)
    return simpleMail({
      subject: `Payment reminder: invoice ${number} from ${i.brand.name}`,
      greeting: hello(i.recipient.name),
      paragraphs: [
        `This is a reminder that ${amount} is still due on invoice ${number} from ${i.brand.name}${dueOn ? `, which ${overdue ? 'was' : 'is'} due on ${dueOn}` : ''}.`,
        'Please pay it at your earliest convenience. If you have paid in the last few days, thank you, and please ignore this message.',
      ],
      action: i.brand.appUrl ? { label: 'Your invoices', href: `${i.brand.appUrl}/billing/my-invoices` } : undefined,
    })
  },
}
