/**
 * The kernel's allocation-free request-duration histogram exposes exactly what prom-client's `Histogram` would for the
 * same observations (names, labels, cumulative buckets, `+Inf`, `_sum`, `_count`).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Registry, Histogram } from 'prom-client'
import { RequestDurations } from '../src/http/request-durations.ts'

test('request durations are exposed exactly as a prom-client Histogram exposes the same observations', async () => {
  const buckets = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]
  const ours = new Registry()
  const theirs = new Registry()
  const d = new RequestDurations({ name: 'tessera_http_request_duration_seconds', help: 'HTTP request duration', buckets, registers: [ours] })
  const h = new Histogram({ name: 'tessera_http_request_duration_seconds', help: 'HTTP request duration', labelNames: ['method', 'route', 'status'], buckets, registers: [theirs] })
  const samples: [string, string, number, number][] = [
    ['GET', '/api/v1/x/items/:k', 200, 0.0011], ['GET', '/api/v1/x/items/:k', 200, 0.004], ['GET', '/api/v1/x/items/:k', 404, 0.3],
    ['POST', '/api/v1/x/items', 201, 0.02], ['GET', 'unmatched', 404, 3], ['GET', '/api/v1/x/items/:k', 200, 0.002],
  ]
  for (const [method, route, status, seconds] of samples) {
    d.observe(method, route, status, seconds)
    h.observe({ method, route, status: String(status) }, seconds)
  }
  const lines = (text: string) => text.trim().split('\n').sort()
  assert.deepEqual(lines(await ours.metrics()), lines(await theirs.metrics()))
})
