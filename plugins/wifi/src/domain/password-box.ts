/**
 * Storage of the member's Wi-Fi password for display on their screen. With the kernel secret `wifi_password_key`
 * (`TESSERA_SECRET_WIFI_PASSWORD_KEY`) it is sealed in the SDK's secret box (AES-256-GCM), bound to the person (`v1:`
 * rows); without it it is stored as it is (`plain:` rows, the README says so). RADIUS never reads this: it reads the
 * NT hash in `wifi_radius.nt_passwords`.
 */
import { secretBox, type SecretBox } from '@tessera/sdk'
import type { WifiContext } from './wifi-config.ts'

const SECRET_NAME = 'wifi_password_key'

function boxOf(ctx: WifiContext): SecretBox | undefined {
  const secret = ctx.secret(SECRET_NAME)
  return secret ? secretBox({ secret, purpose: 'tessera/wifi/password-box/v1' }) : undefined
}

/** Seals `password` of `personId` for the `credentials.password_box` column. */
export function sealPassword(ctx: WifiContext, password: string, personId: string): string {
  return boxOf(ctx)?.seal(password, personId) ?? `plain:${password}`
}

/** Opens a sealed password; throws when the key is missing or wrong. */
export function openPassword(ctx: WifiContext, box: string, personId: string): string {
  if (box.startsWith('plain:')) return box.slice(6)
  const sealer = boxOf(ctx)
  if (!sealer) throw new Error(`the Wi-Fi password is sealed but the kernel secret "${SECRET_NAME}" is not configured`)
  return sealer.open(box, personId)
}
