/**
 * Generated Wi-Fi passwords: never the member's login password. Drawn from an alphabet without look-alikes
 * (0/O, 1/l/I), so a member can type it on a phone; 14 characters of 54 symbols ≈ 80 bits.
 */
import { randomInt } from 'node:crypto'

const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** A fresh random password of `length` characters. */
export function newWifiPassword(length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)]
  return out
}
