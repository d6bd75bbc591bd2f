/**
 * Unit rules of members' Wi-Fi credentials: the NT hash matches the published MSCHAP test vectors (RFC 2759's
 * "clientPass", and "password"), generated passwords have the configured length from the look-alike-free alphabet,
 * and login local parts are derived from the e-mail (or the name) in the allowed character set.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ntHash } from '../src/domain/nt-hash.ts'
import { newWifiPassword } from '../src/domain/wifi-password.ts'
import { localPartFrom } from '../src/domain/credentials.ts'

test('the NT hash is MD4 of the UTF-16LE password, upper-case hex', () => {
  assert.equal(ntHash('clientPass'), '44EBBA8D5312B8D611474411F56989AE') // RFC 2759 §9.2
  assert.equal(ntHash('password'), '8846F7EAEE8FB117AD06BDD830B7586C')
  assert.equal(ntHash('pässwörd€'), ntHash('pässwörd€'))
  assert.notEqual(ntHash('pässwörd€'), ntHash('passwords'))
})

test('generated Wi-Fi passwords have the configured length and no look-alike characters', () => {
  const seen = new Set<string>()
  for (let i = 0; i < 200; i++) {
    const p = newWifiPassword(14)
    assert.equal(p.length, 14)
    assert.doesNotMatch(p, /[0O1lI]/)
    seen.add(p)
  }
  assert.equal(seen.size, 200)
})

test('login local parts come from the e-mail or the name, lower-case, in the allowed set', () => {
  assert.equal(localPartFrom('Alice.Example+wifi@Example.com', 'x'), 'alice.example.wifi')
  assert.equal(localPartFrom(null, 'Zoë Müller-Lüdenscheidt'), 'zoe.muller-ludenscheidt')
  assert.equal(localPartFrom('__@example.com', 'x'), 'member')
  assert.match(localPartFrom(null, 'Ω'.repeat(100)), /^[a-z0-9][a-z0-9._-]{0,63}$/)
  assert.ok(localPartFrom('a'.repeat(200) + '@x.y', 'x').length <= 56)
})
