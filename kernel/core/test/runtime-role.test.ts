/**
 * The runtime role: the request and job pools are logged in as a LOGIN role without SUPERUSER or BYPASSRLS, so plugin
 * SQL has no role to escape to. Inside a plugin's request handler (a transaction and a statement-bound read) and inside
 * a job handler, `RESET ROLE` leaves the handler where it was — the runtime role, its tenant's rows only — and
 * `SET ROLE postgres`, `set_config('role', 'postgres', …)` and `SET SESSION AUTHORIZATION postgres` are refused; the
 * platform tables stay out of reach. (Before: the pools were logged in as the superuser and switched with
 * `set_config('role', …, true)`, which `RESET ROLE` undid — every tenant's rows, and the users table, were readable.)
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import pg from 'pg'
import { definePlugin, emptyBody } from '@tessera/sdk'
import type { PluginContext } from '@tessera/sdk'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'

type Probe = Record<string, unknown>

/** What plugin SQL sees after trying every way out of its role. */
async function probe(ctx: PluginContext): Promise<Probe> {
  const out: Probe = {}
  await ctx.db.query('RESET ROLE')
  const seen = await ctx.db.one<{ u: string; s: string; n: number; foreign: number }>(
    `SELECT current_user AS u, session_user AS s, (SELECT count(*)::int FROM escape.items) AS n,
            (SELECT count(*)::int FROM escape.items WHERE tenant_id IS DISTINCT FROM tessera.current_tenant()) AS foreign`,
  )
  Object.assign(out, { user: seen!.u, sessionUser: seen!.s, rows: seen!.n, foreignRows: seen!.foreign })
  const attempts: [string, string][] = [
    ['setRole', 'SET ROLE postgres'],
    ['setConfigRole', `SELECT set_config('role', 'postgres', true)`],
    ['sessionAuthorization', 'SET SESSION AUTHORIZATION postgres'],
    ['users', 'SELECT count(*) FROM tessera.users'],
    ['tenantUsers', 'SELECT count(*) FROM tessera.tenant_users'],
  ]
  for (const [name, sql] of attempts) {
    try {
      await ctx.db.savepoint(() => ctx.db.query(sql))
      out[name] = 'allowed'
    } catch (err) {
      out[name] = (err as { code?: string }).code ?? (err as Error).message
    }
  }
  return out
}

const escape = definePlugin({
  id: 'escape',
  version: '1.0.0',
  kernel: '^1.0.0',
  name: 'Escape',
  description: 'Fixture: plugin SQL that tries to leave the runtime role',
  permissions: { 'escape.use': { description: 'Probe', roles: ['admin'] } },
  migrations: [
    { name: '001_items', up: `CREATE TABLE items (id serial PRIMARY KEY, tenant_id uuid NOT NULL, label text NOT NULL);
                             CREATE TABLE probes (id serial PRIMARY KEY, tenant_id uuid NOT NULL, result jsonb NOT NULL)` },
  ],
  jobs: {
    probe: {
      handler: async (_job, ctx) => {
        await ctx.db.query('RESET ROLE')
        const r = await ctx.db.one<{ u: string; s: string; n: number; foreign: number }>(
          `SELECT current_user AS u, session_user AS s, (SELECT count(*)::int FROM escape.items) AS n,
                  (SELECT count(*)::int FROM escape.items WHERE tenant_id IS DISTINCT FROM tessera.current_tenant()) AS foreign`,
        )
        let setRole = 'allowed'
        try {
          await ctx.db.savepoint(() => ctx.db.query('SET ROLE postgres'))
        } catch (err) {
          setRole = (err as { code?: string }).code ?? 'error'
        }
        await ctx.db.query('INSERT INTO escape.probes (result) VALUES ($1)', [JSON.stringify({ user: r!.u, sessionUser: r!.s, rows: r!.n, foreignRows: r!.foreign, setRole })])
      },
    },
  },
  routes(app, ctx) {
    const any = { type: 'object', additionalProperties: true } as const
    app.post('/items', {
      config: { permission: 'escape.use' },
      schema: { body: { type: 'object', required: ['label'], additionalProperties: false, properties: { label: { type: 'string', maxLength: 50 } } }, response: { 201: any } },
    }, async (req, reply) => {
      await ctx.db.query('INSERT INTO escape.items (label) VALUES ($1)', [(req.body as { label: string }).label])
      return reply.code(201).send({})
    })
    // a mutating route: one tenant transaction
    app.post('/probe', { config: { permission: 'escape.use' }, schema: { body: emptyBody, response: { 200: any } } }, async () => {
      const result = await probe(ctx)
      await ctx.jobs.send('probe', {})
      return result
    })
    // a read-only route: statement-bound (each statement its own implicit transaction)
    app.get('/probe', { config: { permission: 'escape.use' }, schema: { response: { 200: any } } }, async () => {
      await ctx.db.query('RESET ROLE')
      const r = await ctx.db.one<{ u: string; n: number; foreign: number }>(
        `SELECT current_user AS u, (SELECT count(*)::int FROM escape.items) AS n,
                (SELECT count(*)::int FROM escape.items WHERE tenant_id IS DISTINCT FROM tessera.current_tenant()) AS foreign`,
      )
      const refused: Probe = {}
      for (const [name, sql] of [['setRole', 'SET ROLE postgres'], ['sessionAuthorization', 'SET SESSION AUTHORIZATION postgres']]) {
        try {
          await ctx.db.query(sql)
          refused[name] = 'allowed'
        } catch (err) {
          refused[name] = (err as { code?: string }).code
        }
      }
      return { user: r!.u, rows: r!.n, foreignRows: r!.foreign, ...refused }
    })
  },
})

let t: TestKernel
let a: { id: string }
let sa = ''

before(async () => {
  t = await createTestKernel({ plugins: [escape] })
  a = await t.createTenant()
  const b = await t.createTenant()
  for (const tenant of [a, b]) await t.enable(tenant.id, 'escape')
  sa = (await t.signIn({ tenantId: a.id, role: 'admin' })).cookie
  const sb = (await t.signIn({ tenantId: b.id, role: 'admin' })).cookie
  for (const [session, label] of [[sa, 'a1'], [sb, 'b1'], [sb, 'b2']]) {
    const res = await t.request({ method: 'POST', url: '/api/v1/escape/items', session, payload: { label } })
    assert.equal(res.statusCode, 201, res.body)
  }
})
after(() => t.close())

test('RESET ROLE, SET ROLE postgres and SET SESSION AUTHORIZATION in a plugin transaction leave it in its tenant as the runtime role', async () => {
  const res = await t.request({ method: 'POST', url: '/api/v1/escape/probe', session: sa, payload: {} })
  assert.equal(res.statusCode, 200, res.body)
  assert.deepEqual(res.json(), {
    user: 'tessera_app', sessionUser: 'tessera_app', rows: 1, foreignRows: 0,
    setRole: '42501', setConfigRole: '42501', sessionAuthorization: '42501', users: '42501', tenantUsers: '42501',
  })
})

test('RESET ROLE in a statement-bound read still sees only its tenant; SET ROLE and SET SESSION AUTHORIZATION are refused', async () => {
  const res = await t.request({ method: 'GET', url: '/api/v1/escape/probe', session: sa })
  assert.equal(res.statusCode, 200, res.body)
  assert.deepEqual(res.json(), { user: 'tessera_app', rows: 1, foreignRows: 0, setRole: '42501', sessionAuthorization: '42501' })
})

test('a job handler runs as the runtime role in its tenant: RESET ROLE changes nothing, SET ROLE is refused', async () => {
  // the job was enqueued by POST /probe with send(..., { db }) on the request's transaction, as the runtime role
  let rows: { result: Probe }[] = []
  for (const start = Date.now(); Date.now() - start < 20_000 && !rows.length; await new Promise((r) => setTimeout(r, 100))) {
    rows = (await t.adminQuery('SELECT result FROM escape.probes WHERE tenant_id = $1', [a.id])).rows
  }
  assert.equal(rows.length, 1, 'the probe job ran')
  assert.deepEqual(rows[0].result, { user: 'tessera_app', sessionUser: 'tessera_app', rows: 1, foreignRows: 0, setRole: '42501' })
})

test('the runtime pool is logged in as the runtime role (no SUPERUSER, no BYPASSRLS); the admin pool is separate', async () => {
  const { rows } = await t.adminQuery(
    `SELECT a.application_name AS app, a.usename AS user, r.rolsuper AS super, r.rolbypassrls AS bypass, r.rolcanlogin AS login
       FROM pg_stat_activity a JOIN pg_roles r ON r.rolname = a.usename
      WHERE a.datname = current_database() AND a.application_name IN ('tessera', 'tessera-admin')`,
  )
  const runtime = rows.filter((r) => r.app === 'tessera')
  assert.ok(runtime.length > 0, 'runtime connections exist')
  assert.ok(runtime.every((r) => r.user === 'tessera_app' && !r.super && !r.bypass && r.login), JSON.stringify(runtime))
  assert.ok(rows.some((r) => r.app === 'tessera-admin' && r.user !== 'tessera_app'), 'the admin pool connects as the admin user')
})

test('a raw connection as the runtime role cannot leave RLS: RESET ROLE keeps it, SET ROLE and SESSION AUTHORIZATION are refused', async () => {
  const url = new URL(t.databaseUrl)
  url.username = 'tessera_app'
  url.password = ''
  const client = new pg.Client({ connectionString: url.toString() })
  await client.connect()
  try {
    await client.query('RESET ROLE')
    assert.equal((await client.query('SELECT current_user AS u')).rows[0].u, 'tessera_app')
    assert.equal((await client.query('SELECT count(*)::int AS n FROM escape.items')).rows[0].n, 0, 'no tenant set: no rows')
    await assert.rejects(client.query('SET ROLE postgres'), { code: '42501' })
    await assert.rejects(client.query('SET SESSION AUTHORIZATION postgres'), { code: '42501' })
    await assert.rejects(client.query('SET row_security = off; SELECT * FROM escape.items'), { code: '42501' })
  } finally {
    await client.end()
  }
})
