/**
 * `notifications.outbox` for other plugins: queues a message on the caller's transaction under the key
 * `outbox:<key>` — but only in a tenant that has notifications enabled (`ctx.withTenant` joins the caller's
 * transaction after checking it); elsewhere the outcome is `not-enabled` and nothing is stored.
 */
import { ProblemError } from '@tessera/sdk'
import type { NotificationsOutbox } from '../contract/notifications-outbox.ts'
import type { NotificationsContext } from './notifications-config.ts'
import { queueMessage } from './queue-message.ts'

/** The outbox service of `ctx`. */
export function outboxService(ctx: NotificationsContext): NotificationsOutbox {
  return {
    async send(m) {
      try {
        return await ctx.withTenant(ctx.tenant().id, () => queueMessage(ctx, { key: `outbox:${m.key}`, template: m.template, to: m.to, data: m.data }), ctx.actor())
      } catch (err) {
        if (err instanceof ProblemError && err.status === 404) return { outcome: 'not-enabled', messageId: null }
        throw err
      }
    },
  }
}
