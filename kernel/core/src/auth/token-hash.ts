/**
 * Opaque bearer secrets (session cookies, API tokens): 32 random bytes, stored only as their SHA-256. A high-entropy
 * secret needs no slow hash; the database never holds a usable credential.
 */
import { createHash, randomBytes } from 'node:crypto'

/** A new random secret with a readable prefix, e.g. `tss_…` for sessions. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`
}

/** The stored form of a secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}
