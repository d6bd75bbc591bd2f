/**
 * The stored Wi-Fi password (`credentials.password_box`): sealed in the SDK's secret box under `wifi_password_key`,
 * bound to the person; `plain:` without that kernel secret; a row sealed before the SDK had the box (literal) still
 * opens; a sealed row without the secret, or of another person, is refused.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openPassword, sealPassword } from '../src/domain/password-box.ts'
import type { WifiContext } from '../src/domain/wifi-config.ts'

const person = '0b7c1f52-1111-4a4a-8888-000000000001'
const withSecret = (secret: string | undefined) => ({ secret: (name: string) => (name === 'wifi_password_key' ? secret : undefined) }) as unknown as WifiContext

test('with the kernel secret the password is sealed for its person and opens only for them', () => {
  const ctx = withSecret('wifi-kernel-secret')
  const box = sealPassword(ctx, 'correct horse', person)
  assert.match(box, /^v1:/)
  assert.ok(!box.includes('correct horse'))
  assert.equal(openPassword(ctx, box, person), 'correct horse')
  assert.throws(() => openPassword(ctx, box, '0b7c1f52-1111-4a4a-8888-000000000002'))
  assert.throws(() => openPassword(withSecret('another-secret'), box, person))
  assert.throws(() => openPassword(withSecret(undefined), box, person), /kernel secret "wifi_password_key" is not configured/)
})

test('without the kernel secret it is stored as plain: and read back', () => {
  const box = sealPassword(withSecret(undefined), 'correct horse', person)
  assert.equal(box, 'plain:correct horse')
  assert.equal(openPassword(withSecret('wifi-kernel-secret'), box, person), 'correct horse', 'a plain row stays readable once the key is configured')
})

test('a password sealed by the plugin before the SDK had its box still opens', () => {
  const stored = 'v1:cZeIg8tbT_G9NR6N.AbD-Pu7ct4Vqpn1hLr50Pg.CFiTLbufqDefkNDKUg'
  assert.equal(openPassword(withSecret('wifi-kernel-secret'), stored, person), 'correct horse')
})
