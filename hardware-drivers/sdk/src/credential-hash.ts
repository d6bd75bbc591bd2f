/**
 * Hashing of door credentials (PINs and card numbers) so that grant lists never carry them in clear. The hash is
 * HMAC-SHA256 keyed with a per-site secret key, not a slow password hash: a PIN has only 10^4–10^8 possible values,
 * so any hash whose salt sits next to it can be brute-forced offline in minutes however slow it is; the protection
 * has to come from a key the attacker does not have. A keyed MAC also gives the same hash for the same PIN at the
 * same site, which lets the agent look a typed PIN up in one step instead of trying it against every grant.
 */
import { createHmac, hkdfSync } from 'node:crypto'
import type { HmacSecret } from './hmac-signature.ts'

/** The credential types a door reader can present. */
export type CredentialType = 'pin' | 'card'

/**
 * Normalise a credential as typed or read: PINs lose whitespace; card numbers lose whitespace, `:` and `-` and are
 * upper-cased (readers differ in how they print UIDs).
 *
 * @param type - `pin` or `card`
 * @param value - the raw value
 * @returns the normalised value that is hashed
 */
export function normalizeCredential(type: CredentialType, value: string): string {
  const compact = value.replace(/\s+/g, '')
  return type === 'card' ? compact.replace(/[:-]/g, '').toUpperCase() : compact
}

/**
 * Hash a credential for a grant list or a lookup.
 *
 * @param key - the site's credential key (see {@link deriveCredentialKey})
 * @param type - `pin` or `card`
 * @param value - the credential, normalised here
 * @returns base64url HMAC-SHA256 of `tessera/credential/v1\n<type>\n<normalised value>`
 */
export function hashCredential(key: HmacSecret, type: CredentialType, value: string): string {
  const keyBytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key)
  if (keyBytes.length < 16) throw new Error('credential key must be at least 16 bytes')
  return createHmac('sha256', keyBytes).update(`tessera/credential/v1\n${type}\n${normalizeCredential(type, value)}`).digest('base64url')
}

/**
 * Derive a credential key from an agent's shared secret with HKDF-SHA256 (info `tessera/credential-hash/v1`). The
 * site agent uses this when it is not given an explicit credential key; the kernel must then hash with the same.
 *
 * @param agentSecret - the agent's shared secret
 * @returns a 32-byte key
 */
export function deriveCredentialKey(agentSecret: HmacSecret): Buffer {
  const secret = typeof agentSecret === 'string' ? Buffer.from(agentSecret, 'utf8') : Buffer.from(agentSecret)
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'tessera/credential-hash/v1', 32))
}
