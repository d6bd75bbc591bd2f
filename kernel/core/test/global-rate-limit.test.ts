/**
 * The global rate limit: every answer says the limit, what is left and when the window ends; the request over the
 * limit is a 429 problem+json with `retry-after`, before the route runs; another client address is counted apart; a
 * new window starts the count over.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'
import { WindowCounter } from '../src/http/window-counter.ts'

let t: TestKernel
before(async () => {
  // an hour's window: it does not roll over mid-test
  t = await createTestKernel({ plugins: [], config: { rateLimit: { max: 5, timeWindowMs: 3_600_000 } } })
})
after(() => t.close())

test('the request over the limit is a 429 problem+json with retry-after; other addresses are counted apart', async () => {
  const from = (remoteAddress: string) => t.request({ method: 'GET', url: '/api/v1/auth/me', remoteAddress })
  const answers = []
  for (let i = 0; i < 6; i++) answers.push(await from('10.1.1.1'))
  assert.deepEqual(answers.map((r) => r.statusCode), [401, 401, 401, 401, 401, 429])
  assert.deepEqual(answers.map((r) => r.headers['x-ratelimit-remaining']), ['4', '3', '2', '1', '0', '0'])
  assert.equal(answers[0].headers['x-ratelimit-limit'], '5')
  const reset = Number(answers[0].headers['x-ratelimit-reset'])
  assert.ok(reset >= 1 && reset <= 3600, `reset in ${reset} s`)
  const limited = answers[5]
  assert.match(String(limited.headers['content-type']), /application\/problem\+json/)
  assert.equal(limited.json().status, 429)
  assert.match(limited.json().detail, /at most 5 per 3600 s/)
  assert.ok(Number(limited.headers['retry-after']) >= 1)
  assert.ok(limited.headers['content-security-policy'], 'the security headers are on the 429 too')
  assert.equal((await from('10.1.1.2')).statusCode, 401, 'another address has its own count')
})

test('a new window starts the count over', () => {
  const counter = new WindowCounter(1000)
  assert.deepEqual([counter.hit('a', 10_000), counter.hit('a', 10_500), counter.hit('b', 10_999)], [1, 2, 1])
  assert.equal(counter.msLeft(10_250), 750)
  assert.deepEqual([counter.hit('a', 11_000), counter.hit('b', 11_001)], [1, 1])
})
