/**
 * `secretBox`: round trip, a fresh IV per seal, tamper detection, another key / purpose / record refused, malformed
 * values refused as `format`, and values sealed by the plugins' own boxes before the SDK had one (literal fixtures,
 * written by the old code of each plugin with the purpose it used) still open.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { secretBox, SecretBoxError } from '../src/index.ts'

const purpose = 'tessera/test/secret-box/v1'

function refused(reason: 'format' | 'authentication') {
  return (e: unknown) => e instanceof SecretBoxError && e.reason === reason && !/hunter2/.test(e.message)
}

/** The last character of a base64url part flipped to another one that still decodes to the same length. */
function flipLast(part: string): string {
  const last = part.at(-1)!
  return part.slice(0, -1) + (last === 'A' ? 'Q' : 'A')
}

test('a sealed value opens with the same secret, purpose and record, and is not the plaintext', () => {
  const box = secretBox({ secret: 'kernel-secret', purpose })
  const sealed = box.seal('hunter2 — ünïcode', 'record-1')
  assert.match(sealed, /^v1:[\w-]{16}\.[\w-]{22}\.[\w-]+$/)
  assert.ok(!sealed.includes('hunter2'))
  assert.equal(box.open(sealed, 'record-1'), 'hunter2 — ünïcode')
  assert.equal(secretBox({ secret: 'kernel-secret', purpose }).open(sealed, 'record-1'), 'hunter2 — ünïcode', 'a new box from the same options opens it')
  assert.equal(box.open(box.seal('', 'record-1'), 'record-1'), '', 'an empty value round-trips')
})

test('every seal uses a fresh IV: the same value sealed twice gives two different boxes', () => {
  const box = secretBox({ secret: 'kernel-secret', purpose })
  const a = box.seal('hunter2', 'record-1')
  const b = box.seal('hunter2', 'record-1')
  assert.notEqual(a, b)
  assert.notEqual(a.split('.')[0], b.split('.')[0])
})

test('an altered IV, tag or ciphertext does not open (authentication)', () => {
  const box = secretBox({ secret: 'kernel-secret', purpose })
  const sealed = box.seal('hunter2', 'record-1')
  const [iv, tag, body] = sealed.slice(3).split('.') as [string, string, string]
  for (const altered of [`v1:${flipLast(iv)}.${tag}.${body}`, `v1:${iv}.${flipLast(tag)}.${body}`, `v1:${iv}.${tag}.${flipLast(body)}`]) {
    assert.notEqual(altered, sealed)
    assert.throws(() => box.open(altered, 'record-1'), refused('authentication'))
  }
})

test('another kernel secret, another purpose or another record does not open it', () => {
  const sealed = secretBox({ secret: 'kernel-secret', purpose }).seal('hunter2', 'record-1')
  assert.throws(() => secretBox({ secret: 'other-secret', purpose }).open(sealed, 'record-1'), refused('authentication'))
  assert.throws(() => secretBox({ secret: 'kernel-secret', purpose: 'tessera/other/v1' }).open(sealed, 'record-1'), refused('authentication'))
  assert.throws(() => secretBox({ secret: 'kernel-secret', purpose }).open(sealed, 'record-2'), refused('authentication'))
})

test('values of another version or shape are refused as format; the version is part of the box', () => {
  const box = secretBox({ secret: 'kernel-secret', purpose })
  const sealed = box.seal('hunter2', 'record-1')
  const p1 = secretBox({ secret: 'kernel-secret', purpose, version: 'p1' })
  assert.equal(p1.version, 'p1')
  assert.match(p1.seal('hunter2', 'record-1'), /^p1:/)
  assert.throws(() => p1.open(sealed, 'record-1'), refused('format'))
  assert.throws(() => box.open('plain:hunter2', 'record-1'), refused('format'))
  assert.throws(() => box.open('v1:', 'record-1'), refused('format'))
  assert.throws(() => box.open(sealed.split('.').slice(0, 2).join('.'), 'record-1'), refused('format'))
  assert.throws(() => box.open(`${sealed}.extra`, 'record-1'), refused('format'))
  const [iv, tag, body] = sealed.slice(3).split('.') as [string, string, string]
  assert.throws(() => box.open(`v1:${iv}.${tag.slice(0, 8)}.${body}`, 'record-1'), refused('format'), 'a truncated tag is never accepted')
  assert.throws(() => box.open(`v1:${iv.slice(0, 8)}.${tag}.${body}`, 'record-1'), refused('format'))
})

test('an empty kernel secret or a version that is not letters and digits is a programming error', () => {
  assert.throws(() => secretBox({ secret: '', purpose }), TypeError)
  assert.throws(() => secretBox({ secret: 'kernel-secret', purpose, version: 'v1:' }), TypeError)
})

test('the key is SHA-256 of "<purpose>\\n<secret>": a value sealed by hand with that key opens', async () => {
  const { createCipheriv } = await import('node:crypto')
  const key = createHash('sha256').update(`${purpose}\nkernel-secret`).digest()
  const iv = Buffer.alloc(12, 7)
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from('record-1'))
  const body = Buffer.concat([cipher.update('hunter2', 'utf8'), cipher.final()])
  const sealed = `v1:${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${body.toString('base64url')}`
  assert.equal(secretBox({ secret: 'kernel-secret', purpose }).open(sealed, 'record-1'), 'hunter2')
})

// Sealed by the plugins' own boxes (plugins/*/src/domain/*-box.ts) before they used this one, with these kernel
// secrets and records: rows stored then must keep opening.
const stored = [
  {
    plugin: 'wifi', purpose: 'tessera/wifi/password-box/v1', secret: 'wifi-kernel-secret', boundTo: '0b7c1f52-1111-4a4a-8888-000000000001',
    sealed: 'v1:cZeIg8tbT_G9NR6N.AbD-Pu7ct4Vqpn1hLr50Pg.CFiTLbufqDefkNDKUg', plaintext: 'correct horse',
  },
  {
    plugin: 'access', purpose: 'tessera/access/agent-secret-box/v1', secret: 'access-kernel-secret', boundTo: '0b7c1f52-2222-4a4a-8888-000000000002',
    sealed: 'v1:QJkfOiYhkDryZhTC.AjBmlygOCbshqpmtevoN8g.BDMiIu4WXerFkFBfqWivpFd3kA', plaintext: 'agent-shared-secret',
  },
  {
    plugin: 'xero', purpose: 'tessera/xero/token-box/v1', secret: 'xero-kernel-secret', boundTo: '0b7c1f52-3333-4a4a-8888-000000000003',
    sealed: 'v1:vvrFSi657AY_84rs.JCOCsa-EKtXrdcsZgSAOhA.tfJe1g9FKVXFBks3dnhK2WK63z26YNldegZpRHdnLxZE833jNpSKgccdwHGQHbZaBFriw_CU-Vz-',
    plaintext: '{"accessToken":"at","refreshToken":"rt","expiresIn":1800}',
  },
  {
    plugin: 'notifications', purpose: 'tessera/notifications/secret-box/v1', secret: 'notifications-kernel-secret', boundTo: 'identity:invite:42',
    sealed: 'v1:8Hn3MjHcGvaHN_uj.d1JHqfIXWtFOFiGGDWpYWw.4amLEnb29Y_jErU6Stggbs8EZY6NlqYpoW8PLwIr7U0aaE0RuDCVBeKtlgg',
    plaintext: '{"link":"https://x.test/set-password?t=abc"}',
  },
  {
    plugin: 'billing', purpose: 'tessera/billing/secret-box/v1', secret: 'billing-kernel-secret', boundTo: '0b7c1f52-4444-4a4a-8888-000000000004:secret-key',
    sealed: 'v1:f3HurjIqOmpWKRMz.jT2IpW24pTv0rRwhEhIgNw.AoiqCV6JjqHtKrg', plaintext: 'sk_test_123',
  },
]

for (const s of stored) {
  test(`a value the ${s.plugin} plugin stored before the SDK's box still opens (and only for its record)`, () => {
    const box = secretBox({ secret: s.secret, purpose: s.purpose })
    assert.equal(box.open(s.sealed, s.boundTo), s.plaintext)
    assert.throws(() => box.open(s.sealed, `${s.boundTo}x`), refused('authentication'))
  })
}
