/** The test e-mail of the settings screen (essential: it reaches an address that switched everything off). */
import type { NotificationTemplate } from '../contract/notification-templates.ts'
import { simpleMail } from './simple-mail.ts'

export const testTemplate: NotificationTemplate = {
  id: 'notifications.test',
  title: 'Test e-mail',
  description: 'Sent from the e-mail settings to check the SMTP settings.',
  essential: true,
  render: ({ brand }) => simpleMail({
    subject: `Test e-mail from ${brand.name}`,
    greeting: 'Hello,',
    paragraphs: [`This is a test e-mail from ${brand.name}'s Tessera. If you can read it, the SMTP settings work.`],
  }),
}
