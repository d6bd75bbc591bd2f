/**
 * Statements a tenant transaction issues together (`Promise.all`) travel in one round trip, and each still gets its
 * own result — or, when one fails, the failing one its error and the later ones PostgreSQL's "transaction is aborted"
 * (25P02), as if they had been sent one after another; the request then rolls back and keeps nothing.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { definePlugin, problem } from '@tessera/sdk'
import { createTestKernel, countRoundTrips } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'

const settled = (r: PromiseSettledResult<unknown>) =>
  r.status === 'fulfilled' ? { ok: r.value } : { code: (r.reason as { code?: string }).code }

/** What the failing route's statements got (the route then throws, so its transaction is rolled back). */
let lastOutcomes: unknown[] = []

const pipes = definePlugin({
  id: 'pipes', version: '1.0.0', kernel: '^1.0.0',
  permissions: { 'pipes.write': { description: 'Write', roles: ['admin'] } },
  migrations: [{ name: '001', up: 'CREATE TABLE notes (id serial PRIMARY KEY, tenant_id uuid NOT NULL, n integer NOT NULL UNIQUE)' }],
  routes(app, ctx) {
    const body = { type: 'object', additionalProperties: false, required: ['n'], properties: { n: { type: 'integer', minimum: 0, maximum: 1e6 } } }
    const response = { 200: { type: 'object', properties: { values: { type: 'array', items: { type: 'integer' } } } } }
    const one = async (sql: string, values: unknown[]) => (await ctx.db.one<{ v: number }>(sql, values))!.v
    app.post('/apart', { config: { permission: 'pipes.write', audit: false }, schema: { body, response } }, async (req) => {
      const { n } = req.body as { n: number }
      const a = await one('INSERT INTO pipes.notes (n) VALUES ($1) RETURNING n AS v', [n])
      const b = await one('SELECT $1::int * 2 AS v', [n])
      return { values: [a, b] }
    })
    app.post('/together', { config: { permission: 'pipes.write', audit: false }, schema: { body, response } }, async (req) => {
      const { n } = req.body as { n: number }
      const values = await Promise.all([
        one('INSERT INTO pipes.notes (n) VALUES ($1) RETURNING n AS v', [n]),
        // issued one promise callback later, through an async helper: still the same turn
        Promise.resolve().then(() => one('SELECT $1::int * 2 AS v', [n])),
      ])
      return { values }
    })
    app.post('/overlapping', { config: { permission: 'pipes.write', audit: false }, schema: { body, response } }, async (req) => {
      const { n } = req.body as { n: number }
      const turn = () => new Promise((resolve) => setImmediate(resolve))
      // the first statement is in flight (it sleeps) while the others are issued, each in a later turn
      const first = one('SELECT $1::int AS v FROM pg_sleep(0.2)', [n])
      await turn()
      const second = one('INSERT INTO pipes.notes (n) VALUES ($1) RETURNING n AS v', [n])
      await turn()
      const third = one('SELECT $1::int * 3 AS v', [n])
      return { values: await Promise.all([first, second, third]) }
    })
    app.post('/failing', { config: { permission: 'pipes.write', audit: false }, schema: { body, response } }, async (req) => {
      const { n } = req.body as { n: number }
      const outcomes = await Promise.allSettled([
        one('INSERT INTO pipes.notes (n) VALUES ($1) RETURNING n AS v', [n]),
        one('INSERT INTO pipes.notes (n) VALUES ($1) RETURNING n AS v', [n]), // the unique n: 23505
        one('SELECT 1 AS v', []),
      ])
      lastOutcomes = outcomes.map(settled)
      throw problem.conflict('That number is taken.')
    })
  },
})

let t: TestKernel
let cookie: string
before(async () => {
  t = await createTestKernel({ plugins: [pipes], workers: false })
  const tenant = await t.createTenant()
  await t.enable(tenant.id, 'pipes')
  cookie = (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie
})
after(() => t.close())

/** Client#query calls (round trips) made while the request runs — all, and those handed to a busy connection — with the JSON answer and the status. */
async function counted(path: string, n: number): Promise<{ trips: number; busy: number; status: number; json: Record<string, unknown> }> {
  const trips = countRoundTrips()
  try {
    const res = await t.request({ method: 'POST', url: `/api/v1/pipes/${path}`, headers: { cookie }, payload: { n } })
    return { trips: trips.count(), busy: trips.busy(), status: res.statusCode, json: res.json() }
  } finally {
    trips.stop()
  }
}

test('statements issued together share a round trip and each gets its own result', async () => {
  await counted('apart', 1) // warm the caches (session, enablement) so both counts below are of the same work
  const apart = await counted('apart', 2)
  const together = await counted('together', 3)
  assert.equal(apart.status, 200)
  assert.deepEqual(apart.json.values, [2, 4])
  assert.equal(together.status, 200)
  assert.deepEqual(together.json.values, [3, 6])
  assert.equal(together.trips, apart.trips - 1, `apart ${apart.trips} round trips, together ${together.trips}`)
})

test('when one of them fails, it gets its error, the later ones 25P02, and nothing is kept', async () => {
  const res = await counted('failing', 7)
  assert.equal(res.status, 409)
  assert.deepEqual(lastOutcomes, [{ ok: 7 }, { code: '23505' }, { code: '25P02' }])
  const kept = await t.adminQuery('SELECT count(*)::int AS c FROM pipes.notes WHERE n = 7')
  assert.equal(kept.rows[0].c, 0)
})

test('statements issued while one is in flight wait for it and then travel together: the connection never gets a query while it runs one', async () => {
  await counted('apart', 10) // warm the caches
  const res = await counted('overlapping', 11)
  assert.equal(res.status, 200)
  assert.deepEqual(res.json.values, [11, 11, 33])
  assert.equal(res.busy, 0, 'no statement was handed to the connection while it ran another')
  // BEGIN with the first; the two issued meanwhile together once it returned; COMMIT
  assert.equal(res.trips, 3)
  const kept = await t.adminQuery('SELECT count(*)::int AS c FROM pipes.notes WHERE n = 11')
  assert.equal(kept.rows[0].c, 1)
})
