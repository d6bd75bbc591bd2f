/**
 * Jobs: a job enqueued in a request runs in its tenant's RLS transaction; a job whose tenant disabled the plugin in
 * the meantime is skipped; a cron job is scheduled per tenant on enable and unscheduled on disable.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { definePlugin } from '@tessera/sdk'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'

const tasks = definePlugin({
  id: 'tasks', version: '1.0.0', kernel: '^1.0.0',
  permissions: { 'tasks.run': { description: 'Run tasks', roles: ['admin'] } },
  migrations: [{ name: '001', up: 'CREATE TABLE runs (id serial PRIMARY KEY, tenant_id uuid NOT NULL, label text NOT NULL, seen integer NOT NULL)' }],
  jobs: {
    echo: {
      async handler(job, ctx) {
        // under RLS the job sees only its own tenant's rows
        const seen = await ctx.db.one<{ n: number }>('SELECT count(*)::int AS n FROM tasks.runs')
        await ctx.db.query('INSERT INTO tasks.runs (label, seen) VALUES ($1, $2)', [String(job.data.label), seen!.n])
      },
    },
    nightly: { cron: '0 3 * * *', tz: 'Europe/London', async handler() {} },
  },
  routes(app, ctx) {
    app.post('/echo', {
      config: { permission: 'tasks.run' },
      schema: { body: { type: 'object', additionalProperties: false, required: ['label'], properties: { label: { type: 'string', maxLength: 200 }, delaySeconds: { type: 'integer', minimum: 0, maximum: 3600 } } }, response: { 202: { type: 'object', properties: { id: { type: ['string', 'null'] } } } } },
    }, async (req, reply) => {
      const { label, delaySeconds } = req.body as { label: string; delaySeconds?: number }
      reply.code(202)
      return { id: await ctx.jobs.send('echo', { label }, { startAfter: delaySeconds }) }
    })
  },
})

let t: TestKernel
before(async () => {
  t = await createTestKernel({ plugins: [tasks] })
})
after(() => t.close())

async function until(fn: () => Promise<boolean>, ms = 8000): Promise<void> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await fn()) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('timed out')
}

test('a job runs inside its tenant and sees only that tenant', async () => {
  const a = await t.createTenant()
  const b = await t.createTenant()
  await t.enable(a.id, 'tasks')
  await t.enable(b.id, 'tasks')
  await t.adminQuery(`INSERT INTO tasks.runs (tenant_id, label, seen) SELECT $1, 'pre', 0 FROM generate_series(1, 5)`, [b.id])
  const sa = (await t.signIn({ tenantId: a.id, role: 'admin' })).cookie
  const res = await t.request({ method: 'POST', url: '/api/v1/tasks/echo', session: sa, payload: { label: 'from A' } })
  assert.equal(res.statusCode, 202, res.body)
  await until(async () => (await t.adminQuery(`SELECT 1 FROM tasks.runs WHERE label = 'from A'`)).rowCount === 1)
  const row = (await t.adminQuery(`SELECT tenant_id, seen FROM tasks.runs WHERE label = 'from A'`)).rows[0]
  assert.equal(row.tenant_id, a.id)
  assert.equal(row.seen, 0, "B's five rows are invisible to A's job")
})

test('a job is skipped once its tenant has disabled the plugin', async () => {
  const a = await t.createTenant()
  await t.enable(a.id, 'tasks')
  const sa = (await t.signIn({ tenantId: a.id, role: 'admin' })).cookie
  const res = await t.request({ method: 'POST', url: '/api/v1/tasks/echo', session: sa, payload: { label: 'late', delaySeconds: 1 } })
  const jobId = res.json().id
  await t.kernel.services.enablement.disable(a.id, 'tasks', { type: 'system', id: 'test' })
  await until(async () => (await t.adminQuery(`SELECT state FROM pgboss.job WHERE id = $1`, [jobId])).rows[0]?.state === 'completed')
  assert.equal((await t.adminQuery(`SELECT 1 FROM tasks.runs WHERE label = 'late'`)).rowCount, 0)
})

test('cron jobs are scheduled per tenant on enable and removed on disable', async () => {
  const a = await t.createTenant()
  await t.enable(a.id, 'tasks')
  const schedules = await t.kernel.services.jobs!.boss.getSchedules('tasks.nightly', a.id)
  assert.equal(schedules.length, 1)
  assert.equal(schedules[0].cron, '0 3 * * *')
  assert.equal(schedules[0].timezone ?? (schedules[0] as { tz?: string }).tz, 'Europe/London')
  assert.deepEqual((schedules[0].data as { tenantId: string }).tenantId, a.id)
  await t.kernel.services.enablement.disable(a.id, 'tasks', { type: 'system', id: 'test' })
  assert.equal((await t.kernel.services.jobs!.boss.getSchedules('tasks.nightly', a.id)).length, 0)
})
