/**
 * Sealing a message's secrets (a set-password link) while it waits to be sent: AES-256-GCM under a key derived from
 * the kernel secret `notifications_key` (`TESSERA_SECRET_NOTIFICATIONS_KEY`), with the message's idempotency key as
 * associated data (a box moved to another row does not open). Without that secret the key is random per process and
 * logged once as a warning: links are still never stored in plain text, but a message whose sealed link outlives a
 * restart fails with "sealed by an earlier process" (the person asks for a new link) — configure the secret in
 * production.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import type { NotificationsContext } from './notifications-config.ts'

const SECRET_NAME = 'notifications_key'
const processKey = randomBytes(32)
let warned = false

function keyOf(ctx: NotificationsContext): { key: Buffer; version: 'v1' | 'p1' } {
  const raw = ctx.secret(SECRET_NAME)
  if (raw) return { key: createHash('sha256').update(`tessera/notifications/secret-box/v1\n${raw}`).digest(), version: 'v1' }
  if (!warned) {
    warned = true
    ctx.log.warn(`kernel secret "${SECRET_NAME}" is not configured: message secrets are sealed with a per-process key and do not survive a restart`)
  }
  return { key: processKey, version: 'p1' }
}

/** Seals `secrets` (JSON) for the row with idempotency key `aad`; null when there are none. */
export function sealSecrets(ctx: NotificationsContext, secrets: Record<string, string>, aad: string): string | null {
  if (Object.keys(secrets).length === 0) return null
  const { key, version } = keyOf(ctx)
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(aad))
  const body = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()])
  return `${version}:${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${body.toString('base64url')}`
}

/** Opens a sealed box; throws with a reason a person can act on when it cannot be opened. */
export function openSecrets(ctx: NotificationsContext, box: string | null, aad: string): Record<string, string> {
  if (!box) return {}
  const { key, version } = keyOf(ctx)
  const [boxVersion, rest = ''] = box.split(':', 2)
  if (boxVersion !== version) {
    throw new Error(boxVersion === 'p1'
      ? 'its link was sealed by an earlier process without the kernel secret notifications_key; ask for a new link'
      : `its link was sealed with the kernel secret ${SECRET_NAME}, which is not configured now`)
  }
  const [iv, tag, body] = rest.split('.').map((p) => Buffer.from(p, 'base64url'))
  const decipher = createDecipheriv('aes-256-gcm', key, iv!)
  decipher.setAAD(Buffer.from(aad))
  decipher.setAuthTag(tag!)
  return JSON.parse(Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8')) as Record<string, string>
}
