/**
 * Storage of the member's Wi-Fi password for display on their screen. With the kernel secret `wifi_password_key`
 * (`TESSERA_SECRET_WIFI_PASSWORD_KEY`) it is sealed with AES-256-GCM under a key derived from it, bound to the
 * person (`v1:` rows); without it it is stored as it is (`plain:` rows, the README says so). RADIUS never reads this:
 * it reads the NT hash in `wifi_radius.nt_passwords`.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import type { WifiContext } from './wifi-config.ts'

const SECRET_NAME = 'wifi_password_key'

function keyOf(ctx: WifiContext): Buffer | undefined {
  const raw = ctx.secret(SECRET_NAME)
  return raw ? createHash('sha256').update(`tessera/wifi/password-box/v1\n${raw}`).digest() : undefined
}

/** Seals `password` of `personId` for the `credentials.password_box` column. */
export function sealPassword(ctx: WifiContext, password: string, personId: string): string {
  const key = keyOf(ctx)
  if (!key) return `plain:${password}`
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(personId))
  const body = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()])
  return `v1:${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${body.toString('base64url')}`
}

/** Opens a sealed password; throws when the key is missing or wrong. */
export function openPassword(ctx: WifiContext, box: string, personId: string): string {
  if (box.startsWith('plain:')) return box.slice(6)
  if (!box.startsWith('v1:')) throw new Error('unknown password box format')
  const key = keyOf(ctx)
  if (!key) throw new Error(`the Wi-Fi password is sealed but the kernel secret "${SECRET_NAME}" is not configured`)
  const [iv, tag, body] = box.slice(3).split('.').map((p) => Buffer.from(p, 'base64url'))
  const decipher = createDecipheriv('aes-256-gcm', key, iv!)
  decipher.setAAD(Buffer.from(personId))
  decipher.setAuthTag(tag!)
  return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8')
}
