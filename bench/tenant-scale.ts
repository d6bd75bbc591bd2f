/**
 * Tenant scale: the same kernel (10 generated plugins, each with a table and a gated route) over a database with 10
 * tenants and with 10,000 tenants × 10 enabled plugins (tenants, users, memberships, sessions and tenant_plugins
 * rows created in bulk with SQL). For each: boot time and RSS of a fresh kernel process, req/s of a plugin route with
 * the requests spread over every tenant's session (so every tenant's enablement and session are cached: the
 * gate's worst case for memory), RSS after that load, and the time for an enable/disable made on a second kernel
 * instance to reach the serving one (NOTIFY → cache drop). Goal: memory and per-request cost follow the plugins,
 * not the tenants.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createTestKernel, createTestDatabase, dropTestDatabase } from '@tessera/kernel/testing'
import { generatedPlugins } from './lib/fixtures.ts'
import { runLoad } from './lib/load.ts'
import type { LoadResult } from './lib/load.ts'
import { median, printTable, round, writeResult, sleep } from './lib/stats.ts'

const PLUGINS = 10
const SCALES = (process.env.BENCH_SCALES ?? '10,10000').split(',').map(Number)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const DURATION = Number(process.env.BENCH_DURATION ?? 5)
const TOGGLES = 5
const SERVER = join(import.meta.dirname, 'tenant-scale-server.ts')
interface ScaleResult {
  tenants: number; enabledTenantPlugins: number; bulkInsertMs: number; bootMs: number; rssAfterBootMb: number; heapAfterBootMb: number; rssAfterLoadMb: number; liveHeapAfterLoadMb: number
  gateRps: number; gateP99Ms: number; runsRps: number[]; distinctSessionsInLoad: number; disableReachesOtherInstanceMs: number; enableReachesOtherInstanceMs: number
}
let results: ScaleResult[] = []
let gateRatio = NaN

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
  rounds: LoadResult[]
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
async function propagation(sc: Scenario) {
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
  for (let i = 0; i < TOGGLES; i++) {
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

const scenarios: Scenario[] = []
try {
  for (const n of SCALES) scenarios.push(await setUp(n))
  // warm-up: every tenant's session once (fills the session and enablement caches), at least 2000 requests
  for (const sc of scenarios) await runLoad({ url: `${sc.url}/api/v1/gen01/things/1`, connections: 10, amount: Math.max(2000, sc.cookies.length), cookies: sc.cookies })
  // gate rounds interleaved across the scales, so that noise from the shared machine hits them alike
  for (let r = 0; r < ROUNDS; r++) {
    for (const sc of scenarios) {
      const res = await runLoad({ url: `${sc.url}/api/v1/gen01/things/1`, connections: 10, duration: DURATION, cookies: sc.cookies })
      if (res.non2xx || res.errors) throw new Error(`gate load: ${JSON.stringify(res.statuses)} errors ${res.errors}`)
      sc.rounds.push(res)
    }
  }
  const rss = scenarios.map((sc) => rssMbOf(sc.server.pid!))
  const gcHeap: { gcHeapMb: number; gcRssMb: number }[] = []
  for (const sc of scenarios) gcHeap.push(await gcHeapOf(sc.server))
  const toggles: Awaited<ReturnType<typeof propagation>>[] = []
  for (const sc of scenarios) toggles.push(await propagation(sc))
  results = scenarios.map((sc, i) => ({
    ...sc.info, rssAfterLoadMb: round(rss[i], 1), liveHeapAfterLoadMb: round(gcHeap[i].gcHeapMb, 1),
    gateRps: round(median(sc.rounds.map((x) => x.rps)), 0), gateP99Ms: median(sc.rounds.map((x) => x.p99)), runsRps: sc.rounds.map((x) => round(x.rps, 0)),
    distinctSessionsInLoad: sc.cookies.length, ...toggles[i],
  }))
  gateRatio = round(median(scenarios[0].rounds.map((x, i) => scenarios[scenarios.length - 1].rounds[i].rps / x.rps)), 3)
} finally {
  for (const sc of scenarios) await tearDown(sc)
}
printTable(`tenant-scale (${PLUGINS} plugins; gate load: 10 connections, ${ROUNDS} × ${DURATION}s, requests spread over every tenant's session)`, results.map((r) => ({
  tenants: r.tenants, 'enabled plugin rows': r.enabledTenantPlugins, 'boot ms': r.bootMs, 'RSS boot MB': r.rssAfterBootMb, 'RSS after load MB': r.rssAfterLoadMb, 'live heap after load (GC) MB': r.liveHeapAfterLoadMb,
  'gate req/s': r.gateRps, 'p99 ms': r.gateP99Ms, 'disable → other instance ms': r.disableReachesOtherInstanceMs, 'enable → other instance ms': r.enableReachesOtherInstanceMs,
})))
const [small, large] = [results[0], results[results.length - 1]]
const ratios = {
  gateRpsLargeVsSmall: gateRatio, // median of per-round ratios (rounds interleaved)
  bootLargeVsSmall: round(large.bootMs / small.bootMs, 3),
  rssAfterBootLargeVsSmall: round(large.rssAfterBootMb / small.rssAfterBootMb, 3),
  rssAfterLoadLargeVsSmall: round(large.rssAfterLoadMb / small.rssAfterLoadMb, 3),
  rssPerCachedTenantKb: round(((large.rssAfterLoadMb - small.rssAfterLoadMb) * 1024) / (large.tenants - small.tenants), 2),
  liveHeapAfterLoadLargeVsSmall: round(large.liveHeapAfterLoadMb / small.liveHeapAfterLoadMb, 3),
  liveHeapPerCachedTenantKb: round(((large.liveHeapAfterLoadMb - small.liveHeapAfterLoadMb) * 1024) / (large.tenants - small.tenants), 2),
}
printTable(`ratios ${large.tenants} vs ${small.tenants} tenants (same run)`, Object.entries(ratios).map(([k, v]) => ({ ratio: k, value: v })))
console.log(`\nwrote ${writeResult('tenant-scale', { setup: { plugins: PLUGINS, rounds: ROUNDS, durationSeconds: DURATION, toggles: TOGGLES, connections: 10 }, results, ratios })}`)
