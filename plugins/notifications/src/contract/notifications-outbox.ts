/**
 * `notifications.outbox`: queue an e-mail from another plugin (with a template of its own, registered on
 * `notifications.templates`, or a built-in one). The message is stored and sent by a job with retry; the same `key`
 * for the same template and recipient is queued once, so a redelivered event never mails twice.
 */
import { defineServiceRef } from '@tessera/sdk'

/** Who receives a message: a person of members, a user of the tenant, or an address. @public */
export type NotificationRecipient = { personId: string } | { userId: string } | { email: string; name?: string }

/** A message to queue. @public */
export interface OutboxMessage {
  /** A template id (built-in or registered on `notifications.templates`). */
  template: string
  /** Who receives it. */
  to: NotificationRecipient
  /** What the template renders from (at most 16 kB as JSON; no secrets). */
  data?: Record<string, unknown>
  /** Idempotency key chosen by the caller (e.g. its event id), 1–200 characters. */
  key: string
}

/** What {@link NotificationsOutbox.send} did. @public */
export interface OutboxResult {
  /**
   * `queued`: stored and about to be sent; `duplicate`: this key was queued before; `no-address`: the recipient has no
   * e-mail; `opted-out`: a non-essential template the recipient switched off (recorded, not sent); `not-enabled`: the
   * tenant has not enabled notifications (nothing stored).
   */
  outcome: 'queued' | 'duplicate' | 'no-address' | 'opted-out' | 'not-enabled'
  /** The stored message's id (null for `no-address` and `not-enabled`). */
  messageId: string | null
}

/** The outbox. Every call runs on the caller's tenant transaction (a rolled-back caller queues nothing). @public */
export interface NotificationsOutbox {
  /** Queues a message; throws a `RangeError` for an unknown template or an oversized key or data. */
  send(message: OutboxMessage): Promise<OutboxResult>
}

/** The ref of {@link NotificationsOutbox} (`consumes: [notificationsOutbox]`, `dependsOn: { notifications: '^1.0.0' }`). @public */
export const notificationsOutbox = defineServiceRef<NotificationsOutbox>({ plugin: 'notifications', id: 'outbox', version: '^1.0.0' })
