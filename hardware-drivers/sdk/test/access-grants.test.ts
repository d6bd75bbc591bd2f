/**
 * Signed access grant sets and credential hashing: signature round trip and tamper detection, the decision rule
 * (door, window, revocation by omission), and PIN/card normalisation.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { deriveCredentialKey, hashCredential, matchGrant, normalizeCredential, signGrantSet, verifyGrantSet } from '../src/index.ts'
import type { AccessGrantSet } from '../src/index.ts'

const SECRET = 'kernel-agent-shared-secret-32bytes!'
const KEY = deriveCredentialKey(SECRET)
const T0 = Date.parse('2026-03-01T09:00:00.000Z')

const set: AccessGrantSet = {
  version: 4,
  issuedAt: new Date(T0).toISOString(),
  grants: [
    { credentialType: 'pin', credentialHash: hashCredential(KEY, 'pin', '1234'), doorIds: ['front', 'back'], validFrom: '2026-03-01T08:00:00.000Z', validUntil: '2026-03-01T18:00:00.000Z', personId: 'alice' },
    { credentialType: 'card', credentialHash: hashCredential(KEY, 'card', '04:A2:2B:1C'), doorIds: ['front'], validFrom: '2026-03-02T00:00:00.000Z', validUntil: '2026-03-03T00:00:00.000Z', personId: 'bob' },
  ],
}

describe('access grant sets', () => {
  it('verifies a signed set and detects any change', () => {
    const signed = signGrantSet(SECRET, set)
    const verified = verifyGrantSet(SECRET, JSON.parse(JSON.stringify(signed)))
    assert.equal(verified.ok, true)
    const widened = structuredClone(signed)
    widened.grants[1].doorIds.push('back')
    assert.deepEqual(verifyGrantSet(SECRET, widened), { ok: false, reason: 'bad-signature', message: 'grant set signature does not match' })
    assert.equal((verifyGrantSet(SECRET, { ...signed, version: 5 }) as { reason: string }).reason, 'bad-signature')
    assert.equal((verifyGrantSet('another-secret-of-enough-length', signed) as { reason: string }).reason, 'bad-signature')
    assert.equal((verifyGrantSet(SECRET, { ...signed, version: 0 }) as { reason: string }).reason, 'malformed')
    assert.equal((verifyGrantSet(SECRET, { ...signed, grants: [{ credentialType: 'face' }] }) as { reason: string }).reason, 'malformed')
  })

  it('grants only for the right credential, door and window', () => {
    const at = (iso: string) => Date.parse(iso)
    const pin = (value: string) => hashCredential(KEY, 'pin', value)
    const q = (hash: string, doorId: string, time: string, credentialType: 'pin' | 'card' = 'pin') => matchGrant(set, { doorId, credentialType, credentialHash: hash, at: at(time) })
    const granted = q(pin('1234'), 'back', '2026-03-01T12:00:00.000Z')
    assert.equal(granted.granted && granted.grant.personId, 'alice')
    assert.deepEqual(q(pin('4321'), 'front', '2026-03-01T12:00:00.000Z'), { granted: false, reason: 'unknown-credential', personId: null })
    assert.deepEqual(q(pin('1234'), 'roof', '2026-03-01T12:00:00.000Z'), { granted: false, reason: 'wrong-door', personId: 'alice' })
    assert.deepEqual(q(pin('1234'), 'front', '2026-03-01T18:00:00.000Z'), { granted: false, reason: 'expired', personId: 'alice' }, 'validUntil is exclusive')
    assert.equal(q(pin('1234'), 'front', '2026-03-01T08:00:00.000Z').granted, true, 'validFrom is inclusive')
    const card = hashCredential(KEY, 'card', '04a22b1c')
    assert.deepEqual(q(card, 'front', '2026-03-01T12:00:00.000Z', 'card'), { granted: false, reason: 'not-yet-valid', personId: 'bob' })
    assert.equal(q(card, 'front', '2026-03-02T12:00:00.000Z', 'card').granted, true)
    assert.equal(q(card, 'front', '2026-03-02T12:00:00.000Z', 'pin').granted, false, 'type is part of the match')
  })

  it('hashes credentials with a keyed MAC and normalises readers’ formats', () => {
    assert.equal(normalizeCredential('card', '04:a2-2b 1c'), '04A22B1C')
    assert.equal(normalizeCredential('pin', ' 12 34 '), '1234')
    assert.equal(hashCredential(KEY, 'pin', '1234'), hashCredential(KEY, 'pin', '12 34'))
    assert.notEqual(hashCredential(KEY, 'pin', '1234'), hashCredential(KEY, 'card', '1234'))
    assert.notEqual(hashCredential(KEY, 'pin', '1234'), hashCredential(deriveCredentialKey('some-other-agent-secret'), 'pin', '1234'))
    assert.match(hashCredential(KEY, 'pin', '1234'), /^[A-Za-z0-9_-]{43}$/)
    assert.throws(() => hashCredential('short', 'pin', '1234'), /at least 16 bytes/)
  })
})
