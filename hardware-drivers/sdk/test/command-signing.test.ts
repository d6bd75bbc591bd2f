/**
 * Command signing and verification: each refusal reason, the order of checks, canonical JSON (key order does not
 * matter, content does), nonce expiry, and that a forged copy does not burn a real command's nonce.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { canonicalJson, createCommand, issueCommand, NonceStore, signCommand, verifyCommand } from '../src/index.ts'

const SECRET = 'kernel-agent-shared-secret-32bytes!'
const AGENT = 'agent-7'

function verify(input: unknown, nonces = new NonceStore(), now = Date.now()) {
  return verifyCommand(SECRET, input, { agentId: AGENT, nonces, now })
}

describe('command signing', () => {
  it('accepts a signed command once, then refuses it as replayed', () => {
    const nonces = new NonceStore()
    const signed = issueCommand(SECRET, { agentId: AGENT, type: 'unlock', payload: { deviceId: 'front', durationMs: 5000 } })
    const first = verify(signed, nonces)
    assert.equal(first.ok, true)
    if (first.ok) assert.deepEqual(first.command.payload, { deviceId: 'front', durationMs: 5000 })
    assert.deepEqual(verify(signed, nonces), { ok: false, reason: 'replayed', message: `command ${signed.id} was already received` })
  })

  it('survives a JSON round trip with reordered keys', () => {
    const signed = issueCommand(SECRET, { agentId: AGENT, type: 'unlock', payload: { b: 1, a: { y: 2, x: [3, 1] } } })
    const reordered = JSON.parse(JSON.stringify({ signature: signed.signature, payload: { a: { x: [3, 1], y: 2 }, b: 1 }, expiresAt: signed.expiresAt, issuedAt: signed.issuedAt, type: signed.type, agentId: signed.agentId, id: signed.id }))
    assert.equal(verify(reordered).ok, true)
    assert.equal(canonicalJson({ b: 1, a: [{ d: 1, c: undefined }] }), '{"a":[{"d":1}],"b":1}')
  })

  it('refuses tampered payloads, fields and signatures as bad-signature', () => {
    const signed = issueCommand(SECRET, { agentId: AGENT, type: 'unlock', payload: { durationMs: 5000 } })
    for (const tampered of [
      { ...signed, payload: { durationMs: 5001 } },
      { ...signed, type: 'lock' },
      { ...signed, expiresAt: new Date(Date.parse(signed.expiresAt) + 1000).toISOString() },
      { ...signed, signature: signed.signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) },
      { ...signed, signature: 'short' },
    ]) {
      const result = verify(tampered)
      assert.equal(result.ok, false)
      if (!result.ok) assert.equal(result.reason, 'bad-signature')
    }
    const other = signCommand('a-completely-different-secret!!', createCommand({ agentId: AGENT, type: 'unlock', payload: {} }))
    assert.equal(!verify(other).ok && (verify(other) as { reason: string }).reason, 'bad-signature')
  })

  it('refuses commands for another agent as wrong-agent', () => {
    const signed = issueCommand(SECRET, { agentId: 'agent-8', type: 'status', payload: {} })
    const result = verify(signed)
    assert.equal(!result.ok && result.reason, 'wrong-agent')
  })

  it('refuses expired and future commands, within the clock skew', () => {
    const now = Date.now()
    const old = issueCommand(SECRET, { agentId: AGENT, type: 'status', payload: {}, ttlMs: 10_000, now: now - 60_000 })
    assert.equal((verify(old, new NonceStore(), now) as { reason?: string }).reason, 'expired')
    assert.equal(verify(old, new NonceStore(), now - 45_000).ok, true, 'accepted within expiry + 30 s skew')
    const future = issueCommand(SECRET, { agentId: AGENT, type: 'status', payload: {}, now: now + 120_000 })
    assert.equal((verify(future, new NonceStore(), now) as { reason?: string }).reason, 'expired')
  })

  it('refuses malformed commands before checking anything else', () => {
    const signed = issueCommand(SECRET, { agentId: AGENT, type: 'status', payload: {} })
    const cases: unknown[] = [
      null,
      'unlock',
      [],
      { ...signed, id: 'not-a-uuid' },
      { ...signed, extra: true },
      { ...signed, issuedAt: 'yesterday' },
      { ...signed, signature: undefined },
      issueCommand(SECRET, { agentId: AGENT, type: 'status', payload: {}, ttlMs: 3_600_000 }),
      issueCommand(SECRET, { agentId: AGENT, type: 'status', payload: {}, ttlMs: -5 }),
    ]
    for (const input of cases) {
      const result = verify(input)
      assert.equal(result.ok, false, JSON.stringify(input))
      if (!result.ok) assert.equal(result.reason, 'malformed', JSON.stringify(input))
    }
  })

  it('does not let a forged copy burn the nonce of the real command', () => {
    const nonces = new NonceStore()
    const signed = issueCommand(SECRET, { agentId: AGENT, type: 'status', payload: {} })
    assert.equal(verify({ ...signed, payload: { evil: true } }, nonces).ok, false)
    assert.equal(verify(signed, nonces).ok, true)
  })

  it('forgets nonces after their expiry and refuses new ones when full', () => {
    let now = 1_000_000
    const nonces = new NonceStore({ maxEntries: 2, now: () => now })
    assert.equal(nonces.remember('a', now + 100), true)
    assert.equal(nonces.remember('a', now + 100), false)
    assert.equal(nonces.remember('b', now + 100), true)
    assert.equal(nonces.remember('c', now + 100), false, 'full: refuse rather than forget unexpired nonces')
    now += 200
    assert.equal(nonces.remember('c', now + 100), true, 'expired ones were pruned')
    assert.equal(nonces.has('a'), false)
    assert.deepEqual(nonces.entries(), [['c', now + 100]])
  })
})
