/**
 * Tenant scale: the same kernel (10 generated plugins, each with a table and a gated route) over a database with 10
 * tenants and with 10,000 tenants × 10 enabled plugins (tenants, users, memberships, sessions and tenant_plugins
 * rows created in bulk with SQL). For each: boot time and RSS of a fresh kernel process, req/s of a plugin route with
 * the requests spread over every tenant's session (so every tenant's enablement and session are cached: the
 * gate's worst case for memory), RSS after that load, and the time for an enable/disable made on a second kernel
 * instance to reach the serving one (NOTIFY → cache drop). Goal: memory and per-request cost follow the plugins,
 * not the tenants.
 *   node bench/tenant-scale.ts [--quick] [--runs=N]   (--quick: 2,000 instead of 10,000 tenants)
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createTestKernel, createTestDatabase, dropTestDatabase } from '@tessera/kernel/testing'
import { generatedPlugins } from './lib/fixtures.ts'
import { runLoad } from './lib/load.ts'
import type { LoadResult } from './lib/load.ts'
import { defineBenchmark } from './lib/repeat.ts'
import { median, printTable, round, sleep } from './lib/stats.ts'

const PLUGINS = 10
const SERVER = join(import.meta.dirname, 'tenant-scale-server.ts')
interface ScaleResult {
  tenants: number; enabledTenantPlugins: number; bulkInsertMs: number; bootMs: number; rssAfterBootMb: number; heapAfterBootMb: number; rssAfterLoadMb: number; liveHeapAfterLoadMb: number
  gateRps: number; gateP99Ms: number; runsRps: number[]; gateCpuUsPerRequest: number; distinctSessionsInLoad: number; disableReachesOtherInstanceMs: number; enableReachesOtherInstanceMs: number
}

/** CPU time (user + system) of process `pid` so far, µs (`/proc/<pid>/stat`, clock ticks of 10 ms). */
function cpuUsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(f[11]) + Number(f[12])) * 10_000
}

function rssMbOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))
  return Number(line?.match(/\d+/)?.[0] ?? NaN) / 1024
}

/** Asks the server for its live heap after a full GC. */
function gcHeapOf(child: ChildProcess): Promise<{ gcHeapMb: number; gcRssMb: number }> {
  return new Promise((resolve) => {
    const onData = (d: Buffer) => {
      const line = String(d).split('\n').find((l) => l.includes('gcHeapMb'))
      if (line) {
        child.stdout!.off('data', onData)
        resolve(JSON.parse(line))
      }
    }
    child.stdout!.on('data', onData)
    child.kill('SIGUSR2')
  })
}

function startServer(databaseUrl: string): Promise<{ child: ChildProcess; url: string; bootMs: number; rssMb: number; heapMb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', SERVER, databaseUrl, String(PLUGINS)], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout!.on('data', (d) => {
      out += d
      const line = out.split('\n').find((l) => l.startsWith('{'))
      if (line) resolve({ child, ...JSON.parse(line) })
    })
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)))
  })
}

interface Scenario {
  tenants: number
  databaseUrl: string
  op: Awaited<ReturnType<typeof createTestKernel>>
  server: ChildProcess
  url: string
  cookie: string
  cookies: string[]
  realTenantId: string
  info: { tenants: number; enabledTenantPlugins: number; bulkInsertMs: number; bootMs: number; rssAfterBootMb: number; heapAfterBootMb: number }
  rounds: (LoadResult & { cpuUsPerRequest: number })[]
}

/** Creates the database, the data and the serving process of one scale. */
async function setUp(tenants: number): Promise<Scenario> {
  const databaseUrl = await createTestDatabase('tessera_scale')
  const plugins = generatedPlugins(PLUGINS)
  const ids = plugins.map((p) => p.id)
  // the "operator" instance: installs the plugins, makes the data, later toggles plugins
  const op = await createTestKernel({ plugins, databaseUrl, workers: false })
  const real = await op.createTenant('scale-real')
  for (const id of ids) await op.enable(real.id, id)
  const { cookie } = await op.signIn({ tenantId: real.id, role: 'member' })
  const s0 = performance.now()
  await op.adminQuery(`CREATE TEMP TABLE bulk AS SELECT g, gen_random_uuid() AS tenant_id, gen_random_uuid() AS user_id, 'tss_bench_' || g || '_' || md5(random()::text) AS token
      FROM generate_series(1, ${tenants - 1}) g`)
  await op.adminQuery(`INSERT INTO tessera.tenants (id, slug, name) SELECT tenant_id, 'bulk-' || g, 'Bulk ' || g FROM bulk`)
  await op.adminQuery(`INSERT INTO tessera.tenant_plugins (tenant_id, plugin_id, state, version) SELECT tenant_id, p, 'enabled', '1.0.0' FROM bulk, unnest($1::text[]) p`, [ids])
  await op.adminQuery(`INSERT INTO tessera.users (id, email, name) SELECT user_id, 'bulk' || g || '@bench.test', 'Bulk ' || g FROM bulk`)
  await op.adminQuery(`INSERT INTO tessera.tenant_users (tenant_id, user_id, role) SELECT tenant_id, user_id, 'member' FROM bulk`)
  await op.adminQuery(`INSERT INTO tessera.sessions (token_hash, user_id, tenant_id, expires_at) SELECT encode(sha256(convert_to(token, 'UTF8')), 'hex'), user_id, tenant_id, now() + interval '1 day' FROM bulk`)
  const cookies = [cookie, ...(await op.adminQuery(`SELECT token FROM bulk ORDER BY g`)).rows.map((r) => `tessera_session=${r.token}`)]
  await op.adminQuery('DROP TABLE bulk; ANALYZE')
  const bulkMs = performance.now() - s0
  const counts = (await op.adminQuery(`SELECT (SELECT count(*) FROM tessera.tenants)::int AS tenants, (SELECT count(*) FROM tessera.tenant_plugins WHERE state = 'enabled')::int AS enabled`)).rows[0]
  const s = await startServer(databaseUrl)
  const url = `${s.url}/api/v1/gen01/things/1`
  const check = await fetch(url, { headers: { cookie: cookies[cookies.length - 1] } })
  if (check.status !== 200) throw new Error(`plugin route: ${check.status} ${await check.text()}`)
  return {
    tenants, databaseUrl, op, server: s.child, url: s.url, cookie, cookies, realTenantId: real.id, rounds: [],
    info: { tenants: counts.tenants, enabledTenantPlugins: counts.enabled, bulkInsertMs: round(bulkMs, 0), bootMs: round(s.bootMs, 0), rssAfterBootMb: round(s.rssMb, 1), heapAfterBootMb: round(s.heapMb, 1) },
  }
}

/** Time for an enable/disable made on the operator instance to be seen by the serving one. */
async function propagation(sc: Scenario, toggles: number) {
  const probe = `${sc.url}/api/v1/gen02/things/1`
  const until = async (status: number) => {
    const start = performance.now()
    for (;;) {
      const res = await fetch(probe, { headers: { cookie: sc.cookie } })
      await res.arrayBuffer()
      if (res.status === status) return performance.now() - start
      if (performance.now() - start > 10_000) throw new Error(`never saw ${status}`)
    }
  }
  const disableMs: number[] = []
  const enableMs: number[] = []
  for (let i = 0; i < toggles; i++) {
    const d0 = performance.now()
    await sc.op.kernel.services.enablement.disable(sc.realTenantId, 'gen02', { type: 'system', id: 'bench' })
    const dCommit = performance.now() - d0
    disableMs.push(dCommit + (await until(404)))
    const e0 = performance.now()
    await sc.op.enable(sc.realTenantId, 'gen02')
    const eCommit = performance.now() - e0
    enableMs.push(eCommit + (await until(200)))
    await sleep(50)
  }
  return { disableReachesOtherInstanceMs: round(median(disableMs), 1), enableReachesOtherInstanceMs: round(median(enableMs), 1) }
}

async function tearDown(sc: Scenario) {
  if (sc.server.exitCode === null) {
    sc.server.removeAllListeners('exit')
    sc.server.kill('SIGTERM')
    await new Promise((r) => sc.server.once('exit', r))
  }
  await sc.op.close()
  await dropTestDatabase(sc.databaseUrl)
}

await defineBenchmark({
  name: 'tenant-scale',
  title: 'tenant-scale: 10,000 vs 10 tenants',
  metrics: {
    gateThroughputLargeVsSmall: { label: 'gate throughput, 10,000 ÷ 10 tenants', unit: '×', digits: 3 },
    gateCpuPerRequestLargeVsSmall: { label: 'server CPU per request, 10,000 ÷ 10 tenants', unit: '×', digits: 3 },
    bootLargeVsSmall: { label: 'boot time, 10,000 ÷ 10 tenants', unit: '×', digits: 2 },
    rssAfterBootLargeVsSmall: { label: 'RSS after boot, 10,000 ÷ 10 tenants', unit: '×', digits: 2 },
    liveHeapPerCachedTenantKb: { label: 'live heap per cached tenant', unit: 'KB', digits: 2 },
    largeGateRps: { label: '10,000 tenants: gate throughput', unit: 'req/s', digits: 0 },
    largeDisableReachesOtherInstanceMs: { label: '10,000 tenants: disable → other instance', unit: 'ms', digits: 1 },
    largeEnableReachesOtherInstanceMs: { label: '10,000 tenants: enable → other instance', unit: 'ms', digits: 1 },
  },
  async run({ quick }) {
    const SCALES = quick ? [10, 2000] : [10, 10_000]
    const ROUNDS = quick ? 1 : 3
    const DURATION = quick ? 2 : 5
    const TOGGLES = quick ? 2 : 5
    let results: ScaleResult[] = []
    let gateRatio = NaN
    let cpuRatio = NaN
    const scenarios: Scenario[] = []
    try {
      for (const n of SCALES) scenarios.push(await setUp(n))
      // warm-up: every tenant's session once (fills the session and enablement caches), at least 2000 requests
      for (const sc of scenarios) await runLoad({ url: `${sc.url}/api/v1/gen01/things/1`, connections: 10, amount: Math.max(2000, sc.cookies.length), cookies: sc.cookies })
      // gate rounds interleaved across the scales, so that noise from the shared machine hits them alike
      for (let r = 0; r < ROUNDS; r++) {
        for (const sc of scenarios) {
          const cpu0 = cpuUsOf(sc.server.pid!)
          const res = await runLoad({ url: `${sc.url}/api/v1/gen01/things/1`, connections: 10, duration: DURATION, cookies: sc.cookies })
          const cpuUs = cpuUsOf(sc.server.pid!) - cpu0
          if (res.non2xx || res.errors) throw new Error(`gate load: ${JSON.stringify(res.statuses)} errors ${res.errors}`)
          sc.rounds.push({ ...res, cpuUsPerRequest: round(cpuUs / res.total, 1) })
        }
      }
      const rss = scenarios.map((sc) => rssMbOf(sc.server.pid!))
      const gcHeap: { gcHeapMb: number; gcRssMb: number }[] = []
      for (const sc of scenarios) gcHeap.push(await gcHeapOf(sc.server))
      const toggles: Awaited<ReturnType<typeof propagation>>[] = []
      for (const sc of scenarios) toggles.push(await propagation(sc, TOGGLES))
      results = scenarios.map((sc, i) => ({
        ...sc.info, rssAfterLoadMb: round(rss[i], 1), liveHeapAfterLoadMb: round(gcHeap[i].gcHeapMb, 1),
        gateRps: round(median(sc.rounds.map((x) => x.rps)), 0), gateP99Ms: median(sc.rounds.map((x) => x.p99)), runsRps: sc.rounds.map((x) => round(x.rps, 0)), gateCpuUsPerRequest: median(sc.rounds.map((x) => x.cpuUsPerRequest)),
        distinctSessionsInLoad: sc.cookies.length, ...toggles[i],
      }))
      gateRatio = median(scenarios[0].rounds.map((x, i) => scenarios[scenarios.length - 1].rounds[i].rps / x.rps))
      cpuRatio = median(scenarios[0].rounds.map((x, i) => scenarios[scenarios.length - 1].rounds[i].cpuUsPerRequest / x.cpuUsPerRequest))
    } finally {
      for (const sc of scenarios) await tearDown(sc)
    }
    printTable(`tenant-scale (${PLUGINS} plugins; gate load: 10 connections, ${ROUNDS} × ${DURATION}s, requests spread over every tenant's session)`, results.map((r) => ({
      tenants: r.tenants, 'enabled plugin rows': r.enabledTenantPlugins, 'boot ms': r.bootMs, 'RSS boot MB': r.rssAfterBootMb, 'RSS after load MB': r.rssAfterLoadMb, 'live heap after load (GC) MB': r.liveHeapAfterLoadMb,
      'gate req/s': r.gateRps, 'server CPU µs/req': r.gateCpuUsPerRequest, 'p99 ms': r.gateP99Ms, 'disable → other instance ms': r.disableReachesOtherInstanceMs, 'enable → other instance ms': r.enableReachesOtherInstanceMs,
    })))
    const [small, large] = [results[0], results[results.length - 1]]
    const ratios = {
      gateRpsLargeVsSmall: gateRatio, // median of per-round ratios (rounds interleaved)
      gateCpuPerRequestLargeVsSmall: cpuRatio,
      bootLargeVsSmall: round(large.bootMs / small.bootMs, 3),
      rssAfterBootLargeVsSmall: round(large.rssAfterBootMb / small.rssAfterBootMb, 3),
      rssAfterLoadLargeVsSmall: round(large.rssAfterLoadMb / small.rssAfterLoadMb, 3),
      rssPerCachedTenantKb: round(((large.rssAfterLoadMb - small.rssAfterLoadMb) * 1024) / (large.tenants - small.tenants), 2),
      liveHeapAfterLoadLargeVsSmall: round(large.liveHeapAfterLoadMb / small.liveHeapAfterLoadMb, 3),
      liveHeapPerCachedTenantKb: round(((large.liveHeapAfterLoadMb - small.liveHeapAfterLoadMb) * 1024) / (large.tenants - small.tenants), 2),
    }
    printTable(`ratios ${large.tenants} vs ${small.tenants} tenants (same run)`, Object.entries(ratios).map(([k, v]) => ({ ratio: k, value: round(v, 3) })))
    return {
      metrics: {
        gateThroughputLargeVsSmall: gateRatio, gateCpuPerRequestLargeVsSmall: cpuRatio, bootLargeVsSmall: ratios.bootLargeVsSmall,
        rssAfterBootLargeVsSmall: ratios.rssAfterBootLargeVsSmall, liveHeapPerCachedTenantKb: ratios.liveHeapPerCachedTenantKb,
        largeGateRps: large.gateRps, largeDisableReachesOtherInstanceMs: large.disableReachesOtherInstanceMs, largeEnableReachesOtherInstanceMs: large.enableReachesOtherInstanceMs,
      },
      setup: { plugins: PLUGINS, scales: SCALES, rounds: ROUNDS, durationSeconds: DURATION, toggles: TOGGLES, connections: 10 },
      details: { results, ratios },
    }
  },
}, import.meta.filename)
