/**
 * HMAC-SHA256 signatures over canonical JSON, with a domain tag per message type (commands, grant sets, the
 * handshake) so a signature made for one purpose can never be accepted for another. Signatures are base64url
 * text. Verification recomputes the MAC and compares it with `crypto.timingSafeEqual`, so the time taken does not
 * reveal how many leading bytes of a forged signature were right.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { canonicalJson } from './canonical-json.ts'

/** A shared HMAC key: at least 16 bytes; 32 random bytes (e.g. `randomBytes(32).toString('base64url')`) recommended. */
export type HmacSecret = string | Uint8Array

/** Domain tags used by the platform. */
export const SIGNATURE_DOMAINS = Object.freeze({
  command: 'tessera/agent-command/v1',
  grantSet: 'tessera/access-grant-set/v1',
  hello: 'tessera/agent-hello/v1',
  welcome: 'tessera/agent-welcome/v1',
})

/**
 * Sign a value.
 *
 * @param secret - the shared key
 * @param domain - what the signature is for (one of {@link SIGNATURE_DOMAINS})
 * @param value - JSON-compatible value; its canonical JSON is signed
 * @returns base64url HMAC-SHA256
 */
export function hmacSign(secret: HmacSecret, domain: string, value: unknown): string {
  return mac(secret, domain, value).toString('base64url')
}

/**
 * Check a signature in constant time.
 *
 * @param secret - the shared key
 * @param domain - what the signature is for
 * @param value - the signed value (without its signature field)
 * @param signature - base64url signature to check
 * @returns whether the signature is valid
 */
export function hmacVerify(secret: HmacSecret, domain: string, value: unknown, signature: unknown): boolean {
  if (typeof signature !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return false
  const expected = mac(secret, domain, value)
  const given = Buffer.from(signature, 'base64url')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

function mac(secret: HmacSecret, domain: string, value: unknown): Buffer {
  const key = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret)
  if (key.length < 16) throw new Error('HMAC secret must be at least 16 bytes')
  return createHmac('sha256', key).update(domain).update('\n').update(canonicalJson(value)).digest()
}
