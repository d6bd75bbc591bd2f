/**
 * The top-bar search (`GET /api/v1/search`): plugins' providers answer in the caller's tenant transaction (RLS), only
 * for callers holding the provider's permission, within their time budget (a slow one is left out, the others answer),
 * merged by rank and grouped by kind; the text is bounded (422 in words).
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { definePlugin } from '@tessera/sdk'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'
import { manifestProblems } from '../src/plugin-host/validate-manifest.ts'

const notes = definePlugin({
  id: 'notes', version: '1.0.0', kernel: '^1.0.0', name: 'Notes',
  permissions: { 'notes.read': { description: 'Read notes', roles: ['admin', 'manager'] } },
  migrations: [{ name: '001', up: 'CREATE TABLE notes (id serial PRIMARY KEY, tenant_id uuid NOT NULL, title text NOT NULL)' }],
  routes(app, ctx) {
    app.post('/notes', {
      config: { permission: 'notes.read' },
      schema: { body: { type: 'object', additionalProperties: false, required: ['title'], properties: { title: { type: 'string', maxLength: 100 } } }, response: { 200: { type: 'object', properties: {} } } },
    }, async (req) => {
      await ctx.db.query('INSERT INTO notes.notes (title) VALUES ($1)', [req.body.title])
      return {}
    })
  },
  search: {
    kinds: [{ id: 'note', label: 'Notes' }],
    permission: 'notes.read',
    async query(ctx, { q, limit }) {
      // no tenant filter here: RLS is what keeps other tenants' notes out
      const rows = await ctx.db.many<{ id: number; title: string }>(
        'SELECT id, title FROM notes.notes WHERE title ILIKE $1 ORDER BY id LIMIT $2', [`%${q}%`, limit])
      return rows.map((r) => ({ kind: 'note', id: String(r.id), title: r.title, href: `/notes/${r.id}`, rank: r.title === q ? 1 : 0.5 }))
    },
  },
})

/** Always matches, but takes longer than its budget in the database. */
const slow = definePlugin({
  id: 'slow', version: '1.0.0', kernel: '^1.0.0',
  permissions: { 'slow.read': { description: 'Read slow things', roles: ['admin', 'manager'] } },
  search: {
    kinds: [{ id: 'slow-thing', label: 'Slow things' }], permission: 'slow.read', timeoutMs: 100,
    async query(ctx) {
      await ctx.db.query('SELECT pg_sleep(3)')
      return [{ kind: 'slow-thing', id: '1', title: 'Slow', href: '/slow/1', rank: 1 }]
    },
  },
})

/** Answers only callers holding `secrets.read`, which managers do not. */
const secrets = definePlugin({
  id: 'secrets', version: '1.0.0', kernel: '^1.0.0',
  permissions: { 'secrets.read': { description: 'Read secrets', roles: ['admin'] } },
  search: {
    kinds: [{ id: 'secret', label: 'Secrets' }], permission: 'secrets.read',
    async query(_ctx, { q }) {
      return [{ kind: 'secret', id: 's1', title: `Secret ${q}`, href: '/secrets/s1', rank: 0.7 }, { kind: 'other', id: 'x', title: 'x', href: '/x', rank: 1 }, { kind: 'secret', id: 's2', title: 'evil', href: '//evil.example', rank: 1 }]
    },
  },
})

let t: TestKernel
before(async () => {
  t = await createTestKernel({ plugins: [notes, slow, secrets], workers: false })
})
after(() => t?.close())

interface Answer { q: string; groups: { kind: string; label: string; plugin: { id: string; name: string }; results: { id: string; title: string; href: string; rank: number }[] }[]; skipped: { plugin: string; reason: string }[] }

async function tenantWith(titles: string[]) {
  const tenant = await t.createTenant()
  for (const p of ['notes', 'slow', 'secrets']) await t.enable(tenant.id, p)
  const admin = await t.signIn({ tenantId: tenant.id, role: 'admin' })
  for (const title of titles) {
    const res = await t.request({ method: 'POST', url: '/api/v1/notes/notes', session: admin.cookie, payload: { title } })
    assert.equal(res.statusCode, 200, res.body)
  }
  return { tenant, admin }
}

async function search(cookie: string, query: string): Promise<Answer> {
  const res = await t.request({ method: 'GET', url: `/api/v1/search?${query}`, session: cookie })
  assert.equal(res.statusCode, 200, res.body)
  return res.json() as Answer
}

test('providers answer under RLS and by permission, merged by rank; a slow provider is left out, the others answer', async () => {
  const a = await tenantWith(['Plan', 'Plan B', 'Floor plan'])
  await tenantWith(['Plan of tenant B'])
  const started = Date.now()
  const answer = await search(a.admin.cookie, 'q=%20Plan%20')
  assert.ok(Date.now() - started < 2500, `the slow provider's 3 s sleep was cut by its 100 ms budget (${Date.now() - started} ms)`)
  assert.equal(answer.q, 'Plan')
  assert.deepEqual(answer.skipped, [{ plugin: 'slow', reason: 'timeout' }])
  assert.deepEqual(answer.groups.map((g) => [g.kind, g.label, g.plugin.name]), [['note', 'Notes', 'Notes'], ['secret', 'Secrets', 'secrets']], 'best group first; undeclared kinds and off-app links dropped')
  const titles = answer.groups[0]!.results.map((r) => r.title)
  assert.equal(titles[0], 'Plan', 'the exact match first')
  assert.deepEqual([...titles].sort(), ['Floor plan', 'Plan', 'Plan B'], "tenant B's note never appears")
  assert.deepEqual(answer.groups[1]!.results.map((r) => r.href), ['/secrets/s1'])

  const manager = await t.signIn({ tenantId: a.tenant.id, role: 'manager' })
  const asManager = await search(manager.cookie, 'q=Plan&limit=1')
  assert.deepEqual(asManager.groups.map((g) => g.kind), ['note'], 'a manager lacks secrets.read: that provider is not asked')
  assert.equal(asManager.groups[0]!.results.length, 1, 'limit applies')

  const support = await t.signIn({ tenantId: a.tenant.id, role: 'support' })
  assert.deepEqual(await search(support.cookie, 'q=Plan'), { q: 'Plan', groups: [], skipped: [] })

  // the transaction survived the cancelled provider: a write after a search still works
  const res = await t.request({ method: 'POST', url: '/api/v1/notes/notes', session: a.admin.cookie, payload: { title: 'After' } })
  assert.equal(res.statusCode, 200, res.body)
})

test('the search text is bounded: empty or over 100 characters is a 422 in words; signed-out is 401', async () => {
  const { admin } = await tenantWith([])
  const long = await t.request({ method: 'GET', url: `/api/v1/search?q=${'a'.repeat(101)}`, session: admin.cookie })
  assert.equal(long.statusCode, 422, long.body)
  assert.match(long.headers['content-type'] as string, /application\/problem\+json/)
  assert.equal(long.json().detail, 'Search for at most 100 characters (this is 101).')
  const empty = await t.request({ method: 'GET', url: '/api/v1/search?q=%20%20', session: admin.cookie })
  assert.equal(empty.statusCode, 422)
  assert.equal(empty.json().detail, 'Type something to search for.')
  const bigLimit = await t.request({ method: 'GET', url: '/api/v1/search?q=a&limit=21', session: admin.cookie })
  assert.equal(bigLimit.statusCode, 400)
  const anonymous = await t.request({ method: 'GET', url: '/api/v1/search?q=a' })
  assert.equal(anonymous.statusCode, 401)
})

test('the manifest checks search providers', () => {
  const base = { id: 'srch', version: '1.0.0', kernel: '^1.0.0' }
  const problems = manifestProblems({ ...base, search: { kinds: [{ id: 'a', label: 'A' }, { id: 'a', label: 'A2' }], permission: 'srch.read', timeoutMs: 5000, query: 'nope' } })
  for (const p of ['/search/query must be a function', '/search/kinds "a" is declared twice', '/search/timeoutMs must be <= 2000']) {
    assert.ok(problems.includes(p), `${p} in ${JSON.stringify(problems)}`)
  }
  assert.ok(manifestProblems({ ...base, search: { kinds: [], permission: 'srch.read', query: async () => [] } }).some((p) => p.startsWith('/search/kinds')))
})
