/**
 * The `notifications.templates` extension point: how a plugin adds e-mails of its own. A template renders one kind of
 * message — subject, plain text and an HTML body (the plugin wraps both in the tenant's layout: name, logo, footer,
 * unsubscribe link) — from the data it was queued with. Essential templates (account, invoices, payment problems)
 * are sent whatever the recipient's preferences; the others can be switched off per person and by one-click
 * unsubscribe. Register with `extensions: [extend(notificationTemplates, () => [template, …])]` (and
 * `dependsOn: { notifications: '^1.0.0' }`); queue messages with the `notifications.outbox` service.
 */
import { defineExtensionPoint } from '@tessera/sdk'
import type { SafeHtml } from './mail-html.ts'

/** The tenant's look, from the notifications config. @public */
export interface NotificationBrand {
  /** The space's name, e.g. "Demo Coworking". */
  name: string
  /** Absolute URL of its logo (shown at the top of HTML mail), or null. */
  logoUrl: string | null
  /** Where people reach Tessera (links in mail), or null when not configured. */
  appUrl: string | null
}

/** What a template renders from. @public */
export interface TemplateInput {
  /** The data the message was queued with (what the template itself asked for; never secrets). */
  data: Record<string, unknown>
  /** Secret values of the message (e.g. a set-password link): kept sealed until sending, never logged. */
  secrets: Record<string, string>
  /** The tenant's name, logo and app URL. */
  brand: NotificationBrand
  /** Who receives it (name as stored, or the address when there is none). */
  recipient: { name: string; email: string }
  /** IANA time zone to show times in (the notifications config's `timeZone`). */
  timeZone: string
}

/** A rendered message: the subject, the plain-text body and the HTML body (the plugin adds the layout to both). @public */
export interface RenderedMail {
  /** The subject line. */
  subject: string
  /** The plain-text body (the layout adds the footer). */
  text: string
  /** The HTML body, built with `html` so values are escaped (the layout wraps it). */
  html: SafeHtml
}

/** A file attached to a message, produced when it is sent. @public */
export interface MailAttachment {
  /** The file name the recipient sees, e.g. `INV-2025-0001.pdf`. */
  filename: string
  /** MIME type, e.g. `application/pdf`. */
  contentType: string
  /** The bytes. */
  content: Uint8Array
}

/** One kind of e-mail. @public */
export interface NotificationTemplate {
  /** `<plugin>.<name>`, e.g. `bookings.confirmed` (`[a-z][a-z0-9-]*\.[a-z][a-z0-9.-]*`, at most 80 characters). */
  id: string
  /** Shown in preferences and the sent-mail log, e.g. "Booking confirmed". */
  title: string
  /** One sentence: when it is sent. */
  description: string
  /** Sent whatever the recipient's preferences (account, invoices, payment problems); no unsubscribe link. */
  essential: boolean
  /** Renders the message from its data; called when it is queued (for the subject) and when it is sent. Must not throw. */
  render(input: TemplateInput): RenderedMail
  /** Files to attach, fetched when the message is sent (in the tenant's transaction); a throw retries the send. */
  attachments?(data: Record<string, unknown>): Promise<MailAttachment[]>
}

/** The extension point other plugins register templates on. @public */
export const notificationTemplates = defineExtensionPoint<readonly NotificationTemplate[]>({ plugin: 'notifications', id: 'templates' })
