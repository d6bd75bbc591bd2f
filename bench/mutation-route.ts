/**
 * Mutation route: `POST /api/v1/benchwrites/notes` (tenant transaction, idempotency key claimed and its response
 * stored, the INSERT, one event job enqueued on the same transaction, the kernel's audit row, COMMIT before the
 * answer) against `bare + tx`, Fastify + pg doing the same INSERT and the same audit INSERT in a tenant-bound
 * transaction (4 round trips), and against `bare + guarantees`, the same plus the database work of the idempotency key
 * and the event's job, written by hand (7 round trips): what of the gap is the kernel and what the guarantees' database
 * work. See `mutation-route-server.ts`.
 *
 * One run: a fresh database, each variant in its own server process, the load from another process (every request a
 * new `Idempotency-Key`); database round trips per request and latency one request at a time; a warm-up; then rounds
 * interleaved across the variants (the order alternates). Headline: throughput, Tessera ÷ bare + tx (issue 15's goal);
 * beside it server CPU per request (`process.cpuUsage()` of the server over its rounds ÷ requests it received). Both as
 * the median of the per-round ratios of the run; `lib/repeat.ts` takes ≥ 3 runs.
 *   node bench/mutation-route.ts [--quick] [--runs=N]
 */
import { join } from 'node:path'
import { createTestKernel } from '@tessera/kernel/testing'
import { benchWrites } from './lib/fixtures.ts'
import { runLoad } from './lib/load.ts'
import type { LoadOptions, LoadResult } from './lib/load.ts'
import { defineBenchmark } from './lib/repeat.ts'
import { startServerProcess } from './lib/server-process.ts'
import type { ServerProcess, ServerStats } from './lib/server-process.ts'
import { median, printTable, round } from './lib/stats.ts'
import { MUTATION_VARIANTS } from './mutation-route-server.ts'
import type { MutationVariant } from './mutation-route-server.ts'
import { benchKernelConfig, requestPathPlan } from './lib/bench-config.ts'

const CONNECTIONS = 10
const POOL = 10
const SERVER = join(import.meta.dirname, 'mutation-route-server.ts')

interface Round { round: number; order: MutationVariant[]; results: Record<string, { rps: number; p50: number; p99: number; serverRequests: number; cpuUsPerRequest: number }> }

const delta = (a: ServerStats, b: ServerStats) => ({ cpuUs: b.cpuUs - a.cpuUs, requests: b.requests - a.requests, queries: b.queries - a.queries })

await defineBenchmark({
  name: 'mutation-route',
  title: 'mutation-route: plugin POST (tx, idempotency, event, audit) vs bare + tx',
  metrics: {
    throughputTesseraVsBareTx: { label: 'throughput, tessera ÷ bare + tx (headline)', unit: '×', digits: 3 },
    cpuPerRequestTesseraVsBareTx: { label: 'server CPU per request, tessera ÷ bare + tx', unit: '×', digits: 3 },
    tesseraCpuUsPerRequest: { label: 'tessera server CPU per request', unit: 'µs', digits: 0 },
    bareTxCpuUsPerRequest: { label: 'bare + tx server CPU per request', unit: 'µs', digits: 0 },
    throughputTesseraVsBareGuarantees: { label: 'throughput, tessera ÷ bare + guarantees (the same database work by hand)', unit: '×', digits: 3 },
    cpuPerRequestTesseraVsBareGuarantees: { label: 'server CPU per request, tessera ÷ bare + guarantees', unit: '×', digits: 3 },
    bareGuaranteesCpuUsPerRequest: { label: 'bare + guarantees server CPU per request', unit: 'µs', digits: 0 },
    bareGuaranteesRps: { label: 'bare + guarantees throughput', unit: 'req/s', digits: 0 },
    bareGuaranteesQueriesPerRequest: { label: 'bare + guarantees database round trips per request', digits: 2 },
    tesseraRps: { label: 'tessera throughput', unit: 'req/s', digits: 0 },
    bareTxRps: { label: 'bare + tx throughput', unit: 'req/s', digits: 0 },
    tesseraP99Ms: { label: 'tessera p99 latency', unit: 'ms', digits: 1 },
    bareTxP99Ms: { label: 'bare + tx p99 latency', unit: 'ms', digits: 1 },
    tesseraQueriesPerRequest: { label: 'tessera database round trips per request', digits: 2 },
    bareTxQueriesPerRequest: { label: 'bare + tx database round trips per request', digits: 2 },
    tesseraSequentialMs: { label: 'tessera latency, one request at a time', unit: 'ms', digits: 3 },
    bareTxSequentialMs: { label: 'bare + tx latency, one request at a time', unit: 'ms', digits: 3 },
  },
  async run({ quick }) {
    const { rounds: ROUNDS, duration: DURATION, warmup: WARMUP, sequential: SEQUENTIAL } = requestPathPlan(quick)
    const op = await createTestKernel({
      plugins: [benchWrites], workers: false,
      config: benchKernelConfig({ poolSize: 2 }),
    })
    const servers: Partial<Record<MutationVariant, ServerProcess>> = {}
    try {
      const tenant = await op.createTenant()
      await op.enable(tenant.id, 'benchwrites')
      const { cookie, userId, email } = await op.signIn({ tenantId: tenant.id, role: 'member' })
      const runtimeRole = op.kernel.services.config.database.runtimeRole
      for (const variant of MUTATION_VARIANTS) {
        servers[variant] = await startServerProcess(SERVER, [JSON.stringify({ variant, databaseUrl: op.databaseUrl, tenantId: tenant.id, runtimeRole, poolSize: POOL, userId, email })])
      }
      const body = JSON.stringify({ text: 'a note from the benchmark' })
      const target = (v: MutationVariant): LoadOptions => ({
        url: servers[v]!.url, method: 'POST', body, idempotencyKeys: true,
        headers: v === 'tessera' ? { cookie, 'content-type': 'application/json' } : { 'content-type': 'application/json' },
      })
      let seq = 0
      const post = async (v: MutationVariant) => {
        const t = target(v)
        const res = await fetch(t.url, { method: 'POST', body, headers: { ...t.headers, 'idempotency-key': `seq-${process.pid}-${seq++}` } })
        await res.arrayBuffer()
        return res.status
      }
      for (const v of MUTATION_VARIANTS) {
        const status = await post(v)
        if (status !== 201) throw new Error(`${v}: unexpected ${status}`)
      }
      // round trips per request (counted in the server) and latency one request at a time
      const sequential: Record<string, { queriesPerRequest: number; medianLatencyMs: number }> = {}
      for (const v of MUTATION_VARIANTS) {
        for (let i = 0; i < 50; i++) await post(v)
        const s0 = await servers[v]!.stats()
        const lat: number[] = []
        for (let i = 0; i < SEQUENTIAL; i++) {
          const s = performance.now()
          await post(v)
          lat.push(performance.now() - s)
        }
        const d = delta(s0, await servers[v]!.stats())
        sequential[v] = { queriesPerRequest: round(d.queries / d.requests, 2), medianLatencyMs: round(median(lat), 3) }
      }
      for (const v of MUTATION_VARIANTS) await runLoad({ ...target(v), connections: CONNECTIONS, duration: WARMUP })
      const rounds: Round[] = []
      for (let r = 0; r < ROUNDS; r++) {
        const order = MUTATION_VARIANTS.map((_, i) => MUTATION_VARIANTS[(i + r) % MUTATION_VARIANTS.length])
        const results: Round['results'] = {}
        for (const v of order) {
          const s0 = await servers[v]!.stats()
          const res: LoadResult = await runLoad({ ...target(v), connections: CONNECTIONS, duration: DURATION })
          const d = delta(s0, await servers[v]!.stats())
          if (res.non2xx || res.errors) throw new Error(`${v}: ${res.non2xx} non-2xx, ${res.errors} errors ${JSON.stringify(res.statuses)}`)
          results[v] = { rps: round(res.rps, 0), p50: res.p50, p99: res.p99, serverRequests: d.requests, cpuUsPerRequest: round(d.cpuUs / d.requests, 1) }
        }
        rounds.push({ round: r + 1, order, results })
      }
      const per = (v: MutationVariant, f: (x: Round['results'][string]) => number) => rounds.map((x) => f(x.results[v]))
      const ratio = (a: MutationVariant, b: MutationVariant, f: (x: Round['results'][string]) => number) => median(rounds.map((x) => f(x.results[a]) / f(x.results[b])))
      const rps = (x: Round['results'][string]) => x.rps
      const cpu = (x: Round['results'][string]) => x.cpuUsPerRequest
      const notes = (await op.adminQuery('SELECT count(*)::int AS n FROM benchwrites.notes')).rows[0] as { n: number }
      const audits = (await op.adminQuery(`SELECT count(*)::int AS n FROM tessera.audit_log WHERE plugin = 'benchwrites'`)).rows[0] as { n: number }
      printTable(`mutation-route run (${CONNECTIONS} connections, ${ROUNDS} interleaved rounds × ${DURATION} s; ${notes.n} notes, ${audits.n} audit rows written)`, MUTATION_VARIANTS.map((v) => ({
        server: v, 'req/s (rounds)': per(v, rps).join(' / '), 'server CPU µs/req (rounds)': per(v, cpu).join(' / '), 'p99 ms': median(per(v, (x) => x.p99)),
        'db round trips/req': sequential[v].queriesPerRequest, 'seq. latency ms': sequential[v].medianLatencyMs,
      })))
      return {
        metrics: {
          throughputTesseraVsBareTx: ratio('tessera', 'bare + tx', rps),
          cpuPerRequestTesseraVsBareTx: ratio('tessera', 'bare + tx', cpu),
          tesseraCpuUsPerRequest: median(per('tessera', cpu)), bareTxCpuUsPerRequest: median(per('bare + tx', cpu)),
          tesseraRps: median(per('tessera', rps)), bareTxRps: median(per('bare + tx', rps)),
          throughputTesseraVsBareGuarantees: ratio('tessera', 'bare + guarantees', rps),
          cpuPerRequestTesseraVsBareGuarantees: ratio('tessera', 'bare + guarantees', cpu),
          bareGuaranteesCpuUsPerRequest: median(per('bare + guarantees', cpu)), bareGuaranteesRps: median(per('bare + guarantees', rps)),
          bareGuaranteesQueriesPerRequest: sequential['bare + guarantees'].queriesPerRequest,
          tesseraP99Ms: median(per('tessera', (x) => x.p99)), bareTxP99Ms: median(per('bare + tx', (x) => x.p99)),
          tesseraQueriesPerRequest: sequential.tessera.queriesPerRequest, bareTxQueriesPerRequest: sequential['bare + tx'].queriesPerRequest,
          tesseraSequentialMs: sequential.tessera.medianLatencyMs, bareTxSequentialMs: sequential['bare + tx'].medianLatencyMs,
        },
        setup: { connections: CONNECTIONS, rounds: ROUNDS, durationSeconds: DURATION, warmupSeconds: WARMUP, sequentialRequests: SEQUENTIAL, poolSize: POOL },
        details: { rounds, sequential },
      }
    } finally {
      for (const s of Object.values(servers)) await s.close()
      await op.close()
    }
  },
}, import.meta.filename)
