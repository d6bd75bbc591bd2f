/**
 * The visitor e-mail (non-essential): the host learns their visitor checked in at the front desk. Data is the
 * `visitors.visitor.arrived` payload (`name`, `company`, `badgeNumber`, `arrivedAt`).
 */
import type { NotificationTemplate } from '../contract/notification-templates.ts'
import { when } from '../domain/mail-format.ts'
import { simpleMail, hello, str } from './simple-mail.ts'

export const visitorArrivedTemplate: NotificationTemplate = {
  id: 'visitors.arrived',
  title: 'Visitor arrived',
  description: 'Your visitor checked in at the front desk.',
  essential: false,
  render: ({ data, brand, recipient, timeZone }) => {
    const who = `${str(data, 'name')}${str(data, 'company') ? ` (${str(data, 'company')})` : ''}`
    return simpleMail({
      subject: `${str(data, 'name')} has arrived`,
      greeting: hello(recipient.name),
      paragraphs: [`Your visitor ${who} checked in at ${brand.name} at ${when(str(data, 'arrivedAt'), timeZone)} and wears badge ${String(data.badgeNumber ?? '')}.`],
    })
  },
}
