/**
 * One-click unsubscribe links (RFC 8058): `<appUrl>/api/v1/notifications/unsubscribe/<tenant>/<token>`, where the
 * token is the recipient's address (base64url) and an HMAC-SHA256 of tenant and address under the tenant's random
 * key (`signing_keys`), so the link needs no sign-in and cannot be forged for another address or tenant.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

const mac = (key: Buffer, tenantId: string, email: string) =>
  createHmac('sha256', key).update(`unsubscribe\n${tenantId}\n${email.toLowerCase()}`).digest().subarray(0, 18)

/** The token of `email` in `tenantId`. */
export function unsubscribeToken(key: Buffer, tenantId: string, email: string): string {
  return `${Buffer.from(email.toLowerCase()).toString('base64url')}.${mac(key, tenantId, email).toString('base64url')}`
}

/** The address a token was made for, or undefined when it is not a valid token of this tenant. */
export function verifyUnsubscribeToken(key: Buffer, tenantId: string, token: string): string | undefined {
  const [encoded, signature] = token.split('.')
  if (!encoded || !signature) return undefined
  const email = Buffer.from(encoded, 'base64url').toString('utf8')
  const given = Buffer.from(signature, 'base64url')
  const expected = mac(key, tenantId, email)
  return given.length === expected.length && timingSafeEqual(given, expected) ? email : undefined
}

/** The link of a token (`appUrl` without a trailing slash). */
export function unsubscribeUrl(appUrl: string, tenantId: string, token: string): string {
  return `${appUrl.replace(/\/+$/, '')}/api/v1/notifications/unsubscribe/${tenantId}/${token}`
}
