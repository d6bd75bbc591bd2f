/**
 * Event delivery at volume: the jobs of one fetched batch run concurrently, each event's effect happens once, and a
 * job delivered again after its effect committed (the process died before pg-boss marked it complete) is skipped by
 * its receipt; one tenant's backlog does not hold up another tenant's events (a job's priority comes from its
 * tenant's turn, `jobs/tenant-turns.ts`: a burst is spread over the seconds ahead, so tenants take turns). Many events published in one request are enqueued
 * with the request's COMMIT, all or none; a request whose statement failed (and whose handler went on) is never
 * answered as committed.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { definePlugin } from '@tessera/sdk'
import { createTestKernel, waitFor } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'

const QUEUE = 'fanout.on.fanout.pinged'
/** How long the subscriber takes per event, per tenant (set by each test). */
const delayMs = new Map<string, number>()
let running = 0
let mostAtOnce = 0

const fanout = definePlugin({
  id: 'fanout', version: '1.0.0', kernel: '^1.0.0',
  permissions: { 'fanout.write': { description: 'Publish', roles: ['admin'] } },
  events: { 'fanout.pinged': { schema: { type: 'object', additionalProperties: false, required: ['n'], properties: { n: { type: 'integer' } } } } },
  migrations: [{ name: '001', up: 'CREATE TABLE effects (id serial PRIMARY KEY, tenant_id uuid NOT NULL, event_id uuid NOT NULL, n integer NOT NULL)' }],
  routes(app, ctx) {
    app.post('/burst', {
      config: { permission: 'fanout.write' },
      schema: {
        body: { type: 'object', additionalProperties: false, required: ['count'], properties: { count: { type: 'integer', minimum: 1, maximum: 500 }, fail: { type: 'boolean' } } },
        response: { 202: { type: 'object', properties: { published: { type: 'integer' } } } },
      },
    }, async (req, reply) => {
      for (let n = 0; n < req.body.count; n++) await ctx.events.publish('fanout.pinged', { n })
      if (req.body.fail) throw new Error('fails after publishing')
      reply.code(202)
      return { published: req.body.count }
    })
    // a handler that swallows a failed statement and goes on: its transaction can only roll back
    app.post('/swallow', {
      config: { permission: 'fanout.write', audit: false }, // nothing sent with the COMMIT: the plain COMMIT answers ROLLBACK
      schema: { body: { type: 'object', additionalProperties: false, properties: {} }, response: { 202: { type: 'object', properties: { published: { type: 'integer' } } } } },
    }, async (_req, reply) => {
      await ctx.events.publish('fanout.pinged', { n: -1 }) // sent with the failing statement, rolled back with it
      await ctx.db.query('SELECT 1 / 0').catch(() => {})
      reply.code(202)
      return { published: 1 }
    })
  },
  subscribes: {
    'fanout.pinged': async (event, ctx) => {
      running++
      mostAtOnce = Math.max(mostAtOnce, running)
      try {
        await new Promise((r) => setTimeout(r, delayMs.get(event.tenantId) ?? 0))
        await ctx.db.query('INSERT INTO fanout.effects (event_id, n) VALUES ($1, $2)', [event.id, (event.payload as { n: number }).n])
      } finally {
        running--
      }
    },
  },
})

let t: TestKernel
before(async () => {
  t = await createTestKernel({ plugins: [fanout] })
})
after(() => t.close())

async function tenantWithSession(): Promise<{ id: string; cookie: string }> {
  const tenant = await t.createTenant()
  await t.enable(tenant.id, 'fanout')
  return { id: tenant.id, cookie: (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie }
}

const effects = async (tenantId: string) =>
  (await t.adminQuery('SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS events FROM fanout.effects WHERE tenant_id = $1', [tenantId])).rows[0] as { n: number; events: number }

test('a batch runs its jobs concurrently, each effect once; a job delivered again after its commit is skipped by its receipt', async () => {
  const a = await tenantWithSession()
  delayMs.set(a.id, 30)
  mostAtOnce = 0
  const rolledBack = await t.request({ method: 'POST', url: '/api/v1/fanout/burst', session: a.cookie, payload: { count: 5, fail: true } })
  assert.equal(rolledBack.statusCode, 500)
  const res = await t.request({ method: 'POST', url: '/api/v1/fanout/burst', session: a.cookie, payload: { count: 40 } })
  assert.equal(res.statusCode, 202)
  await waitFor(async () => (await effects(a.id)).n >= 40, { timeoutMs: 20_000, message: '40 effects' })
  assert.ok(mostAtOnce > 1, `handlers of one batch ran concurrently (at most ${mostAtOnce} at once)`)
  const jobs = (await t.adminQuery(`SELECT id, state FROM pgboss.job WHERE name = $1 AND data->>'tenantId' = $2`, [QUEUE, a.id])).rows
  assert.equal(jobs.length, 40, 'the rolled-back request enqueued nothing, the committed one its 40 jobs')
  // the process "died" after the effect committed but before pg-boss marked the job complete: it is delivered again
  const again = jobs[0].id as string
  await waitFor(async () => (await t.adminQuery(`SELECT state FROM pgboss.job WHERE id = $1`, [again])).rows[0]?.state === 'completed')
  await t.adminQuery(`UPDATE pgboss.job SET state = 'created', completed_on = NULL, started_on = NULL WHERE id = $1`, [again])
  await waitFor(async () => (await t.adminQuery(`SELECT state = 'completed' AND completed_on IS NOT NULL AS done FROM pgboss.job WHERE id = $1`, [again])).rows[0]?.done, { timeoutMs: 15_000, message: 'the job ran again (found by polling)' })
  assert.deepEqual(await effects(a.id), { n: 40, events: 40 }, 'every event had its effect exactly once')
})

test('one tenant\'s backlog does not hold up another tenant\'s events', async () => {
  const busy = await tenantWithSession()
  const quiet = await tenantWithSession()
  delayMs.set(busy.id, 100)
  const res = await t.request({ method: 'POST', url: '/api/v1/fanout/burst', session: busy.cookie, payload: { count: 160 } })
  assert.equal(res.statusCode, 202)
  // the busy tenant's 160 events take ≥ 160 × 100 ms / 5 handler slots (half the test pool of 10) ≈ 3.2 s; the quiet
  // tenant's one event, published after them, must not wait behind them (first in, first out would put it last)
  await waitFor(async () => (await effects(busy.id)).n > 0, { message: 'the busy tenant\'s first effect' })
  const quietRes = await t.request({ method: 'POST', url: '/api/v1/fanout/burst', session: quiet.cookie, payload: { count: 1 } })
  assert.equal(quietRes.statusCode, 202)
  await waitFor(async () => (await effects(quiet.id)).n === 1, { timeoutMs: 20_000, message: 'the quiet tenant\'s event' })
  const busyDone = (await effects(busy.id)).n
  assert.ok(busyDone < 80, `the quiet tenant's event was delivered before half of the busy tenant's backlog (${busyDone} of 160 done)`)
  await waitFor(async () => (await effects(busy.id)).n === 160, { timeoutMs: 60_000, message: 'the busy tenant\'s backlog' })
  assert.deepEqual(await effects(busy.id), { n: 160, events: 160 })
})

test('a handler that swallows a failed statement gets a 500, not a success for a transaction PostgreSQL rolled back', async () => {
  const a = await tenantWithSession()
  const res = await t.request({ method: 'POST', url: '/api/v1/fanout/swallow', session: a.cookie, payload: {} })
  assert.equal(res.statusCode, 500, res.body)
  const jobs = await t.adminQuery(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND data->>'tenantId' = $2`, [QUEUE, a.id])
  assert.equal(jobs.rows[0].n, 0, 'nothing of the rolled-back transaction was enqueued')
})
