/**
 * `/metrics` is not public by default: without configuration it is a 404; with `metrics.token` a scraper must present
 * it as a bearer token (401 problem+json otherwise); with `metrics.port` it is served only by a listener of its own
 * (which can be bound to a monitoring-only address), never by the main one.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'
import notes from './fixtures/notes-plugin.ts'

const TOKEN = 'metrics-token-0123456789abcdef'
let plain: TestKernel
let tokened: TestKernel
let separate: TestKernel

before(async () => {
  plain = await createTestKernel({ plugins: [notes], workers: false })
  tokened = await createTestKernel({ plugins: [notes], workers: false, databaseUrl: plain.databaseUrl, config: { metrics: { token: TOKEN } } })
  separate = await createTestKernel({ plugins: [notes], workers: false, databaseUrl: plain.databaseUrl, config: { metrics: { port: 0, host: '127.0.0.1' } } })
})
after(async () => {
  await separate.close()
  await tokened.close()
  await plain.close()
})

test('without metrics configuration /metrics is not served (404 problem+json)', async () => {
  const res = await plain.request({ method: 'GET', url: '/metrics' })
  assert.equal(res.statusCode, 404)
  assert.match(res.headers['content-type'] as string, /application\/problem\+json/)
  assert.doesNotMatch(res.body, /tessera_http_request_duration_seconds/)
})

test('with metrics.token a scraper must present the bearer token', async () => {
  for (const headers of [{}, { authorization: 'Bearer wrong-token-0123456789' }, { authorization: TOKEN }]) {
    const res = await tokened.request({ method: 'GET', url: '/metrics', headers })
    assert.equal(res.statusCode, 401)
    assert.match(res.headers['content-type'] as string, /application\/problem\+json/)
    assert.doesNotMatch(res.body, /tessera_/)
  }
  const ok = await tokened.request({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })
  assert.equal(ok.statusCode, 200)
  assert.match(ok.body, /tessera_http_request_duration_seconds/)
})

test('with metrics.port /metrics moves to its own listener and the main listener does not serve it', async () => {
  const main = await separate.kernel.listen()
  assert.ok(separate.kernel.metricsUrl, 'the metrics listener started with listen()')
  assert.notEqual(new URL(separate.kernel.metricsUrl!).port, new URL(main).port)
  assert.equal((await fetch(`${main}/metrics`)).status, 404)
  const res = await fetch(`${separate.kernel.metricsUrl}/metrics`)
  assert.equal(res.status, 200)
  assert.match(await res.text(), /tessera_http_request_duration_seconds/)
  const other = await fetch(`${separate.kernel.metricsUrl}/api/v1/auth/me`)
  assert.equal(other.status, 404)
  assert.match(other.headers.get('content-type') ?? '', /application\/problem\+json/)
})
