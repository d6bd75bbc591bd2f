/**
 * Sealing of a tenant's Xero token set for `xero.connections.token_box`. With the kernel secret `xero_token_key`
 * (`TESSERA_SECRET_XERO_TOKEN_KEY`) tokens are sealed with AES-256-GCM under a key derived from it, bound to the
 * tenant id (`v1:` rows: a row copied to another tenant does not open); without it they are stored as they are
 * (`plain:` rows — the README says to configure the key in production). Both kinds stay readable.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import type { XeroContext } from './xero-config.ts'
import type { XeroTokenSet } from './xero-identity.ts'

const SECRET_NAME = 'xero_token_key'

function keyOf(ctx: XeroContext): Buffer | undefined {
  const raw = ctx.secret(SECRET_NAME)
  return raw ? createHash('sha256').update(`tessera/xero/token-box/v1\n${raw}`).digest() : undefined
}

/** Seals a token set. */
export function sealTokens(ctx: XeroContext, tokens: XeroTokenSet, tenantId: string): string {
  const text = JSON.stringify(tokens)
  const key = keyOf(ctx)
  if (!key) return `plain:${text}`
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(tenantId))
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
  return `v1:${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${body.toString('base64url')}`
}

/** Opens a sealed token set; throws when the key is missing or wrong. */
export function openTokens(ctx: XeroContext, box: string, tenantId: string): XeroTokenSet {
  if (box.startsWith('plain:')) return JSON.parse(box.slice(6)) as XeroTokenSet
  if (!box.startsWith('v1:')) throw new Error('unknown token box format')
  const key = keyOf(ctx)
  if (!key) throw new Error(`Xero tokens are sealed but the kernel secret "${SECRET_NAME}" is not configured`)
  const [iv, tag, body] = box.slice(3).split('.').map((p) => Buffer.from(p, 'base64url'))
  const decipher = createDecipheriv('aes-256-gcm', key, iv)
  decipher.setAAD(Buffer.from(tenantId))
  decipher.setAuthTag(tag)
  return JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')) as XeroTokenSet
}
