/**
 * The kernel's identity messages (`onIdentityMessage`) → the invitation and password-reset e-mails. The link is a
 * message secret: sealed in the message row until it is sent (`domain/secret-box.ts`), never in the data or a job.
 * The key is the message id (the token's id), so the same link is mailed once.
 */
import type { IdentityMessage } from '@tessera/sdk'
import type { NotificationsContext } from '../domain/notifications-config.ts'
import { queueMessage } from '../domain/queue-message.ts'

/** Queues the e-mail of an identity message. */
export async function onIdentityMessage(ctx: NotificationsContext, message: IdentityMessage): Promise<void> {
  await queueMessage(ctx, {
    key: `identity:${message.id}`,
    template: message.kind === 'invitation' ? 'identity.invitation' : 'identity.password-reset',
    to: { email: message.user.email, name: message.user.name },
    data: { userId: message.user.id, expiresAt: message.expiresAt },
    secrets: { link: message.link },
  })
}
