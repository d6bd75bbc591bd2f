/**
 * Tenant isolation: tenant A can neither read nor change B's rows through the API; a raw SELECT under the runtime
 * role with no tenant set returns nothing; every tenant table has RLS ENABLE + FORCE (INV-1).
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import pg from 'pg'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'
import notes from './fixtures/notes-plugin.ts'

let t: TestKernel
let a: { id: string }, b: { id: string }
let sa: string, sb: string

before(async () => {
  t = await createTestKernel({ plugins: [notes], workers: false })
  a = await t.createTenant()
  b = await t.createTenant()
  await t.enable(a.id, 'notes', { title: 'A' })
  await t.enable(b.id, 'notes', { title: 'B' })
  sa = (await t.signIn({ tenantId: a.id, role: 'admin' })).cookie
  sb = (await t.signIn({ tenantId: b.id, role: 'admin' })).cookie
})
after(() => t.close())

test('each tenant reads only its own rows through the API', async () => {
  const ra = await t.request({ method: 'POST', url: '/api/v1/notes/notes', session: sa, payload: { body: 'secret of A' } })
  assert.equal(ra.statusCode, 201, ra.body)
  assert.equal(ra.json().tenant_id, a.id)
  const rb = await t.request({ method: 'POST', url: '/api/v1/notes/notes', session: sb, payload: { body: 'secret of B' } })
  assert.equal(rb.statusCode, 201)
  const listA = (await t.request({ method: 'GET', url: '/api/v1/notes/notes', session: sa })).json()
  assert.deepEqual(listA.map((n: { body: string }) => n.body), ['secret of A'])
  const listB = (await t.request({ method: 'GET', url: '/api/v1/notes/notes', session: sb })).json()
  assert.deepEqual(listB.map((n: { body: string }) => n.body), ['secret of B'])
  // A tries to change B's note by id: the row is invisible to A, so 404 and B's row is unchanged
  const attack = await t.request({ method: 'PUT', url: `/api/v1/notes/notes/${rb.json().id}`, session: sa, payload: { body: 'pwned' } })
  assert.equal(attack.statusCode, 404)
  assert.equal(attack.headers['content-type'], 'application/problem+json; charset=utf-8')
  const { rows } = await t.adminQuery('SELECT body FROM notes.notes WHERE id = $1', [rb.json().id])
  assert.equal(rows[0].body, 'secret of B')
})

test('a raw SELECT under the runtime role with no tenant set returns no rows', async () => {
  const client = new pg.Client({ connectionString: t.databaseUrl })
  await client.connect()
  try {
    const total = await client.query('SELECT count(*)::int AS n FROM notes.notes')
    assert.ok(total.rows[0].n >= 2, 'the admin sees the rows')
    await client.query('BEGIN')
    await client.query('SET LOCAL ROLE tessera_app')
    const r = await client.query('SELECT * FROM notes.notes')
    assert.equal(r.rowCount, 0)
    const audit = await client.query('SELECT * FROM tessera.audit_log')
    assert.equal(audit.rowCount, 0)
    // writing a row for another tenant is refused by the policy's WITH CHECK
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.id])
    await assert.rejects(client.query('INSERT INTO notes.notes (tenant_id, body) VALUES ($1, $2)', [b.id, 'smuggled']), /row-level security/)
    await client.query('ROLLBACK')
    // the runtime role cannot reach platform tables at all
    await client.query('BEGIN')
    await client.query('SET LOCAL ROLE tessera_app')
    await assert.rejects(client.query('SELECT * FROM tessera.users'), /permission denied/)
    await client.query('ROLLBACK')
  } finally {
    await client.end()
  }
})

test('every table with a tenant_id that the runtime role can reach has RLS ENABLE + FORCE', async () => {
  const { rows } = await t.adminQuery(`
    SELECT n.nspname || '.' || c.relname AS t, c.relrowsecurity, c.relforcerowsecurity
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
     WHERE c.relkind IN ('r', 'p') AND has_table_privilege('tessera_app', c.oid, 'SELECT')`)
  assert.ok(rows.length >= 2)
  for (const r of rows) assert.ok(r.relrowsecurity && r.relforcerowsecurity, `${r.t} lacks RLS ENABLE + FORCE`)
  const role = await t.adminQuery(`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'tessera_app'`)
  assert.deepEqual(role.rows[0], { rolsuper: false, rolbypassrls: false })
})

test('the audit log records mutations and refuses UPDATE and DELETE, even for a superuser', async () => {
  const { rows } = await t.adminQuery(`SELECT * FROM tessera.audit_log WHERE tenant_id = $1 AND plugin = 'notes'`, [a.id])
  assert.ok(rows.some((r) => r.action === 'POST /api/v1/notes/notes' && r.actor_type === 'user'), JSON.stringify(rows))
  await assert.rejects(t.adminQuery(`UPDATE tessera.audit_log SET action = 'x'`), /append-only/)
  await assert.rejects(t.adminQuery(`DELETE FROM tessera.audit_log`), /append-only/)
  await assert.rejects(t.adminQuery(`TRUNCATE tessera.audit_log`), /append-only/)
})

test('staff of tenant B read only their own audit log', async () => {
  const res = await t.request({ method: 'GET', url: '/api/v1/tenant/audit', session: sb })
  assert.equal(res.statusCode, 200, res.body)
  const items = res.json().items as { plugin: string; target: string | null }[]
  assert.ok(items.length > 0)
  const ownIds = (await t.adminQuery(`SELECT id::text FROM tessera.audit_log WHERE tenant_id = $1`, [b.id])).rows.map((r) => r.id)
  for (const i of items as unknown as { id: string }[]) assert.ok(ownIds.includes(i.id))
})
