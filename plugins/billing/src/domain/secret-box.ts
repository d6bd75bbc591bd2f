/**
 * Sealing of the tenant's payment secrets (Stripe secret key, webhook signing secret) for `billing.stripe_accounts`:
 * the SDK's secret box (AES-256-GCM) under a key derived from the kernel secret `billing_key`
 * (`TESSERA_SECRET_BILLING_KEY`), bound to the tenant id and the field (a box copied to another tenant or column does
 * not open). Without that kernel secret nothing is stored: saving keys is a 409 that says which secret to configure,
 * so a payment secret is never written in plain text.
 */
import { problem, secretBox, SecretBoxError, type SecretBox } from '@tessera/sdk'
import type { BillingContext } from './billing-config.ts'

/** The kernel secret the key is derived from. */
export const BILLING_KEY_SECRET = 'billing_key'

function boxOf(ctx: BillingContext): SecretBox | undefined {
  const secret = ctx.secret(BILLING_KEY_SECRET)
  return secret ? secretBox({ secret, purpose: 'tessera/billing/secret-box/v1' }) : undefined
}

/** Seals `text` for `aad` (tenant id and field); 409 when the kernel secret is missing. */
export function seal(ctx: BillingContext, text: string, aad: string): string {
  const box = boxOf(ctx)
  if (!box) throw problem.conflict(`Payment keys cannot be stored: the operator has not configured the kernel secret "${BILLING_KEY_SECRET}" (TESSERA_SECRET_BILLING_KEY).`)
  return box.seal(text, aad)
}

/** Opens a sealed box, or undefined when it cannot be opened (no key, another key, moved box). */
export function open(ctx: BillingContext, sealed: string, aad: string): string | undefined {
  try {
    return boxOf(ctx)?.open(sealed, aad)
  } catch (e) {
    if (e instanceof SecretBoxError) return undefined
    throw e
  }
}
