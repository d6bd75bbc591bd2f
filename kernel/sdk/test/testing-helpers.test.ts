/**
 * The harness helpers of `@tessera/sdk/testing`: captured events hold exactly the committed ones (a rolled-back
 * request's event never arrives), `waitFor` polls, `createWorld` gives a tenant with a user of every role, jobs can be
 * sent and a plugin's own context reached — and the test kernel exposes no kernel internals.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { definePlugin, defineEvent, TENANT_ROLES, problem } from '@tessera/sdk'
import { createTestKernel, waitFor } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'

const noted = defineEvent({
  name: 'memo.note.added',
  schema: { type: 'object', additionalProperties: false, required: ['text'], properties: { text: { type: 'string', maxLength: 100 } } } as const,
})

let jobRuns = 0
const memo = definePlugin({
  id: 'memo', version: '1.0.0', kernel: '^1.0.0',
  permissions: { 'memo.write': { description: 'Write memos', roles: ['owner', 'admin', 'manager'] } },
  events: [noted],
  jobs: { tick: { handler: async () => { jobRuns++ } } },
  routes(app, ctx) {
    app.post('/notes', {
      config: { permission: 'memo.write' },
      schema: {
        body: { type: 'object', additionalProperties: false, required: ['text', 'fail'], properties: { text: { type: 'string', maxLength: 100 }, fail: { type: 'boolean' } } },
        response: { 201: { type: 'object', properties: { ok: { type: 'boolean' } } } },
      } as const,
    }, async (req, reply) => {
      await ctx.events.publish(noted, { text: req.body.text })
      if (req.body.fail) throw problem.conflict('refused after publishing: the transaction rolls back')
      reply.code(201)
      return { ok: true }
    })
  },
})

let t: TestKernel
before(async () => {
  t = await createTestKernel({ plugins: [memo] })
})
after(async () => {
  await t?.close()
})

test('the test kernel exposes helpers only: no kernel, services or Fastify instance', () => {
  for (const internal of ['kernel', 'app', 'services', 'diContainer']) assert.equal(internal in t, false, internal)
})

test('createWorld: a tenant with the plugins enabled and a signed-in user of every role', async () => {
  const w = await t.createWorld({ plugins: ['memo'] })
  assert.deepEqual(Object.keys(w.users).sort(), [...TENANT_ROLES].sort())
  for (const role of TENANT_ROLES) {
    const me = await t.request({ method: 'GET', url: '/api/v1/auth/me', session: w.users[role].cookie })
    assert.equal(me.statusCode, 200, me.body)
  }
  const member = await t.request({ method: 'POST', url: '/api/v1/memo/notes', session: w.users.member.cookie, payload: { text: 'x', fail: false } })
  assert.equal(member.statusCode, 403, 'a member lacks memo.write')
})

test('events.next returns committed events only: a rolled-back request publishes nothing', async () => {
  const w = await t.createWorld({ plugins: ['memo'] })
  const mine = { where: (e: { tenantId: string }) => e.tenantId === w.tenantId }
  const refused = await t.request({ method: 'POST', url: '/api/v1/memo/notes', session: w.users.manager.cookie, payload: { text: 'rolled back', fail: true } })
  assert.equal(refused.statusCode, 409)
  const done = await t.request({ method: 'POST', url: '/api/v1/memo/notes', session: w.users.manager.cookie, payload: { text: 'kept', fail: false } })
  assert.equal(done.statusCode, 201, done.body)
  const event = await t.events.next('memo.note.added', mine)
  assert.deepEqual(event.payload, { text: 'kept' }, 'the first committed event is the second request\'s')
  assert.equal(t.events.all('memo.note.added').filter((e) => e.tenantId === w.tenantId).length, 1)
  await assert.rejects(t.events.next('memo.note.added', { ...mine, timeoutMs: 300 }), /no "memo\.note\.added" event committed within 300 ms/)
})

test('sendJob runs a plugin job for a tenant; waitFor polls until it ran; pluginContext is the plugin\'s own', async () => {
  const w = await t.createWorld({ plugins: ['memo'] })
  const before = jobRuns
  assert.ok(await t.sendJob('memo.tick', { tenantId: w.tenantId }))
  assert.equal(await waitFor(() => jobRuns > before, { message: 'memo.tick ran' }), true)
  const ctx = t.pluginContext('memo')
  assert.equal(await ctx.withTenant(w.tenantId, async () => ctx.tenant().id), w.tenantId)
  assert.throws(() => t.pluginContext('nope'), /"nope" is not running/)
  await assert.rejects(waitFor(() => false, { timeoutMs: 100, message: 'never' }), /waitFor: never not met within 100 ms/)
})
