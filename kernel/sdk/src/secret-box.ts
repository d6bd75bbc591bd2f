/**
 * A sealed box for a short secret a plugin must store and read back (a Wi-Fi password, an agent's shared secret, an
 * OAuth token set, a payment key): AES-256-GCM under a key derived from a kernel secret (`ctx.secret(name)`), bound
 * to the record it belongs to (the associated data), so a box copied to another row, tenant or column does not open.
 *
 * The format is the one every plugin box has written since the first (stored values keep opening):
 * `<version>:<iv>.<tag>.<ciphertext>`, each part base64url, a 12-byte IV, a 16-byte tag, and the key
 * `SHA-256("<purpose>\n<secret>")`. What to do without a configured kernel secret (store as it is, refuse, use a
 * per-process key) stays the plugin's decision.
 */
/// <reference types="node" />
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

const IV_BYTES = 12
const TAG_BYTES = 16

/** How {@link secretBox} derives its key and labels what it seals. @public */
export interface SecretBoxOptions {
  /** The kernel secret the key is derived from (the value of `ctx.secret(name)`, never empty). */
  secret: string
  /**
   * What the box is for, e.g. `tessera/wifi/password-box/v1`: the key is `SHA-256("<purpose>\n<secret>")`, so one
   * kernel secret used for two purposes gives two unrelated keys. Never change it for stored boxes.
   */
  purpose: string
  /** The prefix written before a sealed value and required when opening one (letters and digits); `v1` by default. */
  version?: string
}

/**
 * Why {@link SecretBox.open} refused a value: `format` — not a box of this version (another prefix, missing parts, a
 * wrong IV or tag length); `authentication` — it does not authenticate (another key, another record, altered text).
 * @public
 */
export type SecretBoxFailure = 'format' | 'authentication'

/** Thrown by {@link SecretBox.open}; `reason` says why, the message never holds any part of the value. @public */
export class SecretBoxError extends Error {
  /** Why the value did not open. */
  readonly reason: SecretBoxFailure

  constructor(reason: SecretBoxFailure, message: string) {
    super(message)
    this.name = 'SecretBoxError'
    this.reason = reason
  }
}

/** Seals and opens values under one key; made by {@link secretBox}. @public */
export interface SecretBox {
  /** The prefix this box writes and opens (`v1` unless the options said otherwise). */
  readonly version: string
  /** Seals `plaintext` (UTF-8) for the record `boundTo` (e.g. its id); a fresh random IV each time. */
  seal(plaintext: string, boundTo: string): string
  /** Opens a value sealed by {@link SecretBox.seal} for the same `boundTo`; throws a {@link SecretBoxError} otherwise. */
  open(sealed: string, boundTo: string): string
}

/**
 * A box sealing with AES-256-GCM under the key derived from `options.secret` and `options.purpose`.
 *
 * ```ts
 * const secret = ctx.secret('wifi_password_key')
 * const box = secret ? secretBox({ secret, purpose: 'tessera/wifi/password-box/v1' }) : undefined
 * const stored = box ? box.seal(password, personId) : `plain:${password}`
 * ```
 * @public
 */
export function secretBox(options: SecretBoxOptions): SecretBox {
  const version = options.version ?? 'v1'
  if (!/^[A-Za-z0-9]+$/.test(version)) throw new TypeError(`secretBox: the version "${version}" is not letters and digits`)
  if (!options.secret) throw new TypeError('secretBox: the kernel secret is empty')
  const key = createHash('sha256').update(`${options.purpose}\n${options.secret}`).digest()
  const prefix = `${version}:`
  return {
    version,
    seal(plaintext, boundTo) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES }).setAAD(Buffer.from(boundTo))
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
      return `${prefix}${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${body.toString('base64url')}`
    },
    open(sealed, boundTo) {
      if (!sealed.startsWith(prefix)) throw new SecretBoxError('format', `the value is not a "${version}" secret box`)
      const parts = sealed.slice(prefix.length).split('.')
      const [iv, tag, body] = parts.map((p) => Buffer.from(p, 'base64url'))
      if (parts.length !== 3 || iv!.length !== IV_BYTES || tag!.length !== TAG_BYTES) {
        throw new SecretBoxError('format', `the value is not a well-formed "${version}" secret box`)
      }
      const decipher = createDecipheriv('aes-256-gcm', key, iv!, { authTagLength: TAG_BYTES }).setAAD(Buffer.from(boundTo))
      decipher.setAuthTag(tag!)
      try {
        return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8')
      } catch {
        throw new SecretBoxError('authentication', 'the secret box does not open: another key, another record, or altered')
      }
    },
  }
}
