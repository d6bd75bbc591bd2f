/**
 * Sealing of the tenant's payment secrets (Stripe secret key, webhook signing secret) for `billing.stripe_accounts`:
 * AES-256-GCM under a key derived from the kernel secret `billing_key` (`TESSERA_SECRET_BILLING_KEY`), bound to the
 * tenant id and the field (a box copied to another tenant or column does not open) — the same scheme as the other
 * plugins' boxes (xero's token box, access's). Without that kernel secret nothing is stored: saving keys is a 409
 * that says which secret to configure, so a payment secret is never written in plain text.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { problem } from '@tessera/sdk'
import type { BillingContext } from './billing-config.ts'

/** The kernel secret the key is derived from. */
export const BILLING_KEY_SECRET = 'billing_key'

function keyOf(ctx: BillingContext): Buffer | undefined {
  const raw = ctx.secret(BILLING_KEY_SECRET)
  return raw ? createHash('sha256').update(`tessera/billing/secret-box/v1\n${raw}`).digest() : undefined
}

/** Seals `text` for `aad` (tenant id and field); 409 when the kernel secret is missing. */
export function seal(ctx: BillingContext, text: string, aad: string): string {
  const key = keyOf(ctx)
  if (!key) throw problem.conflict(`Payment keys cannot be stored: the operator has not configured the kernel secret "${BILLING_KEY_SECRET}" (TESSERA_SECRET_BILLING_KEY).`)
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(aad))
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
  return `v1:${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${body.toString('base64url')}`
}

/** Opens a sealed box, or undefined when it cannot be opened (no key, another key, moved box). */
export function open(ctx: BillingContext, box: string, aad: string): string | undefined {
  const key = keyOf(ctx)
  if (!key || !box.startsWith('v1:')) return undefined
  try {
    const [iv, tag, body] = box.slice(3).split('.').map((p) => Buffer.from(p, 'base64url'))
    const decipher = createDecipheriv('aes-256-gcm', key, iv!).setAAD(Buffer.from(aad))
    decipher.setAuthTag(tag!)
    return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8')
  } catch {
    return undefined
  }
}
