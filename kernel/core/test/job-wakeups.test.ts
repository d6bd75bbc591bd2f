/**
 * Committed jobs wake the workers without a NOTIFY in the enqueuing transaction: this instance's at once, every
 * instance's by one NOTIFY on pg-boss's channel after the commit. The working instance polls only every 30 s here, so
 * a delivery within a few seconds can only come from a wake-up; a rolled-back request wakes nobody and enqueues nothing.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { definePlugin } from '@tessera/sdk'
import { createTestKernel, waitFor } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'

const pings = definePlugin({
  id: 'pings', version: '1.0.0', kernel: '^1.0.0',
  permissions: { 'pings.send': { description: 'Ping', roles: ['admin'] } },
  events: { 'pings.sent': {} },
  migrations: [{ name: '001', up: 'CREATE TABLE got (id serial PRIMARY KEY, tenant_id uuid NOT NULL, via text NOT NULL)' }],
  jobs: {
    record: { async handler(job, ctx) { await ctx.db.query('INSERT INTO pings.got (via) VALUES ($1)', [`job:${String(job.data.tag)}`]) } },
  },
  routes(app, ctx) {
    app.post('/ping', {
      config: { permission: 'pings.send', audit: false },
      schema: {
        body: { type: 'object', additionalProperties: false, required: ['tag'], properties: { tag: { type: 'string', maxLength: 20 }, fail: { type: 'boolean' } } },
        response: { 202: { type: 'object', properties: { ok: { type: 'boolean' } } } },
      },
    }, async (req, reply) => {
      await ctx.events.publish('pings.sent', { tag: req.body.tag })
      await ctx.jobs.send('record', { tag: req.body.tag })
      if (req.body.fail) throw new Error('rolled back')
      reply.code(202)
      return { ok: true }
    })
  },
  subscribes: {
    'pings.sent': async (event, ctx) => {
      await ctx.db.query('INSERT INTO pings.got (via) VALUES ($1)', [`event:${String((event.payload as { tag: string }).tag)}`])
    },
  },
})

const slowPolling = { jobs: { pollingIntervalSeconds: 30, retryLimit: 2, retryDelaySeconds: 0 } }
let working: TestKernel
let serving: TestKernel
let cookie: string
let tenantId: string

before(async () => {
  working = await createTestKernel({ plugins: [pings], config: slowPolling })
  serving = await createTestKernel({ plugins: [pings], databaseUrl: working.databaseUrl, workers: false, config: slowPolling })
  tenantId = (await working.createTenant()).id
  await working.enable(tenantId, 'pings')
  cookie = (await working.signIn({ tenantId, role: 'admin' })).cookie
})
after(async () => {
  await serving?.close()
  await working?.close()
})

const got = async () => (await working.adminQuery('SELECT via FROM pings.got WHERE tenant_id = $1 ORDER BY via', [tenantId])).rows.map((r) => r.via as string)

test('a request on an instance without workers wakes the other instance: its event and its job run within seconds, not at the next poll', async () => {
  const res = await serving.request({ method: 'POST', url: '/api/v1/pings/ping', session: cookie, payload: { tag: 'a' } })
  assert.equal(res.statusCode, 202)
  await waitFor(async () => (await got()).length === 2, { timeoutMs: 10_000, message: 'both deliveries (polling alone would take up to 30 s)' })
  assert.deepEqual(await got(), ['event:a', 'job:a'])
})

test('a request on the working instance wakes its own workers; a rolled-back one enqueues nothing', async () => {
  const failed = await working.request({ method: 'POST', url: '/api/v1/pings/ping', session: cookie, payload: { tag: 'x', fail: true } })
  assert.equal(failed.statusCode, 500)
  const res = await working.request({ method: 'POST', url: '/api/v1/pings/ping', session: cookie, payload: { tag: 'b' } })
  assert.equal(res.statusCode, 202)
  await waitFor(async () => (await got()).length === 4, { timeoutMs: 10_000, message: 'both deliveries of b' })
  assert.deepEqual(await got(), ['event:a', 'event:b', 'job:a', 'job:b'])
  const queued = await working.adminQuery(`SELECT count(*)::int AS n FROM pgboss.job WHERE name LIKE 'pings.%' AND data::text LIKE '%"x"%'`)
  assert.equal(queued.rows[0].n, 0)
})
