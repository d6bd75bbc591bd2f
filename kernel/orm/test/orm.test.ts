/**
 * `@tessera/orm` on a real kernel and PostgreSQL: the ORM's queries run on the kernel's tenant-bound connection, so RLS
 * applies to them (a find sees only its tenant, a cross-tenant insert is refused by the policy), a kernel rollback
 * removes the ORM's writes, reads work in statement-bound GET routes, and concurrent requests of different tenants
 * never share an identity map.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createTestKernel } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import type { Db, PluginContext } from '@tessera/sdk'
import { guestbook, orm, Guest } from './fixtures/guestbook-plugin.ts'

let t: TestKernel
let a: { tenantId: string; cookie: string }
let b: { tenantId: string; cookie: string }

async function tenantWithUser(slug: string) {
  const tenant = await t.createTenant(slug)
  await t.enable(tenant.id, 'guestbook')
  const { cookie } = await t.signIn({ tenantId: tenant.id, role: 'manager' })
  return { tenantId: tenant.id, cookie }
}

const call = (who: { cookie: string }, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.request({ method, url: `/api/v1/guestbook${url}`, session: who.cookie, ...(payload ? { payload: payload as object } : {}) })

const rowsOf = async (tenantId: string) =>
  (await t.adminQuery('SELECT name FROM guestbook.guests WHERE tenant_id = $1 ORDER BY id', [tenantId])).rows.map((r) => r.name as string)

before(async () => {
  t = await createTestKernel({ plugins: [guestbook] })
  a = await tenantWithUser('orm-a')
  b = await tenantWithUser('orm-b')
})
after(() => t.close())

test('an ORM insert in a mutating route commits with the kernel transaction, tenant_id from the scope', async () => {
  const res = await call(a, 'POST', '/guests', { name: 'Ada' })
  assert.equal(res.statusCode, 201, res.body)
  assert.equal(res.json().tenantId, a.tenantId)
  assert.equal(res.json().name, 'Ada')
  assert.ok((await rowsOf(a.tenantId)).includes('Ada'))
})

test('an ORM find sees only its own tenant (RLS applies to ORM queries)', async () => {
  const mine = await call(b, 'POST', '/guests', { name: 'Bea' })
  assert.equal(mine.statusCode, 201, mine.body)
  const theirs = await call(a, 'POST', '/guests', { name: 'Cid' })
  assert.equal(theirs.statusCode, 201, theirs.body)
  const list = (await call(b, 'GET', '/guests')).json() as { tenantId: string; name: string }[]
  assert.ok(list.length > 0)
  assert.ok(list.every((g) => g.tenantId === b.tenantId), JSON.stringify(list))
  assert.equal((await call(b, 'GET', `/guests/${theirs.json().id}`)).statusCode, 404, "another tenant's row is not found by id")
})

test('a GET route reads through the ORM (statement-bound)', async () => {
  const created = await call(a, 'POST', '/guests', { name: 'Dot' })
  const res = await call(a, 'GET', `/guests/${created.json().id}`)
  assert.equal(res.statusCode, 200, res.body)
  assert.deepEqual(res.json(), { id: created.json().id, tenantId: a.tenantId, name: 'Dot' })
})

test('em.transactional() in a statement-bound GET route is refused with the SDK reason', async () => {
  const res = await call(a, 'GET', '/transactional')
  assert.equal(res.statusCode, 200, res.body)
  assert.match(res.json().error, /savepoint\(\) needs a transaction/)
})

test("an ORM insert with another tenant's tenant_id is refused by the policy and writes nothing", async () => {
  const res = await call(a, 'POST', '/guests', { name: 'Intruder', tenantId: b.tenantId })
  assert.ok(res.statusCode >= 500, `${res.statusCode} ${res.body}`)
  assert.ok(!(await rowsOf(b.tenantId)).includes('Intruder'))
  assert.ok(!(await rowsOf(a.tenantId)).includes('Intruder'))
  // the same insert from domain code in a tenant scope: flush() fails with the policy's own error code, and the
  // tenant transaction, aborted by it, is reported rolled back even though the code caught the error
  const ctx = t.pluginContext('guestbook')
  let flushError: string | undefined
  const outcome = await ctx.withTenant(a.tenantId, async () => {
    try {
      const em = await orm.em(ctx)
      em.create(Guest, { name: 'Intruder 2', tenantId: b.tenantId })
      await em.flush()
    } catch (err) {
      flushError = (err as { code?: string }).code ?? (err as Error).message
    }
    return 'committed'
  }).catch((err: Error) => err.message)
  assert.equal(flushError, '42501', 'new row violates row-level security policy')
  assert.match(outcome, /rolled back/)
  assert.ok(!(await rowsOf(b.tenantId)).includes('Intruder 2'))
})

test("a kernel rollback (the route throws after flush()) removes the ORM's writes", async () => {
  const res = await call(a, 'POST', '/guests', { name: 'Ghost', fail: true })
  assert.equal(res.statusCode, 500, res.body)
  assert.ok(!(await rowsOf(a.tenantId)).includes('Ghost'))
})

test('em.transactional() is a savepoint in the kernel transaction: its rollback keeps the outer writes', async () => {
  const res = await call(a, 'POST', '/guests', { name: 'Eve', nested: true })
  assert.equal(res.statusCode, 201, res.body)
  const names = await rowsOf(a.tenantId)
  assert.ok(names.includes('Eve'))
  assert.ok(!names.includes('Eve (nested)'))
})

test('two concurrent requests of different tenants never share an identity map', async () => {
  await call(a, 'POST', '/guests', { name: 'Fay' })
  await call(b, 'POST', '/guests', { name: 'Gus' })
  const [ra, rb] = await Promise.all([call(a, 'GET', '/identity-map?expected=2'), call(b, 'GET', '/identity-map?expected=2')])
  assert.equal(ra.statusCode, 200, ra.body)
  assert.equal(rb.statusCode, 200, rb.body)
  assert.notEqual(ra.json().em, rb.json().em)
  assert.deepEqual(ra.json().tenants, [a.tenantId])
  assert.deepEqual(rb.json().tenants, [b.tenantId])
  assert.deepEqual(ra.json().names, await rowsOf(a.tenantId).then((n) => n.sort()))
  assert.deepEqual(rb.json().names, await rowsOf(b.tenantId).then((n) => n.sort()))
})

test('one MikroORM per plugin context, initialised once and reused by every EntityManager', async () => {
  const ctx = t.pluginContext('guestbook')
  const first = await orm.orm(ctx)
  assert.equal(await orm.orm(ctx), first)
  const [e1, e2] = await ctx.withTenant(a.tenantId, async () => [await orm.em(ctx), await orm.em(ctx)])
  assert.notEqual(e1, e2, 'a fresh fork per call')
  assert.equal(first.config.get('implicitTransactions'), false)
  assert.equal(first.config.get('allowGlobalContext'), false)
  assert.throws(() => first.em.getUnitOfWork(), /global EntityManager/i)
})

test('flush() sends no BEGIN, COMMIT or SAVEPOINT: its statements go to ctx.db inside the kernel transaction', async () => {
  const ctx = t.pluginContext('guestbook')
  const sent: string[] = []
  const recording: Db = {
    ...ctx.db,
    query: (sql, params) => { sent.push(sql); return ctx.db.query(sql, params) },
    savepoint: (fn) => { sent.push('SAVEPOINT (ctx.db.savepoint)'); return ctx.db.savepoint(fn) },
  }
  const recorded = { ...ctx, db: recording } as PluginContext
  await ctx.withTenant(a.tenantId, async () => {
    const em = await orm.em(recorded)
    em.create(Guest, { name: 'Hal' })
    await em.flush()
  })
  assert.ok(sent.some((s) => /^insert into "guestbook"\."guests"/i.test(s)), sent.join('\n'))
  assert.deepEqual(sent.filter((s) => /^\s*(begin|commit|start transaction|savepoint|release)/i.test(s)), [])
  assert.ok((await rowsOf(a.tenantId)).includes('Hal'))
})

test('a second kernel in the same process gets its own MikroORM for the same plugin module', async () => {
  const other = await createTestKernel({ plugins: [guestbook] })
  try {
    const mine = await orm.orm(t.pluginContext('guestbook'))
    const theirs = await orm.orm(other.pluginContext('guestbook'))
    assert.notEqual(theirs, mine)
    const tenant = await other.createTenant('orm-other')
    await other.enable(tenant.id, 'guestbook')
    const { cookie } = await other.signIn({ tenantId: tenant.id, role: 'manager' })
    const res = await other.request({ method: 'POST', url: '/api/v1/guestbook/guests', session: cookie, payload: { name: 'Ivy' } })
    assert.equal(res.statusCode, 201, res.body)
    assert.deepEqual((await other.adminQuery('SELECT name FROM guestbook.guests')).rows.map((r) => r.name), ['Ivy'])
    assert.ok(!(await rowsOf(a.tenantId)).includes('Ivy'), "the first kernel's database is untouched")
  } finally {
    await other.close()
  }
})
