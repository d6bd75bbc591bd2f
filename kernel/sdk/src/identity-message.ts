/**
 * Messages about a user's account that the kernel hands to plugins to deliver. Identity is the kernel's, but the
 * kernel sends no e-mail: when it issues a single-use set-password link — to a new user invited with
 * `ctx.identity.invite` (no password yet), or to a user who asked for a password reset — it calls
 * `PluginDefinition.onIdentityMessage` of every running plugin the tenant has enabled (a notifications plugin mails it).
 */
import type { IdentityUser } from './plugin-context.ts'

/** What an identity message is about. @public */
export type IdentityMessageKind = 'invitation' | 'password-reset'

/**
 * A set-password link to deliver to `user`. `link` carries a bearer secret (the token is stored only as its hash):
 * never store, log or publish it in plain text — seal it (AES-GCM) if it must wait in a job or a table. @public
 */
export interface IdentityMessage {
  /** Unique id of this message (the token's id): stable for one link, use it in idempotency keys. */
  id: string
  /** `invitation`: a new user was invited and sets their first password; `password-reset`: the user asked to reset it. */
  kind: IdentityMessageKind
  /** Who the link is for. */
  user: IdentityUser
  /** Absolute URL of the shell's set-password page (`…/set-password?token=…`), usable once. */
  link: string
  /** When the link stops working (ISO 8601): 7 days after an invitation, 1 hour after a reset request. */
  expiresAt: string
}
