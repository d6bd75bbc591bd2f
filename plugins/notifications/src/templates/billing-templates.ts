/**
 * Billing e-mails (essential): an invoice or credit note issued, with its PDF attached (billing's
 * `billingInvoices.pdf`, fetched when the message is sent); a declined payment at each dunning step (a retry date, or
 * the last attempt); the membership suspended when dunning gave up. Data is taken from billing's events and the
 * invoice (`number`, `kind`, `total`, `amountDue`, `currency`, `dueOn`, `attempt`, `nextAttemptAt`).
 */
import { billingInvoices, formatMoney } from '@tessera/plugin-billing/contract'
import type { MailAttachment, NotificationTemplate, TemplateInput } from '../contract/notification-templates.ts'
import type { NotificationsContext } from '../domain/notifications-config.ts'
import { when } from '../domain/mail-format.ts'
import { simpleMail, hello, str } from './simple-mail.ts'

const amount = (data: Record<string, unknown>, key: string) =>
  typeof data[key] === 'number' && str(data, 'currency') ? formatMoney(data[key] as number, str(data, 'currency')) : ''
const myInvoices = (i: TemplateInput) => (i.brand.appUrl ? { label: 'Your invoices', href: `${i.brand.appUrl}/billing/my-invoices` } : undefined)

/** The billing templates; the PDF comes through `ctx` (billing is an optional dependency). */
export function billingTemplates(ctx: NotificationsContext): readonly NotificationTemplate[] {
  return [
    {
      id: 'billing.invoice-issued',
      title: 'Invoice issued',
      description: 'An invoice or credit note was issued (PDF attached).',
      essential: true,
      render: (i) => {
        const credit = i.data.kind === 'credit_note'
        const what = credit ? 'credit note' : 'invoice'
        const due = str(i.data, 'dueOn')
        return simpleMail({
          subject: `${credit ? 'Credit note' : 'Invoice'} ${str(i.data, 'number')} from ${i.brand.name}`,
          greeting: hello(i.recipient.name),
          paragraphs: [
            `${i.brand.name} issued ${what} ${str(i.data, 'number')} of ${amount(i.data, 'total')}.${!credit && due ? ` It is due on ${due}.` : ''}`,
            `The ${what} is attached as a PDF.`,
          ],
          action: myInvoices(i),
        })
      },
      async attachments(data): Promise<MailAttachment[]> {
        const invoices = ctx.services.optional(billingInvoices)
        if (!invoices) throw new Error('billing is not running: the invoice PDF cannot be attached')
        const pdf = await invoices.pdf(String(data.invoiceId))
        if (!pdf) throw new Error(`invoice ${String(data.invoiceId)} not found: the PDF cannot be attached`)
        return [{ filename: pdf.filename, contentType: 'application/pdf', content: pdf.content }]
      },
    },
    {
      id: 'billing.payment-failed',
      title: 'Payment failed',
      description: 'A payment was declined (each dunning step).',
      essential: true,
      render: (i) => {
        const next = str(i.data, 'nextAttemptAt')
        const dunning = typeof i.data.attempt === 'number'
        const step = !dunning
          ? 'Please try again or use another card.'
          : next
            ? `This was attempt ${i.data.attempt}. We will try again on ${when(next, i.timeZone)}; please make sure your card can be charged.`
            : `This was the last attempt (${i.data.attempt}). Please pay now to keep your membership active.`
        return simpleMail({
          subject: `Payment failed for invoice ${str(i.data, 'number')}`,
          greeting: hello(i.recipient.name),
          paragraphs: [`We could not charge ${amount(i.data, 'amountDue')} for invoice ${str(i.data, 'number')} at ${i.brand.name}.`, step],
          action: myInvoices(i),
        })
      },
    },
    {
      id: 'billing.membership-suspended',
      title: 'Membership suspended',
      description: 'Payment attempts failed and the membership was suspended.',
      essential: true,
      render: (i) => simpleMail({
        subject: `Your ${i.brand.name} membership is suspended`,
        greeting: hello(i.recipient.name),
        paragraphs: [
          `We could not collect the payment of invoice ${str(i.data, 'number')} after several attempts, so your membership is suspended.`,
          'Pay the open invoice or contact the front desk to reactivate it.',
        ],
        action: myInvoices(i),
      }),
    },
  ]
}
