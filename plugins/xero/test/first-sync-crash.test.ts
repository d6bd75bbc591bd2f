/**
 * The first sync of 500 contacts and 1,000 invoices, killed with SIGKILL halfway and restarted. The data is made in
 * bulk (people through members' seed path, their charges through billing's `accounts` contract in one tenant
 * transaction per month, the invoice runs through billing's route) and the tenant
 * connected with an in-process kernel without workers; a child process runs the kernel's job workers
 * against the same database and the fake (it boots while the data is made; nothing syncs before the connection, which
 * is made once the data is there) (Xero's real limits: 60 calls per window, 5 at once, with a 3 s window so the
 * test is quick); when the fake holds about half the invoices the child is killed, a new one starts and finishes.
 * Then the fake holds exactly 500 contacts and 1,000 invoices (no duplicate ContactNumber or InvoiceNumber), every
 * document is synced, and every 429 the fake answered was followed by the same write succeeding (none left unhandled).
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { definePlugin } from '@tessera/sdk'
import { createTestKernel, createTestDatabase, dropTestDatabase } from '@tessera/sdk/testing'
import { billingAccounts } from '@tessera/plugin-billing/contract'
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
let first: ChildProcess
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

/** A test plugin that seeds charges through billing's contract, as any plugin that bills would (POS, printing). */
const seeder = definePlugin({ id: 'crashseed', version: '1.0.0', kernel: '^1.0.0', dependsOn: { billing: '^1.0.0' }, consumes: [billingAccounts] })

/** Xero's jobs (event deliveries, sync kicks) not finished yet: created, retrying or running. */
const xeroJobsWaiting = async () => (await t.adminQuery(
  `SELECT count(*)::int AS n FROM pgboss.job WHERE name LIKE 'xero.%' AND state IN ('created', 'retry', 'active')`)).rows[0].n as number

const pendingCount = async () => (await t.adminQuery('SELECT count(*)::int AS n FROM xero.documents WHERE state = \'pending\'')).rows[0].n as number

before(async () => {
  const setupStarted = Date.now()
  fake = await startXeroFake({ windowMs: LIMITS.windowMs, latencyMs: 5 })
  org = fake.addOrganisation('Crash Test Coworking Ltd')
  databaseUrl = await createTestDatabase()
  // the tenant, its data and the connection, made without workers (nothing syncs yet)
  t = await createTestKernel({
    plugins: [members, spaces, billing, xeroFor(fake, LIMITS), seeder] as never, databaseUrl, workers: false,
    config: { database: { poolSize: 20 }, secrets: { xero_token_key: 'test-token-key' } } as never,
  })
  w = await world(t)
  // the first worker boots before the data is made (its jobs find no connection: nothing syncs yet). Not alongside:
  // its pg-boss start creates queue tables (AccessExclusiveLock) while the seed's jobs are enqueued, which deadlocked
  first = await startWorker()
  await billedCrashMembers(w.tenantId)
  // the worker delivers the seed's events late on a loaded machine: a subscriber's sync kick (or a delivery) still
  // waiting at the connection would start syncing before the first sync. Connect once it has run them all
  await waitFor(async () => (await xeroJobsWaiting()) === 0, 120_000, 'the seed\'s events delivered to Xero and their sync kicks run')
  await connect(w, fake)
  phases.push(`worker ready ${Date.now() - setupStarted} ms after the start`)
  await w.ok('POST', '/xero/first-sync', {})
  const queued = (await t.adminQuery('SELECT count(*)::int AS n FROM xero.documents WHERE state = \'pending\'')).rows[0].n
  assert.equal(queued, 1500, 'every contact and invoice queued, none synced before the first sync')
  setupMs = Date.now() - setupStarted
})

/**
 * The 500 people and their 1,000 invoices, in bulk: the people through members' own seed path (its `seed` hook, the one
 * a tenant manifest's sample data takes: one tenant transaction), a month's desk charge for each through billing's
 * `accounts.addCharge` (one tenant transaction per month), then that month's invoice run through billing's route (it
 * invoices every payer's open charges).
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
  await t.enable(tenantId, 'crashseed')
  const sctx = t.pluginContext('crashseed')
  for (const period of ['2026-01', '2026-02']) {
    await sctx.withTenant(tenantId, async () => {
      const accounts = sctx.services.get(billingAccounts)
      for (const payerId of ids) {
        await accounts.addCharge({ payerType: 'person', payerId, description: `Hot desk ${period}`, unitAmount: 15000, taxRateBp: 2000, source: `crashseed:${payerId}:${period}` })
      }
    })
    phase(`charges ${period}`)
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
  await waitFor(async () => org.invoices.length >= 400, 60_000, 'half of the invoices in Xero')
  first.removeAllListeners('exit')
  first.kill('SIGKILL')
  await new Promise((r) => first.once('exit', r))
  killedWith = { invoices: org.invoices.length, contacts: org.contacts.length, atMs: Date.now() - started }
  assert.ok(killedWith.invoices < 1000, `killed halfway (at ${killedWith.invoices} invoices)`)
  await startWorker()
  const secondReadyMs = Date.now() - started
  const callsBeforeRestart = fake.state.calls.length
  // the operator resumes the first sync (queues nothing twice); without this the killed run is retried once pg-boss
  // sees its heartbeat stop (10-20 s)
  const resumed = await w.ok('POST', '/xero/first-sync', {})
  assert.equal(resumed.queued, 0, 'nothing queued twice')
  await waitFor(async () => (await pendingCount()) === 0, 90_000, 'every document synced after the restart')
  const elapsed = Date.now() - started
  const firstCallAfterRestartMs = (fake.state.calls[callsBeforeRestart]?.at ?? Date.now()) - started
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
  tc.diagnostic(`data set up in ${setupMs} ms (${phases.join(', ')}); killed after ${killedWith.atMs} ms at ${killedWith.invoices} invoices / ${killedWith.contacts} contacts; ${fake.state.calls.length} calls, ${throttled.length} answered 429, ${replays} repeated keys; second worker ready after ${secondReadyMs} ms, its first call at ${firstCallAfterRestartMs} ms; done after ${elapsed} ms`)
})
