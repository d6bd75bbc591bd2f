/**
 * Diagnostic for kernel-overhead: where a plugin request's time goes. Measures, in-process with `app.inject`
 * (no network), the median time of: /healthz (Fastify + global hooks), an authenticated kernel route, and the
 * plugin route; then times each stage of the plugin route with a wrapped pool. Optional: `--cpu-prof` on the node
 * command line writes a V8 profile of the loop. `LOAD=1` then puts the route under load over HTTP (10 connections,
 * a separate load process); `PROFILE=<dir>` with it writes a CPU profile of the load phase only (node:inspector), to
 * be read by `node bench/lib/cpuprofile-layers.ts <dir> <requests>` (the requests are printed).
 *   node bench/profile-kernel.ts
 *   LOAD=1 PROFILE=/tmp/prof node bench/profile-kernel.ts
 */
import { createTestKernel } from '@tessera/kernel/testing'
import { benchItems } from './lib/fixtures.ts'
import { median, printTable, round } from './lib/stats.ts'
import { profiledLoad } from './lib/profiled-load.ts'
import { benchKernelConfig } from './lib/bench-config.ts'

const t = await createTestKernel({ captureEvents: false, plugins: [benchItems], config: benchKernelConfig() })
try {
  const tenant = await t.createTenant()
  await t.enable(tenant.id, 'benchitems')
  await t.adminQuery(`INSERT INTO benchitems.items (tenant_id, k, v) SELECT $1, k, 'v' || k FROM generate_series(1, 10000) k`, [tenant.id])
  const { cookie } = await t.signIn({ tenantId: tenant.id, role: 'member' })
  const cases: Record<string, { url: string; session?: string }> = {
    'GET /healthz (no auth)': { url: '/healthz' },
    'GET /api/v1/auth/me (session)': { url: '/api/v1/auth/me', session: cookie },
    'GET plugin route (gate + tx + SELECT)': { url: '/api/v1/benchitems/items/4242', session: cookie },
  }
  const rows = []
  const N = Number(process.env.N ?? 1000)
  for (const [name, c] of Object.entries(cases)) {
    for (let i = 0; i < 100; i++) await t.request({ method: 'GET', url: c.url, session: c.session })
    const lat: number[] = []
    let status = 0
    for (let i = 0; i < N; i++) {
      const s = performance.now()
      status = (await t.request({ method: 'GET', url: c.url, session: c.session })).statusCode
      lat.push(performance.now() - s)
    }
    rows.push({ case: name, status, 'median µs': round(median(lat) * 1000, 0) })
  }
  // stage timing of the plugin route: time spent inside pg queries vs outside
  const pool = t.kernel.services.pool
  let inDb = 0
  const origConnect = pool.connect.bind(pool)
  let connectTime = 0
  ;(pool as unknown as { connect: () => Promise<unknown> }).connect = async () => {
    const s = performance.now()
    const client = await origConnect() as { query: (...a: unknown[]) => Promise<unknown>; __wrapped?: boolean }
    connectTime += performance.now() - s
    if (!client.__wrapped) {
      const q = client.query.bind(client)
      client.query = async (...a: unknown[]) => {
        const s2 = performance.now()
        try { return await q(...a) } finally { inDb += performance.now() - s2 }
      }
      client.__wrapped = true
    }
    return client
  }
  const total0 = performance.now()
  for (let i = 0; i < N; i++) await t.request({ method: 'GET', url: '/api/v1/benchitems/items/4242', session: cookie })
  const total = performance.now() - total0
  printTable('per request, sequential, in-process (app.inject)', rows)
  printTable('plugin route split', [{
    'total µs/req': round((total / N) * 1000, 0), 'in pg queries µs/req': round((inDb / N) * 1000, 0),
    'pool.connect µs/req': round((connectTime / N) * 1000, 0), 'rest µs/req': round(((total - inDb - connectTime) / N) * 1000, 0),
  }])
  if (process.env.LOAD === '1') {
    const url = `${await t.kernel.listen()}/api/v1/benchitems/items/4242`
    await profiledLoad('load', { url, connections: 10, headers: { cookie } })
  }
} finally {
  await t.close()
}
