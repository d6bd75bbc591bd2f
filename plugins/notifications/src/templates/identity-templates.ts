/**
 * The account e-mails (essential): an invitation with the set-password link, and a password reset. The link is a
 * message secret (sealed until sending, see `domain/secret-box.ts`).
 */
import type { NotificationTemplate } from '../contract/notification-templates.ts'
import { when } from '../domain/mail-format.ts'
import { simpleMail, hello, str } from './simple-mail.ts'

export const invitationTemplate: NotificationTemplate = {
  id: 'identity.invitation',
  title: 'Invitation',
  description: 'You were invited: set your password to sign in.',
  essential: true,
  render: ({ data, secrets, brand, recipient, timeZone }) => simpleMail({
    subject: `You're invited to ${brand.name}`,
    greeting: hello(recipient.name),
    paragraphs: [`${brand.name} has invited you to sign in to Tessera with ${recipient.email}. Choose a password to get started.`],
    action: { label: 'Set your password', href: secrets.link ?? '' },
    after: [`The link works once, until ${when(str(data, 'expiresAt'), timeZone)}. If you did not expect this invitation, ignore this e-mail.`],
  }),
}

export const passwordResetTemplate: NotificationTemplate = {
  id: 'identity.password-reset',
  title: 'Password reset',
  description: 'You asked to reset your password.',
  essential: true,
  render: ({ data, secrets, brand, recipient, timeZone }) => simpleMail({
    subject: `Reset your ${brand.name} password`,
    greeting: hello(recipient.name),
    paragraphs: [`Someone — hopefully you — asked to reset the password of ${recipient.email}.`],
    action: { label: 'Choose a new password', href: secrets.link ?? '' },
    after: [
      `The link works once, until ${when(str(data, 'expiresAt'), timeZone)}. Setting a new password signs you out everywhere else.`,
      'If you did not ask for this, ignore this e-mail: your password stays as it is.',
    ],
  }),
}
