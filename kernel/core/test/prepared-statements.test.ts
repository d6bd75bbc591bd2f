/**
 * A runtime connection names the statements it repeats: at the third use a text becomes a named prepared statement
 * there, parsed once and then only bound — in a pipeline, alone, twice in one pipeline, as a read's tenant binding and
 * statement — and described once (its later answers, read without a `Describe`, have the same rows, types and
 * fields); at most MAX_NAMED per connection (the least recently used closed); a connection recovers when a pipeline
 * failed around a first Parse, when the server lost its statements (26000) and when a migration changed what a named
 * `SELECT *` returns (0A000); a request that met either is answered 503 with Retry-After by the kernel. Connections not allowed — and a kernel with
 * `database.preparedStatements` off — send every statement unnamed.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import pg from 'pg'
import { definePlugin } from '@tessera/sdk'
import { createTestKernel, createTestDatabase, dropTestDatabase } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'
import { pipelined, pipelinedOutcome, runStatement } from '../src/db/pipelined-query.ts'
import { allowPreparedStatements, MAX_NAMED, MAX_TEXT, PREPARE_AFTER } from '../src/db/prepared-statements.ts'
import { tenantBoundQuery } from '../src/db/tenant-bound-query.ts'

const DOUBLE = 'SELECT $1::int * 2 AS v'
const LIST = `SELECT coalesce(array_agg(statement ORDER BY name), '{}') AS texts FROM pg_prepared_statements`

let url: string
let admin: pg.Pool
before(async () => {
  url = await createTestDatabase()
  admin = new pg.Pool({ connectionString: url, max: 2 })
  await admin.query('CREATE TABLE seen (n integer PRIMARY KEY)')
})
after(async () => {
  await admin.end()
  await dropTestDatabase(url)
})

/** A fresh connection (nothing parsed on it yet), allowed to name what it repeats unless `allowed` is false. */
async function connection(allowed = true): Promise<pg.PoolClient> {
  const client = new pg.Client({ connectionString: url }) as unknown as pg.PoolClient
  await client.connect()
  if (allowed) allowPreparedStatements(client)
  return client
}

/** The texts of the named statements the server holds for `client` (asked unnamed, straight through node-postgres). */
async function named(client: pg.ClientBase): Promise<string[]> {
  return (await client.query(LIST)).rows[0].texts
}

async function using(allowed: boolean, body: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await connection(allowed)
  try {
    await body(client)
  } finally {
    await client.end()
  }
}

test(`a text becomes a named statement at its use number ${PREPARE_AFTER} on a connection, then is only bound`, () => using(true, async (client) => {
  for (let i = 1; i < PREPARE_AFTER; i++) {
    assert.deepEqual((await runStatement(client, DOUBLE, [i])).rows, [{ v: 2 * i }])
    assert.deepEqual(await named(client), [], `unnamed at use ${i}`)
  }
  assert.deepEqual((await runStatement(client, DOUBLE, [10])).rows, [{ v: 20 }])
  assert.deepEqual(await named(client), [DOUBLE])
  // again, alone and twice in a pipeline: no second Parse of the name, which the server would refuse (42P05)
  assert.deepEqual((await runStatement(client, DOUBLE, [3])).rows, [{ v: 6 }])
  const results = await pipelined(client, [{ text: DOUBLE, values: [4] }, { text: 'SELECT 1 AS one' }, { text: DOUBLE, values: [5] }])
  assert.deepEqual(results.map((r) => r.rows[0]), [{ v: 8 }, { one: 1 }, { v: 10 }])
  assert.deepEqual(await named(client), [DOUBLE])
}))

test('named in the middle of a pipeline that repeats it: parsed once, every statement answered', () => using(true, async (client) => {
  const results = await pipelined(client, Array.from({ length: PREPARE_AFTER + 2 }, (_, i) => ({ text: DOUBLE, values: [i] })))
  assert.deepEqual(results.map((r) => r.rows[0].v), Array.from({ length: PREPARE_AFTER + 2 }, (_, i) => 2 * i))
  assert.deepEqual(await named(client), [DOUBLE])
}))

test('a pipeline that fails before or at a first Parse leaves the connection able to parse it next time', () => using(true, async (client) => {
  for (let i = 1; i < PREPARE_AFTER; i++) await runStatement(client, DOUBLE, [i])
  // the statement before fails: the server skips the named Parse after it
  const skipped = await pipelinedOutcome(client, [{ text: 'SELECT 1/0' }, { text: DOUBLE, values: [1] }])
  assert.equal((skipped.error as { code?: string }).code, '22012')
  assert.deepEqual(await named(client), [])
  assert.deepEqual((await runStatement(client, DOUBLE, [21])).rows, [{ v: 42 }])
  assert.deepEqual(await named(client), [DOUBLE])
  // a statement that fails when executed at the use that names it (its Parse succeeded): the next use still works
  const insert = 'INSERT INTO seen (n) VALUES ($1) RETURNING n'
  await admin.query('INSERT INTO seen (n) VALUES (1) ON CONFLICT DO NOTHING')
  for (let i = 1; i < PREPARE_AFTER; i++) await runStatement(client, insert, [100 + i])
  await assert.rejects(runStatement(client, insert, [1]), { code: '23505' })
  assert.deepEqual((await runStatement(client, insert, [2])).rows, [{ n: 2 }])
  assert.deepEqual((await named(client)).sort(), [DOUBLE, insert].sort())
}))

test('a connection whose statements were discarded fails once (26000), then parses again', () => using(true, async (client) => {
  for (let i = 0; i < PREPARE_AFTER; i++) await runStatement(client, DOUBLE, [i])
  await client.query('DEALLOCATE ALL')
  await assert.rejects(runStatement(client, DOUBLE, [1]), { code: '26000' })
  // counted from the start again: unnamed, then named once more at its use number PREPARE_AFTER
  for (let i = 1; i < PREPARE_AFTER; i++) assert.deepEqual((await runStatement(client, DOUBLE, [8])).rows, [{ v: 16 }])
  assert.deepEqual(await named(client), [])
  await runStatement(client, DOUBLE, [8])
  assert.deepEqual(await named(client), [DOUBLE])
}))

test('a named SELECT * whose table gained a column fails once (0A000), then returns the new column', () => using(true, async (client) => {
  await admin.query('CREATE TABLE wide (a int)')
  await admin.query('INSERT INTO wide VALUES (1)')
  const all = 'SELECT * FROM wide'
  for (let i = 0; i < PREPARE_AFTER + 1; i++) await runStatement(client, all)
  await admin.query('ALTER TABLE wide ADD COLUMN b int DEFAULT 2')
  await assert.rejects(runStatement(client, all), { code: '0A000' })
  assert.deepEqual((await runStatement(client, all)).rows, [{ a: 1, b: 2 }])
  // the old name was closed with the statement that followed; named again, the server holds the text once
  assert.deepEqual(await named(client), [])
  for (let i = 1; i < PREPARE_AFTER; i++) assert.deepEqual((await runStatement(client, all)).rows, [{ a: 1, b: 2 }])
  assert.deepEqual(await named(client), [all])
}))

/** Counts the `Describe` messages `client` sends from now on. */
function countDescribes(client: pg.ClientBase): { readonly n: number } {
  const connection = (client as unknown as { connection: { describe(o: unknown): void } }).connection
  const describe = connection.describe.bind(connection)
  const counter = { n: 0 }
  connection.describe = (o) => {
    counter.n++
    describe(o)
  }
  return counter
}

test('a named statement is described once: later answers have the same rows, types and fields without a Describe', () => using(true, async (client) => {
  await admin.query(`CREATE TABLE typed (id int PRIMARY KEY, at timestamptz, doc jsonb, label text)`)
  const read = 'SELECT id, at, doc, label, id::bigint AS big FROM typed WHERE id >= $1 ORDER BY id'
  const write = 'INSERT INTO typed (id, at, doc, label) VALUES ($1, $2, $3, $4)'
  const describes = countDescribes(client)
  const at = new Date('2026-12-07T10:00:00Z')
  // described while unnamed and at the use that names them
  for (let i = 0; i < PREPARE_AFTER; i++) await pipelined(client, [{ text: write, values: [i, at, { n: i }, i ? `n${i}` : null] }, { text: read, values: [100] }])
  assert.equal(describes.n, 2 * PREPARE_AFTER)
  const before = describes.n
  // named and described: no Describe any more, whether a statement answers rows, none, or has no columns at all
  const [inserted, none, rows, again] = await pipelined(client, [
    { text: write, values: [10, at, { n: 10 }, 'ten'] }, { text: read, values: [100] }, { text: read, values: [1] }, { text: read, values: [10] },
  ])
  assert.equal(describes.n, before)
  assert.equal(inserted.command, 'INSERT')
  assert.equal(inserted.rowCount, 1)
  assert.deepEqual(inserted.fields, [])
  assert.deepEqual(none.rows, [])
  assert.deepEqual(none.fields.map((f) => f.name), ['id', 'at', 'doc', 'label', 'big'])
  assert.deepEqual(rows.rows, [
    { id: 1, at, doc: { n: 1 }, label: 'n1', big: '1' },
    { id: 2, at, doc: { n: 2 }, label: 'n2', big: '2' },
    { id: 10, at, doc: { n: 10 }, label: 'ten', big: '10' },
  ])
  assert.ok(rows.rows[0].at instanceof Date)
  assert.equal(rows.rowCount, 3)
  assert.deepEqual(again.rows, [{ id: 10, at, doc: { n: 10 }, label: 'ten', big: '10' }])
  // alone too
  assert.deepEqual((await runStatement(client, read, [2])).rows.map((r) => r.id), [2, 10])
  assert.equal(describes.n, before)
  // an empty text (answered without CommandComplete; node-postgres gives it no result) does not shift the answers after it
  for (let i = 0; i < PREPARE_AFTER; i++) await runStatement(client, '')
  const afterEmpty = await pipelined(client, [{ text: '' }, { text: read, values: [10] }])
  assert.deepEqual(afterEmpty.map((r) => r.rows), [[{ id: 10, at, doc: { n: 10 }, label: 'ten', big: '10' }]])
  // a new text is described until it is named, then no more
  const other = 'SELECT count(*)::int AS n FROM typed'
  for (let i = 0; i < PREPARE_AFTER + 2; i++) assert.deepEqual((await runStatement(client, other)).rows, [{ n: 4 }])
  assert.equal(describes.n, before + 2 * PREPARE_AFTER)
}))

test(`a connection keeps at most ${MAX_NAMED} names, closing the least recently used`, () => using(true, async (client) => {
  const texts = Array.from({ length: MAX_NAMED + 5 }, (_, k) => `SELECT $1::int + ${k} AS v`)
  for (const text of texts) for (let i = 0; i < PREPARE_AFTER; i++) assert.equal((await runStatement(client, text, [1])).rows[0].v, 1 + texts.indexOf(text))
  await runStatement(client, texts[texts.length - 1], [1]) // carries the last eviction's Close
  const held = await named(client)
  assert.equal(held.length, MAX_NAMED)
  assert.ok(!held.includes(texts[0]) && held.includes(texts[texts.length - 1]))
}))

test('a text used fewer times, or longer than MAX_TEXT, goes unnamed', () => using(true, async (client) => {
  const long = `SELECT $1::int AS v /* ${'x'.repeat(MAX_TEXT)} */`
  for (let i = 0; i < PREPARE_AFTER + 1; i++) await runStatement(client, long, [i])
  for (let i = 1; i < PREPARE_AFTER; i++) await runStatement(client, DOUBLE, [i])
  assert.deepEqual(await named(client), [])
}))

test('a read\'s tenant binding and statement are named once repeated, and the tenant is bound to that statement only', () => using(true, async (client) => {
  const tenant = '3f0a4c1e-0000-4000-8000-000000000001'
  const read = `SELECT current_setting('app.tenant_id') AS t`
  for (let i = 0; i < PREPARE_AFTER + 1; i++) assert.deepEqual((await tenantBoundQuery(client, tenant, read)).rows, [{ t: tenant }])
  assert.deepEqual((await named(client)).length, 2)
  assert.equal((await client.query(`SELECT current_setting('app.tenant_id', true) AS t`)).rows[0].t ?? '', '')
}))

test('a connection not allowed to sends every statement unnamed', () => using(false, async (client) => {
  for (let i = 0; i < PREPARE_AFTER + 1; i++) {
    await runStatement(client, DOUBLE, [1])
    await pipelined(client, [{ text: DOUBLE, values: [2] }, { text: DOUBLE, values: [3] }])
    await tenantBoundQuery(client, '3f0a4c1e-0000-4000-8000-000000000001', 'SELECT 1')
  }
  assert.deepEqual(await named(client), [])
}))

const PROBE = 'SELECT count(*)::int AS n FROM looker.rows'

/** Routes that report the named statements of their transaction's connection, and read a table with `SELECT *`. */
const looker = definePlugin({
  id: 'looker', version: '1.0.0', kernel: '^1.0.0',
  permissions: { 'looker.write': { description: 'Write', roles: ['admin'] }, 'looker.read': { description: 'Read', roles: ['admin'] } },
  migrations: [{ name: '001', up: 'CREATE TABLE rows (id serial PRIMARY KEY, tenant_id uuid NOT NULL, a int NOT NULL DEFAULT 1)' }],
  routes(app, ctx) {
    const body = { type: 'object', additionalProperties: false, properties: {} }
    const texts = { 200: { type: 'object', properties: { texts: { type: 'array', items: { type: 'string' } } } } }
    app.post('/named', { config: { permission: 'looker.write', audit: false }, schema: { body, response: texts } }, async () => {
      return { texts: (await ctx.db.one<{ texts: string[] }>(LIST, []))!.texts }
    })
    app.post('/rows', { config: { permission: 'looker.write', audit: false }, schema: { body, response: { 200: { type: 'object', properties: {} } } } }, async () => {
      await ctx.db.query('INSERT INTO looker.rows DEFAULT VALUES')
      return {}
    })
    // names a statement on its connection, has the server forget every name, then sends the named one again (26000)
    app.post('/discard', { config: { permission: 'looker.write', audit: false }, schema: { body, response: { 200: { type: 'object', properties: {} } } } }, async () => {
      await ctx.db.query('INSERT INTO looker.rows DEFAULT VALUES')
      for (let i = 0; i < PREPARE_AFTER; i++) await ctx.db.query(PROBE)
      await ctx.db.query('DEALLOCATE ALL')
      await ctx.db.query(PROBE)
      return {}
    })
    // the rows as they are, whatever their columns (the test adds one)
    const rows = { 200: { type: 'array', items: { type: 'object', additionalProperties: true } } }
    app.get('/rows', { config: { permission: 'looker.read' }, schema: { response: rows } }, async () => (await ctx.db.query('SELECT * FROM looker.rows ORDER BY id LIMIT 1')).rows)
  },
})

for (const preparedStatements of [undefined, false]) {
  test(`a kernel's tenant transactions ${preparedStatements === false ? 'with database.preparedStatements off send every statement unnamed' : 'name the statements their connections repeat, by default'}`, async () => {
    const t = await createTestKernel({ plugins: [looker], workers: false, config: { database: { poolSize: 2, preparedStatements } } as never })
    try {
      const tenant = await t.createTenant()
      await t.enable(tenant.id, 'looker')
      const { cookie } = await t.signIn({ tenantId: tenant.id, role: 'admin' })
      let seen: string[] = []
      for (let i = 0; i < 2 * PREPARE_AFTER + 2; i++) {
        const res = await t.request({ method: 'POST', url: '/api/v1/looker/named', headers: { cookie }, payload: {} })
        assert.equal(res.statusCode, 200, res.body)
        seen = res.json().texts
      }
      if (preparedStatements === false) assert.deepEqual(seen, [])
      else assert.ok(seen.some((s) => s.includes(`set_config('app.tenant_id'`)), `the transaction's connection has ${JSON.stringify(seen)}`)
    } finally {
      await t.close()
    }
  })
}

/** A kernel with `looker` enabled for a tenant that has one row, a signed-in admin's cookie; closed after `fn`. */
async function withLooker(fn: (t: TestKernel, tenantId: string, cookie: string) => Promise<void>): Promise<void> {
  const t = await createTestKernel({ plugins: [looker], workers: false, config: { database: { poolSize: 2 } } as never })
  try {
    const tenant = await t.createTenant()
    await t.enable(tenant.id, 'looker')
    const { cookie } = await t.signIn({ tenantId: tenant.id, role: 'admin' })
    assert.equal((await t.request({ method: 'POST', url: '/api/v1/looker/rows', headers: { cookie }, payload: {} })).statusCode, 200)
    await fn(t, tenant.id, cookie)
  } finally {
    await t.close()
  }
}

test('a read whose named SELECT * met a migration is answered 503 with Retry-After, and the next one the new column', () => withLooker(async (t, tenantId, cookie) => {
  // enough reads that each of the pool's two connections has named the statement
  for (let i = 0; i < 2 * PREPARE_AFTER + 2; i++) {
    assert.deepEqual((await t.request({ url: '/api/v1/looker/rows', headers: { cookie } })).json()[0], { id: 1, tenant_id: tenantId, a: 1 })
  }
  await t.adminQuery('ALTER TABLE looker.rows ADD COLUMN b int NOT NULL DEFAULT 2')
  const statuses: number[] = []
  for (let ok = 0; ok < 3;) {
    const res = await t.request({ url: '/api/v1/looker/rows', headers: { cookie } })
    statuses.push(res.statusCode)
    if (res.statusCode === 503) {
      assert.equal(res.headers['retry-after'], '1')
      assert.match(res.json().detail, /nothing was saved/)
      continue
    }
    assert.equal(res.statusCode, 200, res.body)
    assert.deepEqual(res.json()[0], { id: 1, tenant_id: tenantId, a: 1, b: 2 })
    ok++
  }
  assert.ok(statuses.includes(503) && statuses.filter((s) => s === 503).length <= 2, `statuses after the migration: ${statuses}`)
}))

test('a request whose named statement the server forgot is answered 503 with Retry-After, and nothing it wrote stays', () => withLooker(async (t, tenantId, cookie) => {
  const res = await t.request({ method: 'POST', url: '/api/v1/looker/discard', headers: { cookie }, payload: {} })
  assert.equal(res.statusCode, 503, res.body)
  assert.equal(res.headers['retry-after'], '1')
  assert.match(res.json().detail, /connection to the database was reset .* nothing was saved/)
  assert.equal((await t.adminQuery('SELECT count(*)::int AS n FROM looker.rows')).rows[0].n, 1, 'the row the request inserted was rolled back')
  // the connection parses again: every read answers, named anew from its third use
  for (let i = 0; i < 2 * PREPARE_AFTER + 2; i++) {
    const read = await t.request({ url: '/api/v1/looker/rows', headers: { cookie } })
    assert.equal(read.statusCode, 200, read.body)
    assert.deepEqual(read.json()[0], { id: 1, tenant_id: tenantId, a: 1 })
  }
}))
