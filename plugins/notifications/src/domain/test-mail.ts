/**
 * The settings screen's test send: the test template in the tenant's layout, sent at once (not queued) to the given
 * address, answering with what the SMTP server said — or why it failed — so the admin sees the result on the spot.
 */
import type { TestSendResult } from '../contract/notifications-schemas.ts'
import type { NotificationsContext } from './notifications-config.ts'
import { brandOf, layout } from './mail-layout.ts'
import { sendSmtp, smtpSettings } from './smtp-transport.ts'
import { testTemplate } from '../templates/test-template.ts'
import { NOT_CONFIGURED } from './deliver-message.ts'

/** Sends the test e-mail to `to`. */
export async function sendTestMail(ctx: NotificationsContext, to: string): Promise<TestSendResult> {
  const cfg = ctx.config()
  const smtp = smtpSettings(ctx, cfg)
  if (!smtp.configured) return { ok: false, detail: NOT_CONFIGURED, messageId: null }
  const brand = brandOf(cfg)
  const rendered = testTemplate.render({ data: {}, secrets: {}, brand, recipient: { name: to, email: to }, timeZone: cfg.timeZone })
  const body = layout(rendered, brand, {})
  try {
    const answer = await sendSmtp(smtp, { to: { name: to, address: to }, subject: rendered.subject, text: body.text, html: body.html })
    return { ok: true, detail: answer.response || 'Accepted by the server', messageId: answer.messageId }
  } catch (err) {
    return { ok: false, detail: (err as Error).message, messageId: null }
  }
}
