/**
 * Event contracts: an event defined with `defineEvent` carries its payload schema and type; `publish` validates the
 * payload (compiled once at boot) and refuses a wrong one with a 500 bug report — the request rolls back and no
 * subscriber ever sees it; a typed subscriber receives the typed payload and re-checks it against its own copy of the
 * contract (a skewed copy never runs its handler); a contract event without a schema is refused at boot; and the
 * catalogue at `/docs/events(.json)` lists every event with its plugin, schema, UI reach and subscribers.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { definePlugin, defineEvent, on } from '@tessera/sdk'
import type { PayloadOf } from '@tessera/sdk'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'

/** The publisher's contract. */
const itemCreated = defineEvent({
  name: 'pub.item.created',
  description: 'An item was created.',
  schema: {
    type: 'object', additionalProperties: false, required: ['id', 'title'],
    properties: { id: { type: 'integer' }, title: { type: 'string', maxLength: 100 } },
  },
  ui: { permission: 'pub.read' },
})
// the payload type is derived from the schema
const sample: PayloadOf<typeof itemCreated> = { id: 1, title: 'x' }
void sample

/** A subscriber built against a different (skewed) copy of the same event's contract. */
const itemCreatedSkewed = defineEvent({
  name: 'pub.item.created',
  schema: { type: 'object', required: ['id', 'title', 'colour'], properties: { id: { type: 'integer' }, title: { type: 'string' }, colour: { type: 'string' } } },
})

const body = {
  type: 'object', additionalProperties: false, required: ['title'],
  properties: { title: { type: 'string', minLength: 1, maxLength: 100 }, wrong: { type: 'boolean' } },
} as const

const pub = definePlugin({
  id: 'pub', version: '1.0.0', kernel: '^1.0.0',
  permissions: { 'pub.read': { description: 'read', roles: ['admin'] } },
  events: [itemCreated],
  migrations: [{ name: '001_items', up: 'CREATE TABLE items (id serial PRIMARY KEY, tenant_id uuid NOT NULL, title text NOT NULL)' }],
  routes(app, ctx) {
    app.post('/items', { config: { permission: 'pub.read' }, schema: { body, response: { 201: { type: 'object', properties: { id: { type: 'integer' } } } } } }, async (req, reply) => {
      const row = await ctx.db.one<{ id: number }>('INSERT INTO pub.items (title) VALUES ($1) RETURNING id', [req.body.title])
      if (req.body.wrong) {
        // @ts-expect-error — the payload type comes from the schema: `id` is an integer
        await ctx.events.publish(itemCreated, { id: String(row!.id), title: req.body.title })
      } else {
        await ctx.events.publish(itemCreated, { id: row!.id, title: req.body.title })
      }
      return reply.code(201).send({ id: row!.id })
    })
    app.post('/legacy-wrong', { config: { permission: 'pub.read' }, schema: { body: { type: 'object', additionalProperties: false, properties: {} }, response: { 200: { type: 'object', properties: { error: { type: 'string' } } } } } }, async () => {
      try {
        await ctx.events.publish('pub.item.created', { id: 'seven', extra: true }) // the deprecated string form is validated too
        return { error: '' }
      } catch (err) {
        return { error: (err as Error).message }
      }
    })
  },
})

const sub = definePlugin({
  id: 'sub', version: '1.0.0', kernel: '^1.0.0',
  migrations: [{ name: '001_seen', up: 'CREATE TABLE seen (event_id uuid PRIMARY KEY, tenant_id uuid NOT NULL, title text NOT NULL)' }],
  subscribes: [
    on(itemCreated, async (event, ctx) => {
      const title: string = event.payload.title // typed payload
      await ctx.db.query('INSERT INTO sub.seen (event_id, title) VALUES ($1, $2)', [event.id, title])
    }),
  ],
})

let skewedRuns = 0
const skewed = definePlugin({
  id: 'skewed', version: '1.0.0', kernel: '^1.0.0',
  subscribes: [on(itemCreatedSkewed, async () => void skewedRuns++)],
})

const noSchema = definePlugin({ id: 'no-schema', version: '1.0.0', kernel: '^1.0.0', events: [{ kind: 'event', name: 'no-schema.thing.happened' } as never] })

let t: TestKernel
let tenant: { id: string }
let cookie: string

before(async () => {
  t = await createTestKernel({ plugins: [pub, sub, skewed, noSchema] })
  tenant = await t.createTenant()
  for (const id of ['pub', 'sub', 'skewed']) await t.enable(tenant.id, id)
  cookie = (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie
})
after(() => t.close())

async function until<T>(fn: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 100))
  }
}

test('a payload that violates the event schema is refused at publish with a 500: nothing is written or delivered', async () => {
  const res = await t.request({ method: 'POST', url: '/api/v1/pub/items', session: cookie, payload: { title: 'bad', wrong: true } })
  assert.equal(res.statusCode, 500)
  assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
  assert.equal(res.json().type, 'urn:tessera:problem:event-payload')
  assert.match(res.json().detail, /"pub\.item\.created" was not published/)
  const items = await t.adminQuery(`SELECT 1 FROM pub.items WHERE title = 'bad'`)
  assert.equal(items.rowCount, 0, 'the request rolled back')
  const jobs = await t.adminQuery(`SELECT 1 FROM pgboss.job WHERE name LIKE '%.on.pub.item.created' AND data->'event'->'payload'->>'title' = 'bad'`)
  assert.equal(jobs.rowCount, 0, 'no subscriber queue got it')
  const legacy = await t.request({ method: 'POST', url: '/api/v1/pub/legacy-wrong', session: cookie, payload: {} })
  const error = legacy.json().error as string
  assert.match(error, /^event "pub\.item\.created" of plugin "pub": payload does not match its schema: /)
  for (const part of ['/id must be integer', '/ must NOT have additional properties (extra)', "/ must have required property 'title'"]) assert.ok(error.includes(part), part)
})

test('a typed subscriber receives the payload; a subscriber with a skewed contract never runs on a payload it does not accept', async () => {
  const res = await t.request({ method: 'POST', url: '/api/v1/pub/items', session: cookie, payload: { title: 'good' } })
  assert.equal(res.statusCode, 201, res.body)
  const row = await until(async () => (await t.adminQuery(`SELECT title FROM sub.seen WHERE tenant_id = $1`, [tenant.id])).rows[0])
  assert.equal(row.title, 'good')
  // the skewed subscriber's delivery fails its own schema check (then retries and dead-letters); its handler never ran
  const failure = await until(async () => {
    const r = await t.adminQuery(`SELECT output FROM pgboss.job WHERE name = 'skewed.on.pub.item.created' AND state IN ('retry', 'failed')`)
    return r.rows[0]
  })
  assert.match(JSON.stringify(failure.output), /does not match skewed's schema/)
  assert.equal(skewedRuns, 0)
})

test('a contract event without a payload schema is refused at boot', () => {
  const rt = t.kernel.services.registry.get('no-schema')
  assert.equal(rt?.state, 'failed')
  assert.match(rt!.reason!, /\/events\/no-schema\.thing\.happened has no payload schema/)
})

test('the events catalogue lists each event with its plugin, schema, UI reach and subscribers', async () => {
  const res = await t.request({ method: 'GET', url: '/docs/events.json' })
  assert.equal(res.statusCode, 200)
  const entry = (res.json().items as { name: string }[]).find((e) => e.name === 'pub.item.created')
  assert.deepEqual(entry, {
    name: 'pub.item.created', plugin: 'pub', description: 'An item was created.', contract: true,
    schema: itemCreated.schema, ui: { reaches: true, permission: 'pub.read', userField: null, fields: null }, subscribers: ['skewed', 'sub'],
  })
  const page = await t.request({ method: 'GET', url: '/docs/events' })
  assert.equal(page.statusCode, 200)
  assert.match(String(page.headers['content-type']), /^text\/html/)
  assert.match(page.body, /<h2>pub\.item\.created<\/h2>/)
  assert.match(page.body, /holders of pub\.read/)
})
