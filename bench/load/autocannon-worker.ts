/**
 * The load generator, always run in its own process (`process.execPath bench/load/autocannon-worker.ts '<json>' | <file.json>`) so
 * that it never shares an event loop with the server under test. Takes autocannon options as JSON plus:
 * - `bodies`: request bodies used in turn (one per request, round robin);
 * - `cookies`: cookie header values used in turn (spreads the load over many sessions/tenants);
 * - `idempotencyKeys`: every request carries an `Idempotency-Key` header never used before;
 * Prints one JSON line with the summary: req/s, latency percentiles, status counts, errors and timeouts.
 */
import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'

interface WorkerOptions {
  url: string
  method?: string
  connections?: number
  duration?: number
  amount?: number
  pipelining?: number
  timeout?: number
  headers?: Record<string, string>
  body?: string
  bodies?: string[]
  cookies?: string[]
  idempotencyKeys?: boolean
}

const arg = process.argv[2] ?? '{}'
// options come inline or, when large (many bodies), from a file
const opts = JSON.parse(arg.startsWith('{') ? arg : readFileSync(arg, 'utf8')) as WorkerOptions
const statuses: Record<string, number> = {}
let i = 0
let j = 0
let k = 0
const keyPrefix = `${process.pid}-${Date.now().toString(36)}`
const instance = autocannon({
  url: opts.url,
  method: (opts.method ?? 'GET') as 'GET',
  connections: opts.connections ?? 10,
  pipelining: opts.pipelining ?? 1,
  timeout: opts.timeout ?? 10,
  ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration ?? 5 }),
  headers: { ...(opts.body || opts.bodies ? { 'content-type': 'application/json' } : {}), ...opts.headers },
  body: opts.body,
  requests: opts.bodies || opts.cookies || opts.idempotencyKeys ? [{
    setupRequest: (req: Record<string, unknown>) => {
      const out: Record<string, unknown> = { ...req, headers: { ...(req.headers as Record<string, string>) } }
      if (opts.bodies) out.body = opts.bodies[i++ % opts.bodies.length]
      if (opts.cookies) (out.headers as Record<string, string>).cookie = opts.cookies[j++ % opts.cookies.length]
      if (opts.idempotencyKeys) (out.headers as Record<string, string>)['idempotency-key'] = `${keyPrefix}-${k++}`
      return out
    },
  }] as never : undefined,
}, (err, result) => {
  if (err) {
    console.error(err)
    process.exit(1)
  }
  process.stdout.write(JSON.stringify({
    // req/s = all responses / elapsed time (autocannon's requests.average is a mean of 1 s buckets: coarse for short runs)
    rps: result.duration > 0 ? result.requests.total / result.duration : result.requests.average, total: result.requests.total, durationS: result.duration,
    p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.mean,
    non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, statuses,
  }) + '\n')
})
instance.on('response', (_client: unknown, statusCode: number) => {
  statuses[statusCode] = (statuses[statusCode] ?? 0) + 1
})
