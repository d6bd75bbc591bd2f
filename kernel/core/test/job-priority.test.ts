/**
 * Per-tenant fairness by job priority (`jobs/tenant-turns.ts`): a tenant's jobs keep the order it enqueued them in,
 * however long the load lasts (the count-per-second scheme this replaced let a second's late jobs lose to every later
 * second's early ones), a quiet tenant's job goes ahead of the rest of a busy tenant's burst, and a tenant gets at most
 * a minute behind. Checked on the priorities themselves (with the clock mocked) and on what pg-boss fetches.
 */
import { test, before, after, mock } from 'node:test'
import assert from 'node:assert/strict'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'
import { SHORT_INSERT } from '../src/jobs/job-system.ts'
import type { JobSystem } from '../src/jobs/job-system.ts'
import { MAX_LEAD_MS, SPACING_MS } from '../src/jobs/tenant-turns.ts'

const BUSY = '0e4c1f7a-1b2c-4d5e-8f90-00000000000b'
const QUIET = '0e4c1f7a-1b2c-4d5e-8f90-00000000000a'

let t: TestKernel
let jobs: JobSystem
before(async () => {
  t = await createTestKernel({ plugins: [], workers: false })
  jobs = (t.kernel.services as unknown as { jobs: JobSystem }).jobs
})
after(async () => t.close())

test('under sustained load a tenant\'s priorities never rise (its jobs are worked in order), and a quiet tenant\'s are higher', (ctx) => {
  ctx.mock.timers.enable({ apis: ['Date'], now: Date.parse('2026-12-02T10:00:00.500Z') })
  const queue = `sustained-${Math.random()}`
  let last = Infinity
  let lowestBusy = Infinity
  // 10 s of 200 jobs a second from one tenant (10 × its spacing), one job a second from another
  for (let ms = 0; ms < 10_000; ms += 5) {
    const p = jobs.priorityOf(queue, BUSY)
    assert.ok(p <= last, `at ${ms} ms the busy tenant's job got priority ${p}, above its earlier job's ${last}: it would be worked first`)
    last = p
    lowestBusy = Math.min(lowestBusy, p)
    if (ms > 0 && ms % 1000 === 0) assert.ok(jobs.priorityOf(queue, QUIET) > p, `at ${ms} ms the quiet tenant's job is ahead of the busy tenant's`)
    ctx.mock.timers.tick(5)
  }
  // 2,000 jobs at 50 ms each would be 100 s ahead: the lead stops at a minute
  const now = jobs.priorityOf(queue, `${QUIET}-2`)
  assert.equal(now - lowestBusy, MAX_LEAD_MS / 1000, 'the busy tenant is a minute behind, no more')
})

test('pg-boss fetches a quiet tenant\'s job before the rest of a busy tenant\'s burst, and each tenant\'s jobs in order', async () => {
  const queue = `turns-${Date.now()}`
  await jobs.ensureQueue({ name: queue, retryLimit: 0, retryDelaySeconds: 1 })
  const enqueue = (tenantId: string, n: number) =>
    t.adminQuery(SHORT_INSERT, jobs.shortInsertValues(queue, { tenantId, n }, jobs.priorityOf(queue, tenantId), tenantId))
  const burst = Math.ceil((3 * 1000) / SPACING_MS) // three seconds' worth of the busy tenant's turns
  for (let n = 0; n < burst; n++) await enqueue(BUSY, n)
  await enqueue(QUIET, 0)
  // a batch's jobs run concurrently (and come back in no particular order): the order is the batches'
  const batches: { tenantId: string; n: number }[][] = []
  for (;;) {
    const batch = await jobs.boss.fetch<{ tenantId: string; n: number }>(queue, { batchSize: 7 })
    if (batch.length === 0) break
    batches.push(batch.map((j) => j.data))
    await jobs.boss.complete(queue, batch.map((j) => j.id))
  }
  assert.equal(batches.flat().length, burst + 1)
  const quietIn = batches.findIndex((b) => b.some((j) => j.tenantId === QUIET))
  assert.ok(quietIn * 7 <= 1000 / SPACING_MS, `the quiet tenant's job came in batch ${quietIn + 1} of ${batches.length}: behind at most one second of the burst`)
  const busy = batches.map((b) => b.filter((j) => j.tenantId === BUSY).map((j) => j.n).sort((a, b) => a - b))
  assert.deepEqual(busy.flat(), [...Array(burst).keys()], 'the burst in the order it was enqueued, batch after batch')
})
