/**
 * Reliability: PostgreSQL restarted under load, on a throwaway cluster this test starts itself (initdb + pg_ctl as
 * the postgres user, its own port and socket directory), so the shared test server is never touched. A kernel boots
 * on it and serves 4 clients writing and reading notes; then `pg_ctl stop -m fast`:
 * - `/readyz` answers 503 within 5 s, and every request during the outage ends (5xx) well inside its 5 s budget —
 *   none hangs;
 * - after `pg_ctl start`, `/readyz` is 200 again and writes and reads succeed — without restarting the kernel;
 * - no pooled connection emits an 'error' that nobody listens to: a connection that PostgreSQL terminates while a
 *   tenant transaction holds it emits 'error' on its pg Client, and without a listener that is an uncaught exception
 *   that kills the kernel (found by this test; the kernel now listens on every pooled client). The test listens on
 *   every pooled client to record such errors (so that they do not crash the test process) and reports them.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, chmodSync, chownSync, rmSync, existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { createTestKernel } from '../../src/testing/index.ts'
import type { TestKernel } from '../../src/testing/index.ts'
import notes from '../fixtures/notes-plugin.ts'

const BIN = '/usr/lib/postgresql/15/bin'
const available = existsSync(`${BIN}/pg_ctl`) && process.getuid?.() === 0
let dir = ''
let port = 0
let t: TestKernel | undefined
let base = ''
let cookie = ''

function pgCtl(...args: string[]): void {
  execFileSync('runuser', ['-u', 'postgres', '--', `${BIN}/pg_ctl`, '-D', join(dir, 'data'), ...args], { stdio: 'pipe', timeout: 60_000 })
}
const startPostgres = () => pgCtl('-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-l', join(dir, 'log'), '-w', 'start')
const stopPostgres = () => pgCtl('-m', 'fast', '-w', 'stop')

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port
      s.close(() => resolve(p))
    })
    s.on('error', reject)
  })
}

before(async () => {
  if (!available) return
  dir = mkdtempSync(join(tmpdir(), 'tessera-pg-'))
  chmodSync(dir, 0o755)
  const pw = execFileSync('id', ['-u', 'postgres']).toString().trim()
  const gid = execFileSync('id', ['-g', 'postgres']).toString().trim()
  chownSync(dir, Number(pw), Number(gid))
  execFileSync('runuser', ['-u', 'postgres', '--', `${BIN}/initdb`, '-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], { stdio: 'pipe', timeout: 60_000 })
  port = await freePort()
  startPostgres()
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` })
  await admin.connect()
  await admin.query('CREATE DATABASE tessera_restart')
  await admin.end()
  t = await createTestKernel({ plugins: [notes], databaseUrl: `postgres://postgres@127.0.0.1:${port}/tessera_restart` })
  const tenant = await t.createTenant()
  await t.enable(tenant.id, 'notes', { title: 'x' })
  cookie = (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie
  base = await t.kernel.listen()
  // record 'error' events that would have had no listener (see the header); attach to every client of the pool
  const pool = t.kernel.services.pool as unknown as pg.Pool & { _clients?: pg.Client[] }
  const guard = (client: pg.Client) => {
    const listener = (err: Error) => {
      if (client.listenerCount('error') === 1) unhandled.push(`${err.message}`)
    }
    client.on('error', listener)
  }
  for (const c of pool._clients ?? []) guard(c)
  pool.on('connect', guard)
})

const unhandled: string[] = []

after(async () => {
  await t?.close().catch(() => {})
  if (dir) {
    try { stopPostgres() } catch { /* already stopped */ }
    rmSync(dir, { recursive: true, force: true })
  }
})

interface Outcome { at: number; ms: number; status: number | 'timeout' | 'error' }

/** One request with a 5 s budget; never throws. */
async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Outcome> {
  const at = Date.now()
  try {
    const res = await fetch(`${base}${path}`, {
      method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(5000),
    })
    await res.arrayBuffer()
    return { at, ms: Date.now() - at, status: res.status }
  } catch (err) {
    return { at, ms: Date.now() - at, status: (err as Error).name === 'TimeoutError' ? 'timeout' : 'error' }
  }
}

async function until(fn: () => Promise<boolean>, ms: number): Promise<number | undefined> {
  const start = Date.now()
  while (Date.now() - start < ms) {
    if (await fn()) return Date.now() - start
    await new Promise((r) => setTimeout(r, 100))
  }
  return undefined
}

test('PostgreSQL stopped and started under load: /readyz goes 503 and back, requests fail fast, then succeed', { skip: !available && 'needs root and PostgreSQL 15 binaries', timeout: 90_000 }, async (ctx) => {
  const outcomes: Outcome[] = []
  let running = true
  const clients = Array.from({ length: 4 }, async (_, i) => {
    let n = 0
    while (running) {
      outcomes.push(i % 2 ? await call('GET', '/api/v1/notes/notes') : await call('POST', '/api/v1/notes/notes', { body: `note ${i}-${++n}` }))
      await new Promise((r) => setTimeout(r, 20))
    }
  })
  const ready = async () => (await call('GET', '/readyz')).status
  await new Promise((r) => setTimeout(r, 1000))
  assert.equal(await ready(), 200)
  assert.ok(outcomes.length > 0 && outcomes.every((o) => o.status === 200 || o.status === 201), `before the stop: ${JSON.stringify(outcomes.filter((o) => typeof o.status !== 'number' || o.status >= 300).slice(0, 3))}`)

  const stoppedAt = Date.now()
  stopPostgres()
  const notReadyIn = await until(async () => (await ready()) === 503, 10_000)
  await new Promise((r) => setTimeout(r, 2000)) // an outage with the load still running
  const outage = outcomes.filter((o) => o.at >= stoppedAt + 500)

  const startedAt = Date.now()
  startPostgres()
  const readyIn = await until(async () => (await ready()) === 200, 30_000)
  let okWrite: Outcome | undefined
  const writesOkIn = await until(async () => ((okWrite = await call('POST', '/api/v1/notes/notes', { body: 'after restart' })).status === 201), 15_000)
  const okRead = await call('GET', '/api/v1/notes/notes')
  await new Promise((r) => setTimeout(r, 2500)) // load keeps running after the recovery
  running = false
  await Promise.all(clients)
  const after = outcomes.filter((o) => o.at >= startedAt + (readyIn ?? 0) + (writesOkIn ?? 0) + 500)

  const worst = Math.max(...outcomes.map((o) => o.ms))
  const statuses = (list: Outcome[]) => JSON.stringify(list.reduce<Record<string, number>>((m, o) => ((m[o.status] = (m[o.status] ?? 0) + 1), m), {}))
  ctx.diagnostic(`/readyz 503 after ${notReadyIn} ms; outage requests ${statuses(outage)}; /readyz 200 ${readyIn} ms after start; writes ok after ${writesOkIn} ms; slowest request ${worst} ms; after recovery ${statuses(after)}`)

  assert.ok(notReadyIn !== undefined && notReadyIn < 5000, `/readyz did not report 503 within 5 s (${notReadyIn})`)
  assert.ok(outage.length > 0, 'requests were sent during the outage')
  assert.deepEqual(outage.filter((o) => o.status === 'timeout'), [], 'a request hung during the outage')
  assert.ok(outage.every((o) => typeof o.status === 'number' && o.status >= 500), `outage answers must be 5xx: ${statuses(outage)}`)
  assert.ok(outage.every((o) => o.ms < 3000), `an outage request took ${Math.max(...outage.map((o) => o.ms))} ms`)
  assert.ok(readyIn !== undefined, '/readyz never became 200 again after PostgreSQL came back')
  assert.ok(writesOkIn !== undefined, `writes never succeeded again: ${JSON.stringify(okWrite)}`)
  assert.equal(okRead.status, 200)
  assert.ok(after.length > 0 && after.every((o) => o.status === 200 || o.status === 201), `after recovery: ${statuses(after)}`)
})

test('no pooled connection emits an unhandled error while PostgreSQL restarts (the kernel would crash)', { skip: !available && 'needs root and PostgreSQL 15 binaries' }, (ctx) => {
  ctx.diagnostic(`errors that had no listener: ${unhandled.length ? unhandled.join('; ') : 'none'}`)
  assert.deepEqual(unhandled, [])
})
