/**
 * Tessera behind PgBouncer in transaction pooling mode: the Debian `pgbouncer` this test starts itself (its own port
 * and temp dir, as the postgres user, stopped at the end), `default_pool_size = 2`. A real kernel's runtime pool
 * (`database.runtimeUrl`) goes through it; the admin pool, pg-boss and the LISTEN connection stay direct (LISTEN
 * cannot survive transaction pooling). 20 concurrent clients of 5 tenants run full transactions (POST) and
 * statement-bound reads (GET) through the kernel; every statement reports the tenant and role it ran under, and not
 * one sees a wrong tenant, a wrong role or another tenant's row — although 20 clients share 2 server connections.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { definePlugin } from '@tessera/sdk'
import { createTestKernel, createTestDatabase, dropTestDatabase } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'

const PGBOUNCER = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((p) => existsSync(p))
const root = process.getuid?.() === 0
const CLIENTS = 20
const TENANTS = 5
const ROUNDS = 15

// each statement's view: the tenant bound on its transaction, the role it runs as, rows of other tenants it can see
const WHO = `SELECT current_setting('app.tenant_id', true) AS tenant, current_user AS "user", session_user AS "session",
                    (SELECT count(*)::int FROM pooled.marks WHERE tenant_id IS DISTINCT FROM tessera.current_tenant()) AS foreign`

const pooled = definePlugin({
  id: 'pooled',
  version: '1.0.0',
  kernel: '^1.0.0',
  name: 'Pooled',
  description: 'Fixture: reports the tenant and role of each statement',
  permissions: { 'pooled.use': { description: 'Use', roles: ['admin'] } },
  migrations: [{ name: '001_marks', up: 'CREATE TABLE marks (id serial PRIMARY KEY, tenant_id uuid NOT NULL, client int NOT NULL)' }],
  routes(app, ctx) {
    const views = { type: 'object', additionalProperties: true } as const
    app.post('/marks', {
      config: { permission: 'pooled.use' },
      schema: { body: { type: 'object', required: ['client'], additionalProperties: false, properties: { client: { type: 'integer', minimum: 0, maximum: 1000 } } }, response: { 201: views } },
    }, async (req, reply) => {
      const seen = [await ctx.db.one(WHO)]
      await ctx.db.query('INSERT INTO pooled.marks (client) VALUES ($1)', [(req.body as { client: number }).client])
      seen.push(await ctx.db.one(WHO))
      const own = await ctx.db.one<{ n: number }>('SELECT count(*)::int AS n FROM pooled.marks')
      seen.push(await ctx.db.one(WHO))
      return reply.code(201).send({ seen, own: own!.n })
    })
    app.get('/marks', { config: { permission: 'pooled.use' }, schema: { response: { 200: views } } }, async () => {
      const seen = []
      for (let i = 0; i < 3; i++) seen.push(await ctx.db.one(WHO))
      return { seen }
    })
  },
})

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
    s.on('error', reject)
  })
}

let dir = ''
let bouncerPid = 0
let bouncerPort = 0
let databaseUrl = ''
let t: TestKernel | undefined

/** Starts PgBouncer (daemonised, as the postgres user when we are root) in front of the database server of `serverUrl`. */
async function startPgBouncer(serverUrl: string): Promise<void> {
  dir = mkdtempSync(join(tmpdir(), 'tessera-pgbouncer-'))
  bouncerPort = await freePort()
  const server = new URL(serverUrl)
  writeFileSync(join(dir, 'users.txt'), '"tessera_app" ""\n"postgres" ""\n')
  writeFileSync(join(dir, 'pgbouncer.ini'), [
    '[databases]',
    `* = host=${server.hostname} port=${server.port || 5432}`,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${bouncerPort}`,
    'unix_socket_dir =',
    'auth_type = trust', // tests only
    `auth_file = ${join(dir, 'users.txt')}`,
    'admin_users = postgres',
    'pool_mode = transaction',
    'default_pool_size = 2',
    'max_client_conn = 200',
    'ignore_startup_parameters = extra_float_digits',
    `pidfile = ${join(dir, 'pgbouncer.pid')}`,
    `logfile = ${join(dir, 'pgbouncer.log')}`,
    '',
  ].join('\n'))
  if (root) {
    chmodSync(dir, 0o755)
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim())
    for (const f of ['', 'users.txt', 'pgbouncer.ini']) chownSync(join(dir, f), uid, gid)
    execFileSync('runuser', ['-u', 'postgres', '--', PGBOUNCER!, '-d', join(dir, 'pgbouncer.ini')], { stdio: 'pipe', timeout: 30_000 })
  } else {
    execFileSync(PGBOUNCER!, ['-d', join(dir, 'pgbouncer.ini')], { stdio: 'pipe', timeout: 30_000 })
  }
  for (const start = Date.now(); Date.now() - start < 15_000; await new Promise((r) => setTimeout(r, 50))) {
    if (existsSync(join(dir, 'pgbouncer.pid'))) {
      bouncerPid = Number(readFileSync(join(dir, 'pgbouncer.pid'), 'utf8').trim())
      if (bouncerPid) break
    }
  }
  assert.ok(bouncerPid > 0, 'pgbouncer wrote its pid file')
}

async function stopPgBouncer(): Promise<void> {
  if (bouncerPid) {
    try {
      process.kill(bouncerPid, 'SIGTERM')
      for (const start = Date.now(); Date.now() - start < 10_000; await new Promise((r) => setTimeout(r, 50))) process.kill(bouncerPid, 0)
    } catch {
      // exited
    }
  }
  if (dir) rmSync(dir, { recursive: true, force: true })
}

/** PgBouncer's SHOW POOLS for the test database (admin console, simple protocol). */
async function pools(): Promise<{ clients: number; servers: number }> {
  const c = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${bouncerPort}/pgbouncer` })
  await c.connect()
  try {
    const db = new URL(databaseUrl).pathname.slice(1)
    const rows = (await c.query('SHOW POOLS')).rows.filter((r) => r.database === db && r.user === 'tessera_app')
    const n = (k: string) => rows.reduce((s, r) => s + Number(r[k] ?? 0), 0)
    return { clients: n('cl_active') + n('cl_waiting'), servers: n('sv_active') + n('sv_idle') + n('sv_used') + n('sv_tested') + n('sv_login') }
  } finally {
    await c.end()
  }
}

const available = PGBOUNCER !== undefined
before(async () => {
  if (!available) return
  databaseUrl = await createTestDatabase()
  await startPgBouncer(databaseUrl)
  const runtimeUrl = new URL(databaseUrl)
  runtimeUrl.port = String(bouncerPort)
  runtimeUrl.username = 'tessera_app'
  runtimeUrl.password = ''
  t = await createTestKernel({ plugins: [pooled], databaseUrl, config: { database: { runtimeUrl: runtimeUrl.toString(), poolSize: CLIENTS } } })
})

after(async () => {
  await t?.close().catch(() => {})
  await stopPgBouncer()
  if (databaseUrl) await dropTestDatabase(databaseUrl).catch(() => {})
})

interface View { tenant: string; user: string; session: string; foreign: number }

test(`${CLIENTS} concurrent clients over 2 PgBouncer server connections: 0 statements see a wrong tenant or role`, { skip: !available && 'needs the Debian pgbouncer package', timeout: 170_000 }, async (ctx) => {
  const kernel = t!
  const tenants = await Promise.all(Array.from({ length: TENANTS }, async () => {
    const tenant = await kernel.createTenant()
    await kernel.enable(tenant.id, 'pooled')
    return { id: tenant.id, cookie: (await kernel.signIn({ tenantId: tenant.id, role: 'admin' })).cookie }
  }))

  let maxServers = 0
  let maxClients = 0
  let sampling = true
  const sampler = (async () => {
    while (sampling) {
      const p = await pools()
      maxServers = Math.max(maxServers, p.servers)
      maxClients = Math.max(maxClients, p.clients)
      await new Promise((r) => setTimeout(r, 20))
    }
  })()

  const wrong: string[] = []
  let statements = 0
  let requests = 0
  const check = (expected: string, views: View[], where: string) => {
    for (const v of views) {
      statements++
      if (v.tenant !== expected || v.user !== 'tessera_app' || v.session !== 'tessera_app' || v.foreign !== 0) wrong.push(`${where}: ${JSON.stringify(v)} (expected ${expected})`)
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, async (_, client) => {
    const tenant = tenants[client % TENANTS]
    for (let round = 0; round < ROUNDS; round++) {
      const w = await kernel.request({ method: 'POST', url: '/api/v1/pooled/marks', session: tenant.cookie, payload: { client } })
      assert.equal(w.statusCode, 201, w.body)
      check(tenant.id, w.json().seen, `POST client ${client}`)
      const r = await kernel.request({ method: 'GET', url: '/api/v1/pooled/marks', session: tenant.cookie })
      assert.equal(r.statusCode, 200, r.body)
      check(tenant.id, r.json().seen, `GET client ${client}`)
      requests += 2
    }
  }))
  sampling = false
  await sampler

  const { rows } = await kernel.adminQuery('SELECT tenant_id, count(*)::int AS n FROM pooled.marks GROUP BY tenant_id')
  ctx.diagnostic(`${requests} requests, ${statements} checked statements, ${wrong.length} wrong; PgBouncer max ${maxClients} active/waiting clients on max ${maxServers} server connections`)
  assert.deepEqual(wrong.slice(0, 5), [])
  assert.equal(statements, CLIENTS * ROUNDS * 6)
  assert.equal(rows.length, TENANTS)
  assert.ok(rows.every((r) => r.n === (CLIENTS / TENANTS) * ROUNDS), `each tenant has exactly its own rows: ${JSON.stringify(rows)}`)
  assert.ok(maxServers <= 2, `PgBouncer used ${maxServers} server connections`)
  assert.ok(maxClients > 2, `more clients than server connections were active at once (${maxClients})`)
  // LISTEN stays direct: the kernel is ready
  const ready = await kernel.request({ method: 'GET', url: '/readyz' })
  assert.equal(ready.statusCode, 200, ready.body)
})
