/**
 * What a plugin needs to address one user of its tenant (issue 11, the `visitors` host): `ctx.identity.find` and
 * `ctx.identity.get` look up the tenant's own users (never another tenant's, bounded, LIKE wildcards taken literally),
 * and an event declared with `ui.userField` reaches the sockets of the user named in that payload field as well as the
 * holders of its permission — nobody else, and nobody extra when the field is `null`.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import WebSocket from 'ws'
import { defineEvent, definePlugin, uuid } from '@tessera/sdk'
import { createTestKernel, waitFor } from '../src/testing/index.ts'
import type { TestKernel, TestUser } from '../src/testing/index.ts'

const called = defineEvent({
  name: 'desk.call.placed',
  ui: { permission: 'desk.staff', userField: 'userId', fields: ['userId', 'text'] },
  schema: {
    type: 'object', additionalProperties: false, required: ['userId', 'text'],
    properties: { userId: { anyOf: [uuid, { type: 'null' }] }, text: { type: 'string' }, secret: { type: 'string' } },
  },
})
const whisper = defineEvent({
  name: 'desk.call.whispered',
  ui: { userField: 'userId' },
  schema: { type: 'object', additionalProperties: false, required: ['userId', 'text'], properties: { userId: uuid, text: { type: 'string' } } },
})
const marker = defineEvent({ name: 'desk.call.marker', ui: true, schema: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } } })

const desk = definePlugin({
  id: 'desk',
  version: '1.0.0',
  kernel: '^1.0.0',
  permissions: {
    'desk.staff': { description: 'Front desk', roles: ['owner', 'admin', 'manager'] },
    'desk.use': { description: 'Anyone', roles: ['owner', 'admin', 'manager', 'member'] },
  },
  events: [called, whisper, marker],
  routes(app, ctx) {
    const text = { type: 'string', maxLength: 100 } as const
    const user = { type: 'object', additionalProperties: false, required: ['id', 'email', 'name'], properties: { id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } } } as const
    app.get('/users', {
      config: { permission: 'desk.use' },
      schema: { querystring: { type: 'object', additionalProperties: false, properties: { q: text, limit: { type: 'integer', minimum: 1, maximum: 100 } } },
        response: { 200: { type: 'array', items: user } },
      },
    }, async (req) => ctx.identity.find({ query: req.query.q, limit: req.query.limit }))
    app.get('/users/:id', {
      config: { permission: 'desk.use' },
      schema: { params: { type: 'object', required: ['id'], properties: { id: text } }, response: { 200: { anyOf: [user, { type: 'null' }] } } },
    }, async (req) => (await ctx.identity.get(req.params.id)) ?? null)
    app.post('/calls', {
      config: { permission: 'desk.use' },
      schema: {
        body: {
          type: 'object', additionalProperties: false, required: ['kind', 'userId', 'text'],
          properties: { kind: { enum: ['called', 'whisper', 'marker'] }, userId: { anyOf: [uuid, { type: 'null' }] }, text },
        },
        response: { 200: { type: 'object', properties: {} } },
      },
    }, async (req) => {
      const { kind, userId, text } = req.body
      if (kind === 'called') await ctx.events.publish(called, { userId, text, secret: 'server only' })
      else if (kind === 'whisper') await ctx.events.publish(whisper, { userId: userId!, text })
      else await ctx.events.publish(marker, { text })
      return {}
    })
  },
})

let t: TestKernel
let tenant: { id: string }
let other: { id: string }
let staff: TestUser
let ann: TestUser
let bob: TestUser
let base: string

before(async () => {
  t = await createTestKernel({ plugins: [desk], workers: false })
  base = (await t.listen()).replace(/^http/, 'ws')
  tenant = await t.createTenant()
  other = await t.createTenant()
  await t.enable(tenant.id, 'desk')
  await t.enable(other.id, 'desk')
  const tag = Math.random().toString(36).slice(2, 8)
  staff = await t.signIn({ tenantId: tenant.id, role: 'manager', email: `desk-${tag}@lookup.test` })
  ann = await t.signIn({ tenantId: tenant.id, role: 'member', email: `ann_${tag}@lookup.test` })
  bob = await t.signIn({ tenantId: tenant.id, role: 'member', email: `bob-${tag}@lookup.test` })
  await t.signIn({ tenantId: other.id, role: 'member', email: `ann.other-${tag}@lookup.test` })
})
after(async () => {
  await t.close()
})

const get = async (url: string, session = staff.cookie) => {
  const res = await t.request({ method: 'GET', url: `/api/v1/desk${url}`, session })
  assert.equal(res.statusCode, 200, res.body)
  return res.json()
}

test('identity.find lists the tenant\'s own users matching a name or e-mail, bounded, wildcards literal', async () => {
  const anns = await get('/users?q=ANN')
  assert.deepEqual(anns.map((u: { id: string }) => u.id), [ann.userId], 'case-insensitive, and the other tenant\'s "ann.other" is not listed')
  assert.deepEqual(Object.keys(anns[0]).sort(), ['email', 'id', 'name'])
  const all = await get('/users')
  assert.deepEqual(all.map((u: { id: string }) => u.id).sort(), [staff.userId, ann.userId, bob.userId].sort())
  assert.equal((await get('/users?limit=2')).length, 2)
  // "_" is a LIKE wildcard: taken literally it matches ann_… only, not bob-… or desk-…
  assert.deepEqual((await get('/users?q=_')).map((u: { id: string }) => u.id), [ann.userId])
  assert.deepEqual(await get('/users?q=%25'), [])
  const tooMany = await t.request({ method: 'GET', url: '/api/v1/desk/users?limit=101', session: staff.cookie })
  assert.equal(tooMany.statusCode, 400)
})

test('identity.get returns a user of the tenant only', async () => {
  assert.equal((await get(`/users/${ann.userId}`)).email, ann.email)
  const outsider = await t.signIn({ tenantId: other.id, role: 'member' })
  assert.equal(await get(`/users/${outsider.userId}`), null, 'another tenant\'s user is unknown here')
  assert.equal(await get('/users/not-a-uuid'), null)
  assert.equal(await get(`/users/${crypto.randomUUID()}`), null)
})

interface Socket { ws: WebSocket; texts: string[] }

function open(user: TestUser): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base}/api/v1/realtime`, { headers: { cookie: user.cookie } })
    const texts: string[] = []
    ws.on('message', (m) => {
      const msg = JSON.parse(String(m))
      if (msg.type === 'hello') resolve({ ws, texts })
      else texts.push(`${msg.name.slice('desk.call.'.length)}:${msg.data.text}${msg.data.secret ? ':leaked' : ''}`)
    })
    ws.on('error', reject)
  })
}

test('an event with ui.userField reaches the permission holders and the named user, nobody else', async () => {
  const sockets = { staff: await open(staff), ann: await open(ann), bob: await open(bob) }
  try {
    const call = async (kind: string, userId: string | null, text: string) => {
      const res = await t.request({ method: 'POST', url: '/api/v1/desk/calls', session: staff.cookie, payload: { kind, userId, text } })
      assert.equal(res.statusCode, 200, res.body)
    }
    await call('called', ann.userId, 'for-ann')
    await call('called', null, 'for-nobody')
    await call('whisper', bob.userId, 'only-bob')
    await call('marker', null, 'end')
    // NOTIFYs are delivered in commit order: once every socket has the marker, nothing earlier is still on its way
    await waitFor(() => Object.values(sockets).every((s) => s.texts.includes('marker:end')) || undefined, { timeoutMs: 10_000, message: 'markers' })
    assert.deepEqual(sockets.staff.texts, ['placed:for-ann', 'placed:for-nobody', 'marker:end'], 'staff: by permission; a whisper has none')
    assert.deepEqual(sockets.ann.texts, ['placed:for-ann', 'marker:end'], 'ann: addressed to her, without the permission')
    assert.deepEqual(sockets.bob.texts, ['whispered:only-bob', 'marker:end'])
  } finally {
    for (const s of Object.values(sockets)) s.ws.close()
  }
})

test('the events catalogue names the addressed user\'s field', async () => {
  const res = await t.request({ method: 'GET', url: '/docs/events.json' })
  const entry = (res.json().items as { name: string; ui: unknown }[]).find((e) => e.name === 'desk.call.placed')
  assert.deepEqual(entry?.ui, { reaches: true, permission: 'desk.staff', userField: 'userId', fields: ['userId', 'text'] })
  const page = await t.request({ method: 'GET', url: '/docs/events' })
  assert.match(page.body, /holders of desk\.staff and the user named by userId/)
})
