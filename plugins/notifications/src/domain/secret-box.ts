/**
 * Sealing a message's secrets (a set-password link) while it waits to be sent: the SDK's secret box (AES-256-GCM)
 * under a key derived from the kernel secret `notifications_key` (`TESSERA_SECRET_NOTIFICATIONS_KEY`), with the
 * message's idempotency key as associated data (a box moved to another row does not open). Without that secret the
 * key is random per process (`p1:` boxes) and logged once as a warning: links are still never stored in plain text,
 * but a message whose sealed link outlives a restart fails with "sealed by an earlier process" (the person asks for a
 * new link) — configure the secret in production.
 */
import { randomBytes } from 'node:crypto'
import { secretBox, type SecretBox } from '@tessera/sdk'
import type { NotificationsContext } from './notifications-config.ts'

const SECRET_NAME = 'notifications_key'
const PURPOSE = 'tessera/notifications/secret-box/v1'
const processBox = secretBox({ secret: randomBytes(32).toString('base64url'), purpose: PURPOSE, version: 'p1' })
let warned = false

function boxOf(ctx: NotificationsContext): SecretBox {
  const secret = ctx.secret(SECRET_NAME)
  if (secret) return secretBox({ secret, purpose: PURPOSE })
  if (!warned) {
    warned = true
    ctx.log.warn(`kernel secret "${SECRET_NAME}" is not configured: message secrets are sealed with a per-process key and do not survive a restart`)
  }
  return processBox
}

/** Seals `secrets` (JSON) for the row with idempotency key `aad`; null when there are none. */
export function sealSecrets(ctx: NotificationsContext, secrets: Record<string, string>, aad: string): string | null {
  if (Object.keys(secrets).length === 0) return null
  return boxOf(ctx).seal(JSON.stringify(secrets), aad)
}

/** Opens a sealed box; throws with a reason a person can act on when it cannot be opened. */
export function openSecrets(ctx: NotificationsContext, box: string | null, aad: string): Record<string, string> {
  if (!box) return {}
  const sealer = boxOf(ctx)
  const boxVersion = box.split(':', 1)[0]
  if (boxVersion !== sealer.version) {
    throw new Error(boxVersion === 'p1'
      ? 'its link was sealed by an earlier process without the kernel secret notifications_key; ask for a new link'
      : `its link was sealed with the kernel secret ${SECRET_NAME}, which is not configured now`)
  }
  return JSON.parse(sealer.open(box, aad)) as Record<string, string>
}
