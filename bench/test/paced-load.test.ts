/**
 * The paced load generator (`load/paced-worker.ts`, what `runLoad` uses for an `overallRate`): requests arrive evenly
 * spaced over the run, not each second's quota at once — autocannon's `overallRate` sent 1,000 "per second" as a
 * burst at the start of every second, so the events' "steady" latency measured the queueing of a burst.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { runLoad } from '../lib/load.ts'

test('a paced load sends its requests evenly over the run, on the connections it was given', async () => {
  const arrivals: number[] = []
  const sockets = new Set<unknown>()
  const server = createServer((req, res) => {
    arrivals.push(performance.now())
    sockets.add(req.socket)
    // a slow answer now and then: the next requests still go out on time, on the other connections
    setTimeout(() => res.writeHead(202).end('{}'), arrivals.length % 50 === 0 ? 30 : 1)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const { port } = server.address() as AddressInfo
    const load = await runLoad({ url: `http://127.0.0.1:${port}/ping`, method: 'POST', body: '{}', connections: 5, duration: 2, overallRate: 200 })
    assert.equal(load.statuses['202'], 400)
    assert.equal(load.total, 400)
    assert.equal(load.errors + load.timeouts, 0)
    assert.ok(sockets.size <= 5, `${sockets.size} connections opened, 5 allowed`)
    // 200 a second is one every 5 ms: every 100-ms window of the run gets ~20, never a second's quota at once
    const first = arrivals[0]
    const windows = new Array(20).fill(0)
    for (const at of arrivals) windows[Math.min(19, Math.floor((at - first) / 100))]++
    assert.ok(Math.max(...windows) <= 40, `the busiest 100 ms got ${Math.max(...windows)} of 400 requests: ${windows.join(' ')}`)
    assert.ok(Math.min(...windows.slice(0, 19)) >= 5, `a 100-ms window got ${Math.min(...windows.slice(0, 19))} requests: ${windows.join(' ')}`)
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
})
