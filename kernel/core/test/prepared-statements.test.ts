/**
 * The kernel's registered statements run as named prepared statements on the connections that allow them: parsed once
 * per connection, then only bound — in a pipeline, alone, twice in one pipeline, as a read's tenant binding — and a
 * connection recovers when a pipeline failed around a first Parse or when the server lost its statements. Connections
 * not allowed (and a kernel with `database.preparedStatements` off) send every statement unnamed.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import pg from 'pg'
import { definePlugin } from '@tessera/sdk'
import { createTestKernel, createTestDatabase, dropTestDatabase } from '../src/testing/index.ts'
import { pipelined, pipelinedOutcome, runStatement } from '../src/db/pipelined-query.ts'
import { allowPreparedStatements, preparedStatement } from '../src/db/prepared-statements.ts'
import { tenantBoundQuery } from '../src/db/tenant-bound-query.ts'

const DOUBLE = preparedStatement('tessera_test_double', 'SELECT $1::int * 2 AS v')
const INSERT = preparedStatement('tessera_test_insert', 'INSERT INTO seen (n) VALUES ($1) RETURNING n')
const LIST = `SELECT coalesce(array_agg(name::text ORDER BY name), '{}') AS names FROM pg_prepared_statements`

let url: string
let pool: pg.Pool
before(async () => {
  url = await createTestDatabase()
  pool = new pg.Pool({ connectionString: url, max: 4 })
  await pool.query('CREATE TABLE seen (n integer PRIMARY KEY)')
})
after(async () => {
  await pool.end()
  await dropTestDatabase(url)
})

/** A fresh connection (none of its statements parsed yet), allowed to use names unless `allowed` is false. */
async function connection(allowed = true): Promise<pg.PoolClient> {
  const client = new pg.Client({ connectionString: url }) as unknown as pg.PoolClient
  await client.connect()
  if (allowed) allowPreparedStatements(client)
  return client
}

async function names(client: pg.ClientBase): Promise<string[]> {
  return (await client.query(LIST)).rows[0].names
}

test('a registered statement is parsed once per connection and then only bound', async () => {
  const client = await connection()
  try {
    assert.deepEqual((await runStatement(client, DOUBLE, [2])).rows, [{ v: 4 }])
    assert.deepEqual(await names(client), ['tessera_test_double'])
    // again, alone and in a pipeline (twice in the same one): no second Parse, which the server would refuse (42P05)
    assert.deepEqual((await runStatement(client, DOUBLE, [3])).rows, [{ v: 6 }])
    const results = await pipelined(client, [{ text: DOUBLE, values: [4] }, { text: 'SELECT 1 AS one' }, { text: DOUBLE, values: [5] }])
    assert.deepEqual(results.map((r) => r.rows[0]), [{ v: 8 }, { one: 1 }, { v: 10 }])
    assert.deepEqual(await names(client), ['tessera_test_double'])
  } finally {
    await client.end()
  }
})

test('twice in the first pipeline of a connection: parsed once, both answered', async () => {
  const client = await connection()
  try {
    const results = await pipelined(client, [{ text: DOUBLE, values: [1] }, { text: DOUBLE, values: [7] }])
    assert.deepEqual(results.map((r) => r.rows[0].v), [2, 14])
    assert.deepEqual(await names(client), ['tessera_test_double'])
  } finally {
    await client.end()
  }
})

test('a pipeline that fails before or at a first Parse leaves the connection able to parse it next time', async () => {
  const client = await connection()
  try {
    // the statement before fails: the server skips the named Parse after it
    const skipped = await pipelinedOutcome(client, [{ text: 'SELECT 1/0' }, { text: DOUBLE, values: [1] }])
    assert.equal((skipped.error as { code?: string }).code, '22012')
    assert.deepEqual(await names(client), [])
    assert.deepEqual((await runStatement(client, DOUBLE, [21])).rows, [{ v: 42 }])
    // the named statement itself fails when executed, after its Parse succeeded: the next use still works
    await pool.query('INSERT INTO seen (n) VALUES (1) ON CONFLICT DO NOTHING')
    await assert.rejects(runStatement(client, INSERT, [1]), { code: '23505' })
    assert.deepEqual((await runStatement(client, INSERT, [2])).rows, [{ n: 2 }])
    assert.deepEqual(await names(client), ['tessera_test_double', 'tessera_test_insert'])
  } finally {
    await client.end()
  }
})

test('a connection whose statements were discarded fails once (26000) and then parses again', async () => {
  const client = await connection()
  try {
    await runStatement(client, DOUBLE, [1])
    await client.query('DEALLOCATE ALL')
    await assert.rejects(runStatement(client, DOUBLE, [1]), { code: '26000' })
    assert.deepEqual((await runStatement(client, DOUBLE, [8])).rows, [{ v: 16 }])
  } finally {
    await client.end()
  }
})

test('a read\'s tenant binding is a named statement too, and still binds the tenant to that statement only', async () => {
  const client = await connection()
  try {
    const tenant = '3f0a4c1e-0000-4000-8000-000000000001'
    for (let i = 0; i < 2; i++) {
      const r = await tenantBoundQuery(client, tenant, `SELECT current_setting('app.tenant_id') AS t`)
      assert.deepEqual(r.rows, [{ t: tenant }])
    }
    assert.deepEqual(await names(client), ['tessera_bind_tenant'])
    assert.equal((await client.query(`SELECT current_setting('app.tenant_id', true) AS t`)).rows[0].t ?? '', '')
  } finally {
    await client.end()
  }
})

test('a connection not allowed to sends every statement unnamed', async () => {
  const client = await connection(false)
  try {
    await runStatement(client, DOUBLE, [1])
    await pipelined(client, [{ text: DOUBLE, values: [2] }, { text: DOUBLE, values: [3] }])
    await tenantBoundQuery(client, '3f0a4c1e-0000-4000-8000-000000000001', 'SELECT 1')
    assert.deepEqual(await names(client), [])
  } finally {
    await client.end()
  }
})

test('the same name for another text is refused', () => {
  assert.throws(() => preparedStatement('tessera_test_double', 'SELECT 3'), /already registered/)
})

/** A plugin route that reports the prepared statements of the connection its transaction runs on. */
const looker = definePlugin({
  id: 'looker', version: '1.0.0', kernel: '^1.0.0',
  permissions: { 'looker.write': { description: 'Write', roles: ['admin'] } },
  routes(app, ctx) {
    const body = { type: 'object', additionalProperties: false, properties: {} }
    const response = { 200: { type: 'object', properties: { names: { type: 'array', items: { type: 'string' } } } } }
    app.post('/names', { config: { permission: 'looker.write', audit: false }, schema: { body, response } }, async () => {
      return { names: (await ctx.db.one<{ names: string[] }>(LIST, []))!.names }
    })
  },
})

for (const preparedStatements of [undefined, false]) {
  test(`a kernel's tenant transactions ${preparedStatements === false ? 'with database.preparedStatements off send the binding unnamed' : 'bind the tenant with a named statement by default'}`, async () => {
    const t = await createTestKernel({ plugins: [looker], workers: false, config: { database: { poolSize: 2, preparedStatements } } as never })
    try {
      const tenant = await t.createTenant()
      await t.enable(tenant.id, 'looker')
      const { cookie } = await t.signIn({ tenantId: tenant.id, role: 'admin' })
      const res = await t.request({ method: 'POST', url: '/api/v1/looker/names', headers: { cookie }, payload: {} })
      assert.equal(res.statusCode, 200, res.body)
      const seen: string[] = res.json().names
      if (preparedStatements === false) assert.deepEqual(seen, [])
      else assert.ok(seen.includes('tessera_bind_tenant'), `the transaction's connection has ${JSON.stringify(seen)}`)
    } finally {
      await t.close()
    }
  })
}
