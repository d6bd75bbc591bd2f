/**
 * The `deliver` job: sends one stored message over SMTP, in the message's tenant transaction with the row locked.
 * A message that is no longer pending (sent, failed, skipped) is left alone, so a redelivered job never mails twice.
 * Without SMTP settings it is `skipped` ("not configured") — the booking or invoice that caused it is unaffected.
 * Each attempt is recorded; a transient failure (unreachable, timeout, 4xx, an attachment that could not be made)
 * re-enqueues the job after `retry.baseDelaySeconds × 2^(attempts − 1)` (at most an hour) until `retry.maxAttempts`,
 * then the message is `failed` with the last error; a 5xx answer fails it at once. Non-essential mail carries
 * `List-Unsubscribe` (the signed one-click link) and `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058)
 * when the config has an `appUrl`. The rare window left: the server accepted the message and the commit then failed —
 * the retry sends it again (at least once).
 */
import type { NotificationsContext } from './notifications-config.ts'
import type { MailAttachment } from '../contract/notification-templates.ts'
import { registryOf } from './registry-of.ts'
import { recipientReceives } from './preferences.ts'
import { brandOf, layout } from './mail-layout.ts'
import type { LayoutLinks } from './mail-layout.ts'
import { openSecrets } from './secret-box.ts'
import { smtpSettings, sendSmtp, SmtpError } from './smtp-transport.ts'
import { unsubscribeToken, unsubscribeUrl } from './unsubscribe-token.ts'
import { unsubscribeKey } from '../store/signing-keys-store.ts'
import { getQueuedMessage, markAttemptFailed, markSent, markSkipped } from '../store/messages-store.ts'

/** The reason stored on a message that was not sent because SMTP is not configured. */
export const NOT_CONFIGURED = 'Not configured: SMTP has no host or from address (notifications config)'

/** The seconds before retry `attempt` (1-based). */
export function retryDelaySeconds(baseDelaySeconds: number, attempt: number): number {
  return Math.min(3600, baseDelaySeconds * 2 ** Math.max(0, attempt - 1))
}

/** Sends the message `messageId` if it is pending. */
export async function deliverMessage(ctx: NotificationsContext, messageId: string): Promise<void> {
  const m = await getQueuedMessage(ctx.db, messageId)
  if (!m || m.state !== 'pending') return
  const registered = registryOf(ctx).get(m.template)
  if (!registered) return markAttemptFailed(ctx.db, m.id, `The template "${m.template}" is not registered any more`, null)
  const { template } = registered
  if (!(await recipientReceives(ctx.db, template, m.recipientEmail))) return markSkipped(ctx.db, m.id, 'Switched off by the recipient')
  const cfg = ctx.config()
  const smtp = smtpSettings(ctx, cfg)
  if (!smtp.configured) {
    ctx.log.info({ messageId: m.id, template: m.template }, 'e-mail not sent: SMTP is not configured')
    return markSkipped(ctx.db, m.id, NOT_CONFIGURED)
  }
  let secrets: Record<string, string>
  try {
    secrets = openSecrets(ctx, m.secretBox, m.key)
  } catch (err) {
    return markAttemptFailed(ctx.db, m.id, `Cannot be sent: ${(err as Error).message}`, null)
  }
  const brand = brandOf(cfg)
  const recipient = { name: m.recipientName ?? m.recipientEmail, email: m.recipientEmail }
  const rendered = template.render({ data: m.data, secrets, brand, recipient, timeZone: cfg.timeZone })
  const links: LayoutLinks = {}
  const headers: Record<string, string> = {}
  if (!template.essential && brand.appUrl) {
    links.unsubscribeUrl = unsubscribeUrl(brand.appUrl, ctx.tenant().id, unsubscribeToken(await unsubscribeKey(ctx.db), ctx.tenant().id, m.recipientEmail))
    links.preferencesUrl = `${brand.appUrl}/notifications/preferences`
    headers['List-Unsubscribe'] = `<${links.unsubscribeUrl}>`
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click'
  }
  const body = layout(rendered, brand, links)
  const attempt = m.attempts + 1
  const retryIn = attempt >= cfg.retry.maxAttempts ? null : retryDelaySeconds(cfg.retry.baseDelaySeconds, attempt)
  let attachments: MailAttachment[] = []
  try {
    attachments = (await template.attachments?.(m.data)) ?? []
  } catch (err) {
    return failed(ctx, m.id, `Attachment: ${(err as Error).message}`, retryIn)
  }
  try {
    const answer = await sendSmtp(smtp, {
      to: { name: recipient.name, address: recipient.email }, subject: rendered.subject, text: body.text, html: body.html, headers, attachments,
    })
    await markSent(ctx.db, m.id, answer.messageId, rendered.subject)
  } catch (err) {
    const permanent = err instanceof SmtpError && err.permanent
    await failed(ctx, m.id, (err as Error).message, permanent ? null : retryIn)
  }
}

async function failed(ctx: NotificationsContext, id: string, error: string, retryIn: number | null): Promise<void> {
  ctx.log.warn({ messageId: id, retryIn, err: error }, 'e-mail not sent')
  await markAttemptFailed(ctx.db, id, error, retryIn)
  if (retryIn !== null) await ctx.jobs.send('deliver', { messageId: id }, { startAfter: retryIn })
}
