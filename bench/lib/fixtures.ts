/**
 * Fixture plugins generated in code for the benchmarks:
 * - `benchitems`: one tenant table with an index on (tenant_id, k) and `GET /items/:k` — one indexed SELECT; the same
 *   row through `@tessera/orm` at `GET /orm-items/:k` (`em.fork()` + `findOne`, the kernel-overhead "tessera + orm" row);
 * - `gen01`…`genNN`: small plugins, each with its own table and `GET /things/:k` (tenant-scale);
 * - `bjobs`: `POST /ping` publishes `bjobs.pinged` in the request; its own subscriber records when it ran.
 */
import { definePlugin } from '@tessera/sdk'
import { defineEntity, defineOrm, p } from '@tessera/orm'

const item = { type: 'object', properties: { id: { type: 'integer' }, k: { type: 'integer' }, v: { type: 'string' } } } as const
const kParams = { type: 'object', additionalProperties: false, required: ['k'], properties: { k: { type: 'integer', minimum: 0, maximum: 1_000_000_000 } } } as const

/** `benchitems.items` as an ORM entity (RLS filters by tenant; `tenant_id` is not mapped). */
const BenchItem = defineEntity({
  name: 'BenchItem', tableName: 'items',
  properties: { id: p.integer().primary(), k: p.integer(), v: p.string() },
})
const benchOrm = defineOrm({ entities: [BenchItem] })

/** The overhead benchmark's plugin. */
export const benchItems = definePlugin({
  id: 'benchitems', version: '1.0.0', kernel: '^1.0.0', name: 'Bench items', description: 'Benchmark fixture',
  permissions: { 'benchitems.read': { description: 'Read items', roles: ['owner', 'admin', 'manager', 'member'] } },
  migrations: [{
    name: '001_items',
    up: `CREATE TABLE items (id serial PRIMARY KEY, tenant_id uuid NOT NULL, k integer NOT NULL, v text NOT NULL);
         CREATE INDEX items_tenant_k ON items (tenant_id, k)`,
  }],
  routes(app, ctx) {
    app.get('/items/:k', { config: { permission: 'benchitems.read' }, schema: { params: kParams, response: { 200: { type: 'array', items: item } } } },
      async (req) => ctx.db.many('SELECT id, k, v FROM benchitems.items WHERE k = $1', [(req.params as { k: number }).k]))
    app.get('/orm-items/:k', { config: { permission: 'benchitems.read' }, schema: { params: kParams, response: { 200: { type: 'array', items: item } } } },
      async (req) => {
        const found = await (await benchOrm.em(ctx)).findOne(BenchItem, { k: (req.params as { k: number }).k })
        return found ? [found] : []
      })
  },
})

/** The same SELECT the bare server runs (it passes the tenant explicitly instead of RLS). */
export const BARE_SQL = 'SELECT id, k, v FROM benchitems.items WHERE tenant_id = $1 AND k = $2'
export const ITEM_SCHEMA = item

/** `count` generated plugins, `gen01`…, each with a table and one route. */
export function generatedPlugins(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const id = `gen${String(i + 1).padStart(2, '0')}`
    return definePlugin({
      id, version: '1.0.0', kernel: '^1.0.0', name: `Generated ${i + 1}`, description: 'Benchmark fixture',
      permissions: { [`${id}.read`]: { description: 'Read', roles: ['owner', 'admin', 'manager', 'member'] } },
      migrations: [{ name: '001_things', up: `CREATE TABLE things (id serial PRIMARY KEY, tenant_id uuid NOT NULL, k integer NOT NULL); CREATE INDEX things_tenant_k ON things (tenant_id, k)` }],
      routes(app, ctx) {
        app.get('/things/:k', { config: { permission: `${id}.read` }, schema: { params: kParams, response: { 200: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' } } } } } } },
          async (req) => ctx.db.many(`SELECT id FROM ${id}.things WHERE k = $1`, [(req.params as { k: number }).k]))
      },
    })
  })
}

/** The jobs/events benchmark's plugin. */
export const benchJobs = definePlugin({
  id: 'bjobs', version: '1.0.0', kernel: '^1.0.0', name: 'Bench jobs', description: 'Benchmark fixture',
  permissions: { 'bjobs.write': { description: 'Ping', roles: ['owner', 'admin', 'manager'] } },
  events: { 'bjobs.pinged': {} },
  migrations: [{ name: '001_effects', up: `CREATE TABLE effects (id serial PRIMARY KEY, tenant_id uuid NOT NULL, event_id uuid NOT NULL, sent_at double precision NOT NULL, ran_at double precision NOT NULL)` }],
  routes(app, ctx) {
    app.post('/ping', {
      config: { permission: 'bjobs.write', audit: false },
      schema: { body: { type: 'object', additionalProperties: false, properties: {} }, response: { 202: { type: 'object', properties: { ok: { type: 'boolean' } } } } },
    }, async (_req, reply) => {
      await ctx.events.publish('bjobs.pinged', { sentAt: performance.timeOrigin + performance.now() })
      return reply.code(202).send({ ok: true })
    })
  },
  subscribes: {
    'bjobs.pinged': async (event, ctx) => {
      await ctx.db.query('INSERT INTO bjobs.effects (event_id, sent_at, ran_at) VALUES ($1, $2, $3)',
        [event.id, (event.payload as { sentAt: number }).sentAt, performance.timeOrigin + performance.now()])
    },
  },
})

/**
 * The mutation-route benchmark's plugin: `POST /notes` (idempotency key required) inserts a row, publishes
 * `benchwrites.noted` (one job enqueued for its own subscriber, on the same transaction) and is audited by the kernel.
 */
export const benchWrites = definePlugin({
  id: 'benchwrites', version: '1.0.0', kernel: '^1.0.0', name: 'Bench writes', description: 'Benchmark fixture',
  permissions: { 'benchwrites.write': { description: 'Write notes', roles: ['owner', 'admin', 'manager', 'member'] } },
  events: { 'benchwrites.noted': {} },
  migrations: [{ name: '001_notes', up: `CREATE TABLE notes (id serial PRIMARY KEY, tenant_id uuid NOT NULL, text text NOT NULL)` }],
  routes(app, ctx) {
    app.post('/notes', {
      config: { permission: 'benchwrites.write', idempotency: true },
      schema: {
        body: { type: 'object', additionalProperties: false, required: ['text'], properties: { text: { type: 'string', minLength: 1, maxLength: 200 } } },
        response: { 201: { type: 'object', properties: { id: { type: 'integer' } } } },
      },
    }, async (req, reply) => {
      const row = await ctx.db.one<{ id: number }>('INSERT INTO benchwrites.notes (text) VALUES ($1) RETURNING id', [(req.body as { text: string }).text])
      await ctx.events.publish('benchwrites.noted', { id: row!.id })
      reply.code(201)
      return { id: row!.id }
    })
  },
  subscribes: { 'benchwrites.noted': async () => {} },
})
