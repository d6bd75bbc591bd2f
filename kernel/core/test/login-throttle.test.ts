/**
 * Sign-in throttling per account as well as per address (issue 9, item 3): a burst of wrong passwords locks the
 * attacked account with a capped exponential delay — not the other users behind the same address (a shared NAT) —
 * and the account's owner signs in from another address within that bound once the burst ends.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'

const MAX_DELAY_MS = 1000
let t: TestKernel

before(async () => {
  t = await createTestKernel({
    plugins: [], workers: false,
    config: { auth: { loginThrottle: { freeFailures: 3, baseDelayMs: 200, maxDelayMs: MAX_DELAY_MS, resetAfterMinutes: 15 } } } as never,
  })
})
after(() => t.close())

const login = (email: string, password: string, remoteAddress: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress })

async function user(): Promise<string> {
  const email = `throttle-${Math.random().toString(36).slice(2)}@example.test`
  await t.kernel.services.users.create({ email, name: 'T', password: 'right-password' })
  return email
}

test('a burst against one account locks only that account, and its owner signs in within the bounded delay from another address', async () => {
  const victim = await user()
  const neighbour = await user()
  const codes: number[] = []
  for (let i = 0; i < 12; i++) codes.push((await login(victim, 'wrong-password', '10.9.0.1')).statusCode)
  assert.deepEqual(codes.slice(0, 3), [401, 401, 401])
  assert.ok(codes.slice(3).includes(429), `the account is locked after the free failures: ${codes}`)
  const locked = await login(victim, 'right-password', '10.9.0.1')
  if (locked.statusCode === 429) {
    assert.equal(locked.headers['content-type'], 'application/problem+json; charset=utf-8')
    assert.ok(Number(locked.headers['retry-after']) >= 1 && Number(locked.headers['retry-after']) <= Math.ceil(MAX_DELAY_MS / 1000))
    assert.ok(locked.json().retryAfterMs <= MAX_DELAY_MS)
  }

  // a shared NAT: another user behind the same address is not locked out
  assert.equal((await login(neighbour, 'right-password', '10.9.0.1')).statusCode, 200)

  // the owner, from elsewhere, gets in as soon as the lock (capped) runs out
  const started = Date.now()
  let res = await login(victim, 'right-password', '10.9.0.2')
  while (res.statusCode === 429) {
    await new Promise((r) => setTimeout(r, Math.min(res.json().retryAfterMs, 100)))
    res = await login(victim, 'right-password', '10.9.0.2')
  }
  assert.equal(res.statusCode, 200, res.body)
  assert.ok(Date.now() - started <= MAX_DELAY_MS + 1500, `signed in within the bound (${Date.now() - started} ms)`)

  // success clears the counter: one more mistake does not lock the account again
  assert.equal((await login(victim, 'wrong-password', '10.9.0.2')).statusCode, 401)
  assert.equal((await login(victim, 'right-password', '10.9.0.2')).statusCode, 200)
})

test('unknown e-mails are throttled like known ones, so a lock reveals nothing', async () => {
  const codes: number[] = []
  for (let i = 0; i < 12; i++) codes.push((await login('nobody-here@example.test', 'x', '10.9.0.3')).statusCode)
  assert.deepEqual(codes.slice(0, 3), [401, 401, 401])
  assert.ok(codes.slice(3).includes(429), `${codes}`)
})
