/**
 * Booking e-mails (non-essential: each can be switched off): confirmed, moved, cancelled, reminder, released. Data is
 * the booking event's payload (`startsAt`, `endsAt`, `title`, and for a move `previous`).
 */
import type { NotificationTemplate, TemplateInput } from '../contract/notification-templates.ts'
import { span } from '../domain/mail-format.ts'
import { simpleMail, hello, str } from './simple-mail.ts'

const slot = ({ data, timeZone }: TemplateInput) => span(data.startsAt, data.endsAt, timeZone)
const titled = (input: TemplateInput) => (str(input.data, 'title') ? `“${str(input.data, 'title')}”, ` : '')
const myBookings = (input: TemplateInput) => (input.brand.appUrl ? { label: 'Your bookings', href: `${input.brand.appUrl}/my-bookings` } : undefined)

function bookingTemplate(id: string, title: string, description: string, words: (input: TemplateInput) => { subject: string; paragraph: string }): NotificationTemplate {
  return {
    id, title, description, essential: false,
    render(input) {
      const w = words(input)
      return simpleMail({ subject: w.subject, greeting: hello(input.recipient.name), paragraphs: [w.paragraph], action: myBookings(input) })
    },
  }
}

export const bookingTemplates: readonly NotificationTemplate[] = [
  bookingTemplate('bookings.confirmed', 'Booking confirmed', 'A booking was made for you.', (i) => ({
    subject: `Booking confirmed: ${slot(i)}`,
    paragraph: `Your booking ${titled(i)}${slot(i)}, at ${i.brand.name} is confirmed.`,
  })),
  bookingTemplate('bookings.moved', 'Booking moved', "A booking's time or room changed.", (i) => {
    const prev = (i.data.previous ?? {}) as Record<string, unknown>
    return {
      subject: `Booking moved to ${slot(i)}`,
      paragraph: `Your booking ${titled(i)}at ${i.brand.name} was moved from ${span(prev.startsAt, prev.endsAt, i.timeZone)} to ${slot(i)}.`,
    }
  }),
  bookingTemplate('bookings.cancelled', 'Booking cancelled', 'A booking was cancelled.', (i) => ({
    subject: `Booking cancelled: ${slot(i)}`,
    paragraph: `Your booking ${titled(i)}${slot(i)}, at ${i.brand.name} was cancelled.`,
  })),
  bookingTemplate('bookings.reminder', 'Booking reminder', 'Shortly before a booking starts.', (i) => ({
    subject: `Reminder: your booking ${slot(i)}`,
    paragraph: `A reminder of your booking ${titled(i)}${slot(i)}, at ${i.brand.name}. Remember to check in when you arrive.`,
  })),
  bookingTemplate('bookings.released', 'Booking released', 'A booking was released because nobody checked in.', (i) => ({
    subject: `Booking released: ${slot(i)}`,
    paragraph: `Nobody checked in for your booking ${titled(i)}${slot(i)}, at ${i.brand.name}, so it was released and the space is free for others.`,
  })),
]
