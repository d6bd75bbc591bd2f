/**
 * Kernel overhead: the same indexed SELECT (one row of a 100,000-row table, index on (tenant_id, k), JSON response
 * with a response schema) served by a Tessera plugin route and by bare Fastify + pg on the same table and data, by
 * "bare + named" (bare with the SELECT as a named prepared statement, as the kernel sends what it repeats), plus
 * two bare variants that split the gap: "bare + tx" (the SELECT wrapped in the old per-request RLS transaction, 3
 * round trips) and "bare + session RLS" (RLS enforced, one round trip); and "tessera + orm", the same row read through
 * `@tessera/orm` (`em.fork()` + `findOne`), stated as a ratio to the raw statement-bound read. See
 * `kernel-overhead-server.ts`.
 *
 * One run: a fresh database, each variant in its own server process (`lib/server-process.ts`), the load from another
 * process; database round trips per request and sequential latency (one request at a time); a warm-up; then rounds
 * interleaved across the variants (the order rotates every round) so that noise hits them alike. Headline: **server
 * CPU per request**, Tessera ÷ bare — `process.cpuUsage()` of each server process over its rounds divided by the
 * requests that server received (the figure that does not depend on how busy the machine is); then throughput,
 * Tessera ÷ bare. Both as the median of the per-round ratios of the run; `lib/repeat.ts` takes ≥ 3 runs.
 *   node bench/kernel-overhead.ts [--quick] [--runs=N]
 */
import { join } from 'node:path'
import { runLoad } from './lib/load.ts'
import type { LoadResult } from './lib/load.ts'
import { defineBenchmark } from './lib/repeat.ts'
import { startServerProcess } from './lib/server-process.ts'
import type { ServerProcess, ServerStats } from './lib/server-process.ts'
import { median, printTable, round, sleep } from './lib/stats.ts'
import { VARIANTS } from './kernel-overhead-server.ts'
import type { Variant } from './kernel-overhead-server.ts'
import { requestPathPlan } from './lib/bench-config.ts'
import { createReadWorld, KEY, ROWS_PER_TENANT, TENANTS } from './lib/read-world.ts'

const CONNECTIONS = 10
const POOL = 10
const SERVER = join(import.meta.dirname, 'kernel-overhead-server.ts')

interface Round { round: number; order: Variant[]; results: Record<string, { rps: number; p50: number; p99: number; clientResponses: number; serverRequests: number; cpuUsPerRequest: number }> }

const delta = (a: ServerStats, b: ServerStats) => ({ cpuUs: b.cpuUs - a.cpuUs, requests: b.requests - a.requests, queries: b.queries - a.queries })

await defineBenchmark({
  name: 'kernel-overhead',
  title: 'kernel-overhead: plugin read route vs bare Fastify + pg',
  metrics: {
    cpuPerRequestTesseraVsBare: { label: 'server CPU per request, tessera ÷ bare (headline)', unit: '×', digits: 3 },
    throughputTesseraVsBare: { label: 'throughput, tessera ÷ bare', unit: '×', digits: 3 },
    cpuPerRequestTesseraVsBareNamed: { label: 'server CPU per request, tessera ÷ bare + named (both naming their statements)', unit: '×', digits: 3 },
    throughputTesseraVsBareNamed: { label: 'throughput, tessera ÷ bare + named', unit: '×', digits: 3 },
    throughputTesseraVsBareTx: { label: 'throughput, tessera ÷ bare + tx', unit: '×', digits: 3 },
    throughputBareTxVsBare: { label: 'throughput, bare + tx ÷ bare', unit: '×', digits: 3 },
    throughputSessionRlsVsBare: { label: 'throughput, bare + session RLS ÷ bare', unit: '×', digits: 3 },
    tesseraCpuUsPerRequest: { label: 'tessera server CPU per request', unit: 'µs', digits: 0 },
    bareCpuUsPerRequest: { label: 'bare server CPU per request', unit: 'µs', digits: 0 },
    bareNamedCpuUsPerRequest: { label: 'bare + named server CPU per request', unit: 'µs', digits: 0 },
    bareTxCpuUsPerRequest: { label: 'bare + tx server CPU per request', unit: 'µs', digits: 0 },
    sessionRlsCpuUsPerRequest: { label: 'bare + session RLS server CPU per request', unit: 'µs', digits: 0 },
    throughputOrmVsTessera: { label: 'throughput, tessera + orm ÷ tessera (ORM read vs raw statement-bound read)', unit: '×', digits: 3 },
    cpuPerRequestOrmVsTessera: { label: 'server CPU per request, tessera + orm ÷ tessera', unit: '×', digits: 3 },
    ormCpuUsPerRequest: { label: 'tessera + orm server CPU per request', unit: 'µs', digits: 0 },
    ormRps: { label: 'tessera + orm throughput', unit: 'req/s', digits: 0 },
    tesseraRps: { label: 'tessera throughput', unit: 'req/s', digits: 0 },
    bareRps: { label: 'bare throughput', unit: 'req/s', digits: 0 },
    tesseraP99Ms: { label: 'tessera p99 latency', unit: 'ms', digits: 1 },
    bareP99Ms: { label: 'bare p99 latency', unit: 'ms', digits: 1 },
    tesseraQueriesPerRequest: { label: 'tessera database round trips per request', digits: 2 },
    tesseraIdleCpuUsPerSecond: { label: 'tessera server CPU with no request (timers, job polling)', unit: 'µs/s', digits: 0 },
    tesseraSequentialMs: { label: 'tessera latency, one request at a time', unit: 'ms', digits: 3 },
    bareSequentialMs: { label: 'bare latency, one request at a time', unit: 'ms', digits: 3 },
  },
  async run({ quick }) {
    const { rounds: ROUNDS, duration: DURATION, warmup: WARMUP, sequential: SEQUENTIAL } = requestPathPlan(quick)
    const IDLE_MS = quick ? 500 : 2000
    const { op, tenantId, cookie, runtimeRole } = await createReadWorld()
    const servers: Partial<Record<Variant, ServerProcess>> = {}
    try {
      for (const variant of VARIANTS) {
        servers[variant] = await startServerProcess(SERVER, [JSON.stringify({ variant, databaseUrl: op.databaseUrl, tenantId, runtimeRole, poolSize: POOL })])
      }
      const target = (v: Variant) => ({ url: `${servers[v]!.url}/${KEY}`, headers: v.startsWith('tessera') ? { cookie } : {} as Record<string, string> })

      // the same answer from all
      for (const v of VARIANTS) {
        const res = await fetch(target(v).url, { headers: target(v).headers })
        const body = await res.json() as { k: number }[]
        if (res.status !== 200 || body.length !== 1 || body[0].k !== KEY) throw new Error(`${v}: unexpected ${res.status} ${JSON.stringify(body)}`)
      }

      // round trips per request (counted in the server) and latency one request at a time
      const sequential: Record<string, { queriesPerRequest: number; medianLatencyMs: number }> = {}
      for (const v of VARIANTS) {
        const { url, headers } = target(v)
        for (let i = 0; i < 50; i++) await (await fetch(url, { headers })).arrayBuffer()
        const s0 = await servers[v]!.stats()
        const lat: number[] = []
        for (let i = 0; i < SEQUENTIAL; i++) {
          const s = performance.now()
          await (await fetch(url, { headers })).arrayBuffer()
          lat.push(performance.now() - s)
        }
        const d = delta(s0, await servers[v]!.stats())
        sequential[v] = { queriesPerRequest: round(d.queries / d.requests, 2), medianLatencyMs: round(median(lat), 3) }
      }

      for (const v of VARIANTS) await runLoad({ ...target(v), connections: CONNECTIONS, duration: WARMUP })
      // CPU each server burns with no request (timers, job polling): part of every round's window, shown so that it
      // can be told apart from the request path
      const idle: Record<string, number> = {}
      for (const v of VARIANTS) {
        const s0 = await servers[v]!.stats()
        const t0 = performance.now()
        await sleep(IDLE_MS)
        idle[v] = round((delta(s0, await servers[v]!.stats()).cpuUs / (performance.now() - t0)) * 1000, 0)
      }
      const rounds: Round[] = []
      for (let r = 0; r < ROUNDS; r++) {
        const order = VARIANTS.map((_, i) => VARIANTS[(i + r) % VARIANTS.length])
        const results: Round['results'] = {}
        for (const v of order) {
          const s0 = await servers[v]!.stats()
          const res: LoadResult = await runLoad({ ...target(v), connections: CONNECTIONS, duration: DURATION })
          const d = delta(s0, await servers[v]!.stats())
          if (res.non2xx || res.errors) throw new Error(`${v}: ${res.non2xx} non-2xx, ${res.errors} errors ${JSON.stringify(res.statuses)}`)
          results[v] = { rps: round(res.rps, 0), p50: res.p50, p99: res.p99, clientResponses: res.total, serverRequests: d.requests, cpuUsPerRequest: round(d.cpuUs / d.requests, 1) }
        }
        rounds.push({ round: r + 1, order, results })
      }
      const per = (v: Variant, f: (x: Round['results'][string]) => number) => rounds.map((x) => f(x.results[v]))
      const ratio = (a: Variant, b: Variant, f: (x: Round['results'][string]) => number) => median(rounds.map((x) => f(x.results[a]) / f(x.results[b])))
      const rps = (x: Round['results'][string]) => x.rps
      const cpu = (x: Round['results'][string]) => x.cpuUsPerRequest

      printTable(`kernel-overhead run (${CONNECTIONS} connections, ${ROUNDS} interleaved rounds × ${DURATION} s)`, VARIANTS.map((v) => ({
        server: v, 'req/s (rounds)': per(v, rps).join(' / '), 'server CPU µs/req (rounds)': per(v, cpu).join(' / '), 'p99 ms': median(per(v, (x) => x.p99)),
        'db round trips/req': sequential[v].queriesPerRequest, 'seq. latency ms': sequential[v].medianLatencyMs, 'idle CPU µs/s': idle[v],
      })))
      return {
        metrics: {
          cpuPerRequestTesseraVsBare: ratio('tessera', 'bare', cpu),
          throughputTesseraVsBare: ratio('tessera', 'bare', rps),
          cpuPerRequestTesseraVsBareNamed: ratio('tessera', 'bare + named', cpu),
          throughputTesseraVsBareNamed: ratio('tessera', 'bare + named', rps),
          throughputTesseraVsBareTx: ratio('tessera', 'bare + tx', rps),
          throughputBareTxVsBare: ratio('bare + tx', 'bare', rps),
          throughputSessionRlsVsBare: ratio('bare + session RLS', 'bare', rps),
          throughputOrmVsTessera: ratio('tessera + orm', 'tessera', rps),
          cpuPerRequestOrmVsTessera: ratio('tessera + orm', 'tessera', cpu),
          ormCpuUsPerRequest: median(per('tessera + orm', cpu)), ormRps: median(per('tessera + orm', rps)),
          tesseraCpuUsPerRequest: median(per('tessera', cpu)), bareCpuUsPerRequest: median(per('bare', cpu)),
          bareNamedCpuUsPerRequest: median(per('bare + named', cpu)), bareTxCpuUsPerRequest: median(per('bare + tx', cpu)), sessionRlsCpuUsPerRequest: median(per('bare + session RLS', cpu)),
          tesseraRps: median(per('tessera', rps)), bareRps: median(per('bare', rps)),
          tesseraP99Ms: median(per('tessera', (x) => x.p99)), bareP99Ms: median(per('bare', (x) => x.p99)),
          tesseraQueriesPerRequest: sequential.tessera.queriesPerRequest,
          tesseraIdleCpuUsPerSecond: idle.tessera,
          tesseraSequentialMs: sequential.tessera.medianLatencyMs, bareSequentialMs: sequential.bare.medianLatencyMs,
        },
        setup: { connections: CONNECTIONS, rounds: ROUNDS, durationSeconds: DURATION, warmupSeconds: WARMUP, sequentialRequests: SEQUENTIAL, poolSize: POOL, tenants: TENANTS, rowsPerTenant: ROWS_PER_TENANT },
        details: { rounds, sequential, idleCpuUsPerSecond: idle },
      }
    } finally {
      for (const s of Object.values(servers)) await s.close()
      await op.close()
    }
  },
}, import.meta.filename)
