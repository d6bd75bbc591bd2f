/**
 * Kernel overhead: the same indexed SELECT served by a Tessera plugin route (session auth, tenant gate, RLS tenant
 * transaction, JSON response with a response schema) and by a bare Fastify + pg server on the same table and data.
 * A third variant, "bare + tx", is the bare server wrapping the SELECT in the kernel's transaction statements
 * (BEGIN; SET LOCAL ROLE; set_config … ; SELECT; COMMIT) — it splits the gap into "the RLS transaction's round trips"
 * and "the kernel's request pipeline". A fourth, "bare + session RLS", shows what the proposed kernel change would
 * cost: RLS still enforced, but the connection keeps the runtime role and the tenant at session level (set again only
 * when the connection last served another tenant), so a one-SELECT read is one round trip. Also counts database
 * round trips per request, the server's CPU time per request and the sequential latency.
 */
import pg from 'pg'
import Fastify from 'fastify'
import { createTestKernel } from '@tessera/kernel/testing'
import { benchItems, BARE_SQL, ITEM_SCHEMA } from './lib/fixtures.ts'
import { runLoad } from './lib/load.ts'
import type { LoadResult } from './lib/load.ts'
import { median, printTable, round, writeResult } from './lib/stats.ts'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const DURATION = Number(process.env.BENCH_DURATION ?? 5)
const CONNECTIONS = 10
const POOL = 10
const TENANTS = 10
const ROWS_PER_TENANT = 10_000

const t = await createTestKernel({
  plugins: [benchItems],
  config: { database: { poolSize: POOL }, rateLimit: { max: 1e9, timeWindowMs: 60_000 } } as never,
})
const bare = Fastify({ logger: false })
const pool = new pg.Pool({ connectionString: t.databaseUrl, max: POOL })
const rlsPool = new pg.Pool({ connectionString: t.databaseUrl, max: POOL })
try {
  const tenants: string[] = []
  for (let i = 0; i < TENANTS; i++) {
    const tenant = await t.createTenant()
    await t.enable(tenant.id, 'benchitems')
    tenants.push(tenant.id)
  }
  const tenantId = tenants[0]
  await t.adminQuery(`INSERT INTO benchitems.items (tenant_id, k, v)
    SELECT tid, k, 'value ' || k FROM unnest($1::uuid[]) AS tid, generate_series(1, $2) AS k`, [tenants, ROWS_PER_TENANT])
  await t.adminQuery('ANALYZE benchitems.items')
  const { cookie } = await t.signIn({ tenantId, role: 'member' })
  const kernelUrl = await t.kernel.listen()

  const role = t.kernel.services.config.database.runtimeRole
  const params = { type: 'object', required: ['k'], properties: { k: { type: 'integer' } } }
  const response = { 200: { type: 'array', items: ITEM_SCHEMA } }
  bare.get('/items/:k', { schema: { params, response } }, async (req) => (await pool.query(BARE_SQL, [tenantId, (req.params as { k: number }).k])).rows)
  bare.get('/tx/items/:k', { schema: { params, response } }, async (req) => {
    const client = await pool.connect()
    try {
      await client.query(`BEGIN; SET LOCAL ROLE ${role}; SELECT set_config('app.tenant_id', '${tenantId}', true)`)
      const { rows } = await client.query('SELECT id, k, v FROM benchitems.items WHERE k = $1', [(req.params as { k: number }).k])
      await client.query('COMMIT')
      return rows
    } finally {
      client.release()
    }
  })
  rlsPool.on('connect', (client) => void client.query(`SET ROLE ${role}`))
  const boundTenant = new WeakMap<pg.PoolClient, string>()
  bare.get('/rls/items/:k', { schema: { params, response } }, async (req) => {
    const client = await rlsPool.connect()
    try {
      if (boundTenant.get(client) !== tenantId) {
        await client.query(`SELECT set_config('app.tenant_id', $1, false)`, [tenantId])
        boundTenant.set(client, tenantId)
      }
      return (await client.query('SELECT id, k, v FROM benchitems.items WHERE k = $1', [(req.params as { k: number }).k])).rows
    } finally {
      client.release()
    }
  })
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 })

  const targets = {
    tessera: { url: `${kernelUrl}/api/v1/benchitems/items/4242`, headers: { cookie } },
    bare: { url: `${bareUrl}/items/4242`, headers: {} },
    'bare + tx': { url: `${bareUrl}/tx/items/4242`, headers: {} },
    'bare + session RLS': { url: `${bareUrl}/rls/items/4242`, headers: {} },
  }
  // sanity: the same answer from all
  for (const [name, target] of Object.entries(targets)) {
    const res = await fetch(target.url, { headers: target.headers })
    const body = await res.json() as { k: number }[]
    if (res.status !== 200 || body.length !== 1 || body[0].k !== 4242) throw new Error(`${name}: unexpected ${res.status} ${JSON.stringify(body)}`)
  }

  // round trips per request and sequential latency (one request at a time)
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }
  const original = proto.query
  let queries = 0
  proto.query = function (this: unknown, ...args: unknown[]) {
    queries++
    return original.apply(this, args)
  }
  const sequential: Record<string, { queriesPerRequest: number; medianLatencyMs: number }> = {}
  for (const [name, target] of Object.entries(targets)) {
    const N = 300
    const lat: number[] = []
    for (let i = 0; i < 50; i++) await (await fetch(target.url, { headers: target.headers })).arrayBuffer()
    queries = 0
    for (let i = 0; i < N; i++) {
      const s = performance.now()
      await (await fetch(target.url, { headers: target.headers })).arrayBuffer()
      lat.push(performance.now() - s)
    }
    sequential[name] = { queriesPerRequest: round(queries / N, 2), medianLatencyMs: round(median(lat), 3) }
  }
  proto.query = original

  // warm-up, then interleaved rounds so that noise hits every variant alike
  for (const target of Object.values(targets)) await runLoad({ ...target, connections: CONNECTIONS, duration: 2 })
  const runs: Record<string, LoadResult[]> = { tessera: [], bare: [], 'bare + tx': [], 'bare + session RLS': [] }
  // CPU time of this process (the server under test; the load runs in a child) per request served
  const cpuPerRequest: Record<string, number[]> = { tessera: [], bare: [], 'bare + tx': [], 'bare + session RLS': [] }
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, target] of Object.entries(targets)) {
      const cpu0 = process.cpuUsage()
      const res = await runLoad({ ...target, connections: CONNECTIONS, duration: DURATION })
      const cpu = process.cpuUsage(cpu0)
      cpuPerRequest[name].push((cpu.user + cpu.system) / res.total)
      if (res.non2xx || res.errors) throw new Error(`${name}: ${res.non2xx} non-2xx, ${res.errors} errors ${JSON.stringify(res.statuses)}`)
      runs[name].push(res)
    }
  }
  const summary = Object.fromEntries(Object.entries(runs).map(([name, rs]) => [name, {
    rps: round(median(rs.map((x) => x.rps)), 0), p50Ms: median(rs.map((x) => x.p50)), p99Ms: median(rs.map((x) => x.p99)),
    runsRps: rs.map((x) => round(x.rps, 0)), serverCpuUsPerRequest: round(median(cpuPerRequest[name]), 0),
  }]))
  const ratios = {
    tesseraVsBare: round(median(runs.tessera.map((x, i) => x.rps / runs.bare[i].rps)), 3),
    tesseraVsBareTx: round(median(runs.tessera.map((x, i) => x.rps / runs['bare + tx'][i].rps)), 3),
    bareTxVsBare: round(median(runs['bare + tx'].map((x, i) => x.rps / runs.bare[i].rps)), 3),
    bareSessionRlsVsBare: round(median(runs['bare + session RLS'].map((x, i) => x.rps / runs.bare[i].rps)), 3),
  }
  printTable(`kernel-overhead (${CONNECTIONS} connections, ${ROUNDS} × ${DURATION}s, medians)`, Object.entries(summary).map(([name, s]) => ({
    server: name, 'req/s': s.rps, 'p50 ms': s.p50Ms, 'p99 ms': s.p99Ms, 'runs req/s': s.runsRps.join(' / '),
    'server CPU µs/req': s.serverCpuUsPerRequest, 'db queries/req': sequential[name].queriesPerRequest, 'seq. latency ms': sequential[name].medianLatencyMs,
  })))
  printTable('ratios (same run, median of per-round ratios)', [
    { ratio: 'tessera / bare (goal ≥ 0.85)', value: ratios.tesseraVsBare, met: ratios.tesseraVsBare >= 0.85 ? 'yes' : 'NO' },
    { ratio: 'tessera / bare + tx', value: ratios.tesseraVsBareTx },
    { ratio: 'bare + tx / bare', value: ratios.bareTxVsBare },
    { ratio: 'bare + session RLS / bare', value: ratios.bareSessionRlsVsBare },
  ])
  const file = writeResult('kernel-overhead', {
    setup: { connections: CONNECTIONS, rounds: ROUNDS, durationSeconds: DURATION, poolSize: POOL, tenants: TENANTS, rowsPerTenant: ROWS_PER_TENANT, warmupSeconds: 2 },
    summary, ratios, goal: { tesseraVsBare: 0.85, met: ratios.tesseraVsBare >= 0.85 }, sequential,
  })
  console.log(`\nwrote ${file}`)
} finally {
  await bare.close()
  await pool.end()
  await rlsPool.end()
  await t.close()
}
