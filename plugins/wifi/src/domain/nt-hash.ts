/**
 * The NT hash (MD4 of the UTF-16LE password), which FreeRADIUS needs for both PAP (it hashes the offered password
 * and compares) and MSCHAPv2 (the challenge-response is computed from it). OpenSSL 3 ships MD4 only in its legacy
 * provider, so Node's `crypto` cannot compute it: `js-md4` does. The NT hash is password-equivalent for MSCHAPv2 —
 * see the README for how it is isolated.
 */
import md4 from 'js-md4'

/** The NT hash of `password`, upper-case hex (FreeRADIUS's `NT-Password` form). */
export function ntHash(password: string): string {
  return md4.hex(Buffer.from(password, 'utf16le')).toUpperCase()
}
