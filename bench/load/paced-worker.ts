/**
 * The paced load generator: requests at a steady rate, evenly spaced, always run in its own process
 * (`process.execPath bench/load/paced-worker.ts '<json>'`) like `autocannon-worker.ts`, whose summary it prints.
 *
 * Why not autocannon's `overallRate`: autocannon gives each connection its quota per second and resets it on a 1-s
 * timer, so each connection sends its second's quota as fast as the server answers and then waits for the next tick —
 * "1,000 requests a second" arrived as a burst of 1,000 at the start of every second (about 450 ms of requests, then
 * silence), which measured the queueing of a burst, not a steady load.
 *
 * Here request `i` is due at `start + i / rate` and is sent at its instant (checked every millisecond, so at most a
 * millisecond late), on one of `connections` keep-alive sockets (Node's `http.Agent`, `maxSockets`); when every socket
 * is busy the request waits in the agent's queue for the next free one. Latency runs from the request's due instant,
 * not from when a socket took it, so a server that falls behind shows it (no coordinated omission).
 * Options: `url`, `method`, `headers`, `body`, `overallRate` (requests per second), `duration` (seconds),
 * `connections`, `timeout` (seconds).
 */
import { Agent, request } from 'node:http'

interface PacedOptions {
  url: string
  method?: string
  headers?: Record<string, string>
  body?: string
  overallRate: number
  duration?: number
  connections?: number
  timeout?: number
}

const opts = JSON.parse(process.argv[2] ?? '{}') as PacedOptions
if (!(opts.overallRate > 0)) throw new Error('paced-worker: overallRate (requests per second) is required')
const connections = opts.connections ?? 10
const durationS = opts.duration ?? 5
const timeoutMs = (opts.timeout ?? 10) * 1000
const total = Math.round(opts.overallRate * durationS)
const agent = new Agent({ keepAlive: true, maxSockets: connections })
const target = new URL(opts.url)
const body = opts.body === undefined ? undefined : Buffer.from(opts.body)
const headers = { ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}), ...opts.headers }

const statuses: Record<string, number> = {}
const latencies: number[] = []
let errors = 0
let timeouts = 0
let settled = 0
let sent = 0
const start = performance.now()

function send(due: number): void {
  const req = request({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: opts.method ?? 'GET', headers, agent }, (res) => {
    res.resume()
    res.on('end', () => {
      statuses[res.statusCode!] = (statuses[res.statusCode!] ?? 0) + 1
      latencies.push(performance.now() - due)
      done()
    })
  })
  req.setTimeout(timeoutMs, () => {
    timeouts++
    req.destroy(new Error('timeout'))
  })
  req.on('error', () => {
    errors++
    done()
  })
  req.end(body)
}

function done(): void {
  if (++settled === total) finish()
}

function tick(): void {
  const now = performance.now()
  while (sent < total && start + (sent * 1000) / opts.overallRate <= now) send(start + (sent++ * 1000) / opts.overallRate)
  if (sent < total) setTimeout(tick, 1)
}

function finish(): void {
  const elapsedS = (performance.now() - start) / 1000
  const sorted = latencies.sort((a, b) => a - b)
  const at = (p: number) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]) : 0)
  const ok = Object.entries(statuses).filter(([s]) => s.startsWith('2')).reduce((n, [, c]) => n + c, 0)
  process.stdout.write(JSON.stringify({
    rps: sorted.length / elapsedS, total: sorted.length, durationS: elapsedS,
    p50: at(50), p90: at(90), p99: at(99), max: Math.round(sorted.at(-1) ?? 0), mean: sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1),
    non2xx: sorted.length - ok, errors, timeouts, statuses,
  }) + '\n')
  agent.destroy()
}

tick()
