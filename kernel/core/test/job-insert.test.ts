/**
 * The kernel's short job INSERT for event deliveries (`SHORT_INSERT` in jobs/job-system.ts) writes the same row as
 * pg-boss's own `insert` for the same job on the same queue: every column but the id and the timestamps, and the
 * same retention (keep_until − created_on). A job it wrote is fetched and completed by pg-boss like any other.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'
import { SHORT_INSERT } from '../src/jobs/job-system.ts'
import type { JobSystem } from '../src/jobs/job-system.ts'

let t: TestKernel
let jobs: JobSystem
before(async () => {
  t = await createTestKernel({ plugins: [], workers: false })
  jobs = (t.kernel.services as unknown as { jobs: JobSystem }).jobs
})
after(async () => t.close())

test('the short INSERT writes the row pg-boss writes, and pg-boss works it', async () => {
  const queue = `short-insert-${Date.now()}`
  await jobs.ensureQueue({ name: queue, retryLimit: 3, retryDelaySeconds: 7, retryBackoff: true, expireInSeconds: 120, deleteAfterSeconds: 3600 })
  const tenantId = '0e4c1f7a-1b2c-4d5e-8f90-123456789abc'
  const data = { event: { type: 'x.happened', n: 1 }, tenantId }
  await jobs.boss.insert(queue, [{ data, group: { id: tenantId }, priority: -4 }])
  await t.adminQuery(SHORT_INSERT, jobs.shortInsertValues(queue, data, -4, tenantId))
  const { rows } = await t.adminQuery(
    `SELECT *, (keep_until - created_on)::text AS retention FROM pgboss.job WHERE name = $1 ORDER BY created_on, id`, [queue])
  assert.equal(rows.length, 2)
  const [byBoss, byKernel] = rows
  for (const column of Object.keys(byBoss)) {
    if (['id', 'created_on', 'start_after', 'keep_until'].includes(column)) continue
    assert.deepEqual(byKernel[column], byBoss[column], column)
  }
  assert.equal(byKernel.retry_limit, 3)
  assert.equal(byKernel.dead_letter, `${queue}.dead`)

  const fetched = await jobs.boss.fetch(queue, { batchSize: 10 })
  assert.equal(fetched.length, 2, 'pg-boss fetches both')
  await jobs.boss.complete(queue, fetched.map((j) => j.id))
  const { rows: states } = await t.adminQuery(`SELECT state FROM pgboss.job WHERE name = $1`, [queue])
  assert.deepEqual(states.map((r: { state: string }) => r.state), ['completed', 'completed'])
})
