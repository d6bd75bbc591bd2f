/**
 * Queuing an e-mail: resolve the recipient, render the subject, seal the secrets, store the message under its
 * idempotency key `<key>:<template>:<recipient address>` — a second delivery of the same event finds the key and
 * queues nothing — and enqueue the `deliver` job on the same transaction. A non-essential template the recipient
 * switched off is stored as `skipped` (visible in the log) and not sent.
 */
import type { OutboxResult } from '../contract/notifications-outbox.ts'
import type { NotificationsContext } from './notifications-config.ts'
import { registryOf } from './registry-of.ts'
import { resolveRecipient } from './recipients.ts'
import type { RecipientRef } from './recipients.ts'
import { recipientReceives } from './preferences.ts'
import { brandOf } from './mail-layout.ts'
import { sealSecrets } from './secret-box.ts'
import { insertMessage } from '../store/messages-store.ts'

/** A message to queue. */
export interface MessageToQueue {
  /** The source's idempotency part (an event id, `reminder:<booking>:<revision>`, …). */
  key: string
  template: string
  to: RecipientRef
  data?: Record<string, unknown>
  /** Sealed until sending (e.g. `{ link }`); never stored or logged in plain text. */
  secrets?: Record<string, string>
}

/** The longest source key and stored data. */
export const MAX_KEY_LENGTH = 400
export const MAX_DATA_BYTES = 16_384

/** Queues `m`; throws a `RangeError` for an unknown template, an oversized key or data. */
export async function queueMessage(ctx: NotificationsContext, m: MessageToQueue): Promise<OutboxResult> {
  const registered = registryOf(ctx).get(m.template)
  if (!registered) throw new RangeError(`unknown notification template "${m.template}"`)
  if (m.key.length < 1 || m.key.length > MAX_KEY_LENGTH) throw new RangeError(`notification key must be 1–${MAX_KEY_LENGTH} characters`)
  const data = m.data ?? {}
  if (JSON.stringify(data).length > MAX_DATA_BYTES) throw new RangeError(`notification data must be at most ${MAX_DATA_BYTES} bytes of JSON`)
  const recipient = await resolveRecipient(ctx, m.to)
  if (!recipient) return { outcome: 'no-address', messageId: null }
  const { template } = registered
  const key = `${m.key}:${template.id}:${recipient.email.toLowerCase()}`
  const cfg = ctx.config()
  const secrets = m.secrets ?? {}
  const subject = template.render({ data, secrets, brand: brandOf(cfg), recipient, timeZone: cfg.timeZone }).subject
  const receives = await recipientReceives(ctx.db, template, recipient.email)
  const id = await insertMessage(ctx.db, {
    key, template: template.id, essential: template.essential, email: recipient.email, name: recipient.name, userId: recipient.userId,
    subject, data, secretBox: sealSecrets(ctx, secrets, key), skipped: receives ? undefined : 'Switched off by the recipient',
  })
  if (!id) {
    const existing = await ctx.db.one<{ id: string }>('SELECT id FROM notifications.messages WHERE idempotency_key = $1', [key])
    return { outcome: 'duplicate', messageId: existing?.id ?? null }
  }
  if (!receives) return { outcome: 'opted-out', messageId: id }
  await ctx.jobs.send('deliver', { messageId: id })
  return { outcome: 'queued', messageId: id }
}
