/**
 * The first sync of 500 contacts and 1,000 invoices, killed with SIGKILL halfway and restarted. The data is made in
 * bulk (people through members' seed path, memberships and invoice runs through billing's routes) and the tenant
 * connected with an in-process kernel without workers; a child process runs the kernel's job workers
 * against the same database and the fake (Xero's real limits: 60 calls per window, 5 at once, with a 3 s window so the
 * test is quick); when the fake holds about half the invoices the child is killed, a new one starts and finishes.
 * Then the fake holds exactly 500 contacts and 1,000 invoices (no duplicate ContactNumber or InvoiceNumber), every
 * document is synced, and every 429 the fake answered was followed by the same write succeeding (none left unhandled).
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { createTestKernel, createTestDatabase, dropTestDatabase } from '@tessera/sdk/testing'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import billing from '@tessera/plugin-billing'
import { startXeroFake } from '@tessera/plugin-xero/testing'
import type { XeroFake, FakeOrganisation } from '@tessera/plugin-xero/testing'
import { connect, waitFor, world, xeroFor } from './helpers.ts'
import type { TestKernel } from './helpers.ts'

const WORKER = join(import.meta.dirname, 'fixtures', 'worker-process.ts')
const LIMITS = { windowMs: 3000 }

let fake: XeroFake
let org: FakeOrganisation
let databaseUrl: string
let t: TestKernel
const children: ChildProcess[] = []
let killedWith: { invoices: number; contacts: number; atMs: number } | undefined
let w: Awaited<ReturnType<typeof world>>
let setupMs = 0
const phases: string[] = []

function startWorker(): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, databaseUrl, JSON.stringify(fake.endpoints), JSON.stringify(LIMITS)], { stdio: ['ignore', 'pipe', 'pipe'] })
    children.push(child)
    let err = ''
    const timer = setTimeout(() => reject(new Error(`worker did not start: ${err}`)), 30_000)
    child.stderr!.on('data', (d) => (err += d))
    child.stdout!.on('data', (d) => {
      if (String(d).includes('"ready":true')) {
        clearTimeout(timer)
        resolve(child)
      }
    })
    child.on('exit', (code) => reject(new Error(`worker exited (${code}): ${err}`)))
  })
}

const pendingCount = async () => (await t.adminQuery('SELECT count(*)::int AS n FROM xero.documents WHERE state = \'pending\'')).rows[0].n as number

before(async () => {
  const setupStarted = Date.now()
  fake = await startXeroFake({ windowMs: LIMITS.windowMs, latencyMs: 5 })
  org = fake.addOrganisation('Crash Test Coworking Ltd')
  databaseUrl = await createTestDatabase()
  // the tenant, its data and the connection, made without workers (nothing syncs yet)
  t = await createTestKernel({
    plugins: [members, spaces, billing, xeroFor(fake, LIMITS)] as never, databaseUrl, workers: false,
    config: { database: { poolSize: 20 }, secrets: { xero_token_key: 'test-token-key' } } as never,
  })
  w = await world(t)
  // connecting (the fake's consent round trip) overlaps the data
  await Promise.all([connect(w, fake), billedCrashMembers(w.tenantId)])
  const started = await w.ok('POST', '/xero/first-sync', {})
  assert.ok(started.queued >= 1500, `queued ${started.queued}`)
  setupMs = Date.now() - setupStarted
})

/**
 * The 500 people and their 1,000 invoices, in bulk: the people through members' own seed path (its `seed` hook, the one
 * a tenant manifest's sample data takes: one tenant transaction), their memberships through billing's route 25 at a
 * time, then one invoice run a month through billing's route.
 */
async function billedCrashMembers(tenantId: string): Promise<void> {
  let mark = Date.now()
  const phase = (name: string) => { phases.push(`${name} ${Date.now() - mark} ms`); mark = Date.now() }
  const mctx = t.pluginContext('members')
  const people = Array.from({ length: 500 }, (_, i) => ({ name: `Crash Member ${i + 1}`, email: `crashmember${i + 1}@example.test` }))
  await mctx.withTenant(tenantId, () => members.seed!(mctx, { people }))
  const ids = (await t.adminQuery('SELECT id FROM members.people WHERE tenant_id = $1', [tenantId])).rows.map((r) => r.id as string)
  assert.equal(ids.length, 500)
  phase('people')
  const plan = await w.ok('POST', '/billing/plans', { code: 'crash-desk', name: 'Hot desk', monthlyPrice: 15000, taxRateBp: 2000 })
  for (let i = 0; i < ids.length; i += 25) {
    await Promise.all(ids.slice(i, i + 25).map((payerId) => w.ok('POST', '/billing/memberships', { payerType: 'person', payerId, planId: plan.id, startsOn: '2026-01-01' })))
  }
  phase('memberships')
  for (const period of ['2026-01', '2026-02']) {
    const run = await w.ok('POST', '/billing/invoice-runs', { period })
    assert.equal(run.invoices.length, 500, `invoice run ${period}: ${JSON.stringify(run.failed[0] ?? null)}`)
    phase(`run ${period}`)
  }
}

after(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  await t?.close()
  if (databaseUrl) await dropTestDatabase(databaseUrl)
  await fake?.close()
})

test('a first sync of 500 contacts and 1,000 invoices killed with SIGKILL halfway ends with exactly 500 and 1,000 in Xero', { timeout: 170_000 }, async (tc) => {
  const started = Date.now()
  const first = await startWorker()
  await waitFor(async () => org.invoices.length >= 400, 60_000, 'half of the invoices in Xero')
  first.removeAllListeners('exit')
  first.kill('SIGKILL')
  await new Promise((r) => first.once('exit', r))
  killedWith = { invoices: org.invoices.length, contacts: org.contacts.length, atMs: Date.now() - started }
  assert.ok(killedWith.invoices < 1000, `killed halfway (at ${killedWith.invoices} invoices)`)
  await startWorker()
  // the operator resumes the first sync (queues nothing twice); without this the killed run is retried once pg-boss
  // sees its heartbeat stop (10-20 s)
  const resumed = await w.ok('POST', '/xero/first-sync', {})
  assert.equal(resumed.queued, 0, 'nothing queued twice')
  await waitFor(async () => (await pendingCount()) === 0, 90_000, 'every document synced after the restart')
  const elapsed = Date.now() - started
  const numbers = org.contacts.map((c) => c.ContactNumber)
  const invoiceNumbers = org.invoices.map((i) => i.InvoiceNumber)
  assert.equal(org.contacts.length, 500)
  assert.equal(new Set(numbers).size, 500, 'no duplicate contact')
  assert.equal(org.invoices.length, 1000)
  assert.equal(new Set(invoiceNumbers).size, 1000, 'no duplicate invoice')
  const states = (await t.adminQuery('SELECT kind, state, count(*)::int AS n FROM xero.documents GROUP BY 1, 2 ORDER BY 1, 2')).rows
  assert.deepEqual(states.map((r) => `${r.kind}:${r.state}:${r.n}`), ['contact:synced:500', 'invoice:synced:1000'])
  // no 429 left unhandled: every throttled write was later made with the same key and accepted
  const throttled = fake.state.calls.filter((c) => c.status === 429)
  const accepted = new Set(fake.state.calls.filter((c) => c.status === 200 && c.idempotencyKey).map((c) => c.idempotencyKey))
  const unhandled = throttled.filter((c) => c.idempotencyKey && !accepted.has(c.idempotencyKey))
  assert.deepEqual(unhandled, [])
  const replays = fake.state.calls.filter((c) => c.idempotencyKey).length - accepted.size
  tc.diagnostic(`data set up in ${setupMs} ms (${phases.join(', ')}); killed after ${killedWith.atMs} ms at ${killedWith.invoices} invoices / ${killedWith.contacts} contacts; ${fake.state.calls.length} calls, ${throttled.length} answered 429, ${replays} repeated keys; ${elapsed} ms`)
})
