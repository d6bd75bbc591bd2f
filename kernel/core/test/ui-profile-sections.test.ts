/**
 * Profile sections (`ui.profileSections`): the person-profile sibling of dashboard widgets — same element rules, same
 * permission and enablement filter in the UI manifest. And the tenant audit log's `target` filter, which the profile's
 * Activity reads: only the entries about that subject, of this tenant, paginated.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { definePlugin } from '@tessera/sdk'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'
import { manifestProblems } from '../src/plugin-host/validate-manifest.ts'

const cards = definePlugin({
  id: 'cards', version: '1.0.0', kernel: '^1.0.0', name: 'Membership cards',
  permissions: { 'cards.read': { description: 'See cards', roles: ['admin', 'manager'] } },
  ui: {
    routes: [],
    profileSections: [{ id: 'cards', title: 'Cards', element: 'cards-profile-section', permission: 'cards.read', order: 20 }],
  },
  routes(app, ctx) {
    app.post('/cards/:id', {
      config: { permission: 'cards.read' },
      schema: { params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 40 } } }, body: { type: 'object', additionalProperties: false }, response: { 200: { type: 'object', properties: {} } } },
    }, async (req) => {
      await ctx.audit.record({ action: 'card.issue', target: `person:${req.params.id}` })
      return {}
    })
  },
})

let t: TestKernel
before(async () => {
  t = await createTestKernel({ plugins: [cards], workers: false })
})
after(() => t?.close())

test('profile sections are served like widgets: by permission, while enabled, without their permission', async () => {
  const tenant = await t.createTenant()
  await t.enable(tenant.id, 'cards')
  const manager = await t.signIn({ tenantId: tenant.id, role: 'manager' })
  const support = await t.signIn({ tenantId: tenant.id, role: 'support' })
  const sectionsOf = async (cookie: string) => {
    const res = await t.request({ method: 'GET', url: '/api/v1/ui/manifest', session: cookie })
    assert.equal(res.statusCode, 200, res.body)
    return (res.json() as { plugins: { id: string; name: string; profileSections: unknown[] }[] }).plugins.map((p) => [p.id, p.name, p.profileSections])
  }
  // the plugin's name comes along: the profile labels each section with it
  assert.deepEqual(await sectionsOf(manager.cookie), [['cards', 'Membership cards', [{ id: 'cards', title: 'Cards', element: 'cards-profile-section', order: 20 }]]])
  assert.deepEqual(await sectionsOf(support.cookie), [], 'a plugin with nothing visible is not listed')
  await t.disable(tenant.id, 'cards')
  assert.deepEqual(await sectionsOf(manager.cookie), [])
})

test('the manifest checks profile sections like widgets', () => {
  const base = { id: 'sec', version: '1.0.0', kernel: '^1.0.0' }
  const section = { id: 'one', title: 'One', element: 'sec-one' }
  const problems = manifestProblems({ ...base, ui: { routes: [], profileSections: [section, { ...section, element: 'other-one' }, ...Array.from({ length: 5 }, (_, i) => ({ ...section, id: `s${i}` }))] } })
  for (const p of ['/ui/profileSections/1 element "other-one" must be prefixed with "sec-"', '/ui/profileSections "one" is declared twice', '/ui/profileSections must NOT have more than 6 items']) {
    assert.ok(problems.includes(p), `${p} in ${JSON.stringify(problems)}`)
  }
})

test("the tenant audit log filtered by target: that subject's entries of this tenant only, paginated", async () => {
  const [a, b] = [await t.createTenant(), await t.createTenant()]
  for (const x of [a, b]) await t.enable(x.id, 'cards')
  const adminA = await t.signIn({ tenantId: a.id, role: 'admin' })
  const adminB = await t.signIn({ tenantId: b.id, role: 'admin' })
  const issue = async (cookie: string, id: string) => {
    const res = await t.request({ method: 'POST', url: `/api/v1/cards/cards/${id}`, session: cookie, payload: {} })
    assert.equal(res.statusCode, 200, res.body)
  }
  await issue(adminA.cookie, 'p1')
  await issue(adminA.cookie, 'p2')
  await issue(adminA.cookie, 'p1')
  await issue(adminB.cookie, 'p1')
  const audit = async (cookie: string, query: string) => {
    const res = await t.request({ method: 'GET', url: `/api/v1/tenant/audit?${query}`, session: cookie })
    assert.equal(res.statusCode, 200, res.body)
    return (res.json() as { items: { action: string; target: string }[] }).items
  }
  const p1 = await audit(adminA.cookie, 'target=person:p1')
  assert.deepEqual(p1.map((e) => e.target), ['person:p1', 'person:p1'])
  assert.equal((await audit(adminA.cookie, 'target=person:p1&limit=1')).length, 1)
  assert.equal((await audit(adminA.cookie, 'target=person:p1&limit=1&offset=2')).length, 0)
  assert.deepEqual((await audit(adminB.cookie, 'target=person:p1')).map((e) => e.target), ['person:p1'], "tenant B sees only its own entry")
  const tooLong = await t.request({ method: 'GET', url: `/api/v1/tenant/audit?target=${'x'.repeat(201)}`, session: adminA.cookie })
  assert.equal(tooLong.statusCode, 400)
})
