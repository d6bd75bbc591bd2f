/**
 * Lost connections: while clients keep writing and reading, every backend of the kernel — the runtime pool's, the
 * admin pool's, pg-boss's (its pool and its LISTEN client) and the kernel's LISTEN connection — is terminated in turn
 * with `pg_terminate_backend` (what an administrator, a failover or an idle-session killer does; the client sees
 * 57P01). Nothing crashes (a pooled client without an 'error' listener would throw an uncaught exception); `/readyz`
 * answers 503 naming the lost LISTEN connection until it is back; after each termination `/readyz` is 200 again, writes
 * and reads succeed, and jobs enqueued afterwards still run — without restarting the kernel.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { definePlugin } from '@tessera/sdk'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'

const KERNEL_APPS = ['tessera', 'tessera-admin', 'tessera-jobs', 'tessera-listener']

const ledger = definePlugin({
  id: 'ledger',
  version: '1.0.0',
  kernel: '^1.0.0',
  name: 'Ledger',
  description: 'Fixture: writes, reads and a job',
  permissions: { 'ledger.use': { description: 'Use', roles: ['admin'] } },
  migrations: [{ name: '001_lines', up: `CREATE TABLE lines (id serial PRIMARY KEY, tenant_id uuid NOT NULL, label text NOT NULL, done boolean NOT NULL DEFAULT false)` }],
  jobs: {
    settle: {
      handler: async (job, ctx) => {
        await ctx.db.query('UPDATE ledger.lines SET done = true WHERE id = $1', [job.data.id])
      },
    },
  },
  routes(app, ctx) {
    const any = { type: 'object', additionalProperties: true } as const
    app.post('/lines', {
      config: { permission: 'ledger.use' },
      schema: { body: { type: 'object', required: ['label'], additionalProperties: false, properties: { label: { type: 'string', maxLength: 50 } } }, response: { 201: any } },
    }, async (req, reply) => {
      const row = await ctx.db.one<{ id: number }>('INSERT INTO ledger.lines (label) VALUES ($1) RETURNING id', [(req.body as { label: string }).label])
      await ctx.jobs.send('settle', { id: row!.id })
      return reply.code(201).send({ id: row!.id })
    })
    app.get('/lines', { config: { permission: 'ledger.use' }, schema: { response: { 200: any } } }, async () => ({
      count: (await ctx.db.one<{ n: number }>('SELECT count(*)::int AS n FROM ledger.lines'))!.n,
    }))
  },
})

let t: TestKernel
let cookie = ''

before(async () => {
  t = await createTestKernel({ plugins: [ledger] })
  const tenant = await t.createTenant()
  await t.enable(tenant.id, 'ledger')
  cookie = (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie
})
after(() => t.close())

async function until(fn: () => Promise<boolean>, ms: number, every = 20): Promise<boolean> {
  for (const start = Date.now(); Date.now() - start < ms; await new Promise((r) => setTimeout(r, every))) if (await fn()) return true
  return false
}

const backends = async () =>
  (await t.adminQuery(
    `SELECT pid, application_name AS app FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = ANY($1) ORDER BY application_name, pid`,
    [KERNEL_APPS],
  )).rows as { pid: number; app: string }[]

test('every kernel backend terminated in turn while requests run: nothing crashes, /readyz reports it and returns to 200, requests and jobs succeed', { timeout: 170_000 }, async (ctx) => {
  const write = async () => (await t.request({ method: 'POST', url: '/api/v1/ledger/lines', session: cookie, payload: { label: 'x' } })).statusCode
  const read = async () => (await t.request({ method: 'GET', url: '/api/v1/ledger/lines', session: cookie })).statusCode
  const ready = async () => t.request({ method: 'GET', url: '/readyz' })

  // load: 4 clients writing and reading until the end
  let running = true
  const statuses: Record<number, number> = {}
  const load = Array.from({ length: 4 }, async (_, i) => {
    while (running) {
      const s = i % 2 ? await read() : await write()
      statuses[s] = (statuses[s] ?? 0) + 1
      await new Promise((r) => setTimeout(r, 5))
    }
  })
  assert.ok(await until(async () => (await backends()).some((b) => b.app === 'tessera-jobs'), 10_000), 'pg-boss is connected')

  const initial = await backends()
  const hit = new Set<string>()
  let listenerNotReady: unknown
  for (const victim of initial) {
    const { rows } = await t.adminQuery('SELECT pg_terminate_backend($1) AS done', [victim.pid])
    if (!rows[0].done) continue // already gone (a pool may have replaced it)
    hit.add(victim.app)
    if (victim.app === 'tessera-listener') {
      // the LISTEN connection reconnects after a backoff: meanwhile /readyz says which check is down
      await until(async () => {
        const r = await ready()
        if (r.statusCode === 503) listenerNotReady = r.json()
        return r.statusCode === 503
      }, 3000, 5)
    }
    const back = await until(async () => (await ready()).statusCode === 200 && (await write()) === 201 && (await read()) === 200, 20_000, 50)
    assert.ok(back, `the kernel did not recover after ${victim.app} (pid ${victim.pid}) was terminated: ${(await ready()).body}`)
  }
  running = false
  await Promise.all(load)

  assert.deepEqual([...hit].sort(), [...KERNEL_APPS].sort(), `every kind of kernel backend was terminated (initial: ${JSON.stringify(initial)})`)
  assert.deepEqual(listenerNotReady, { status: 'not ready', checks: { database: true, runtimeDatabase: true, listener: false } })
  const now = await backends()
  assert.ok(now.some((b) => b.app === 'tessera-listener'), 'the LISTEN connection is back')
  assert.ok(!now.some((b) => initial.some((i) => i.pid === b.pid)), 'every backend is a new one')

  // jobs enqueued after the terminations still run (pg-boss reconnected)
  const w = await t.request({ method: 'POST', url: '/api/v1/ledger/lines', session: cookie, payload: { label: 'after' } })
  assert.equal(w.statusCode, 201, w.body)
  const id = w.json().id
  assert.ok(await until(async () => (await t.adminQuery('SELECT done FROM ledger.lines WHERE id = $1', [id])).rows[0]?.done === true, 30_000, 100), 'the job ran')
  ctx.diagnostic(`terminated ${initial.length} backends (${[...hit].join(', ')}); request statuses ${JSON.stringify(statuses)}`)
  assert.ok((statuses[201] ?? 0) > 0 && (statuses[200] ?? 0) > 0)
  assert.ok(Object.keys(statuses).every((s) => ['200', '201', '500', '503'].includes(s)), `only successes or server errors: ${JSON.stringify(statuses)}`)
})
