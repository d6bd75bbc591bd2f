/**
 * Sealing of a tenant's Xero token set for `xero.connections.token_box`. With the kernel secret `xero_token_key`
 * (`TESSERA_SECRET_XERO_TOKEN_KEY`) tokens are sealed in the SDK's secret box (AES-256-GCM), bound to the tenant id
 * (`v1:` rows: a row copied to another tenant does not open); without it they are stored as they are (`plain:` rows —
 * the README says to configure the key in production). Both kinds stay readable.
 */
import { secretBox, type SecretBox } from '@tessera/sdk'
import type { XeroContext } from './xero-config.ts'
import type { XeroTokenSet } from './xero-identity.ts'

const SECRET_NAME = 'xero_token_key'

function boxOf(ctx: XeroContext): SecretBox | undefined {
  const secret = ctx.secret(SECRET_NAME)
  return secret ? secretBox({ secret, purpose: 'tessera/xero/token-box/v1' }) : undefined
}

/** Seals a token set. */
export function sealTokens(ctx: XeroContext, tokens: XeroTokenSet, tenantId: string): string {
  const text = JSON.stringify(tokens)
  return boxOf(ctx)?.seal(text, tenantId) ?? `plain:${text}`
}

/** Opens a sealed token set; throws when the key is missing or wrong. */
export function openTokens(ctx: XeroContext, box: string, tenantId: string): XeroTokenSet {
  if (box.startsWith('plain:')) return JSON.parse(box.slice(6)) as XeroTokenSet
  const sealer = boxOf(ctx)
  if (!sealer) throw new Error(`Xero tokens are sealed but the kernel secret "${SECRET_NAME}" is not configured`)
  return JSON.parse(sealer.open(box, tenantId)) as XeroTokenSet
}
