/**
 * The top-bar search over members (`src/search/members-search.ts`) through the kernel's `GET /api/v1/search`:
 * tenant isolation, typo tolerance, exact before fuzzy, organisations, permission and the text's bound.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createTestKernel } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import members from '../src/index.ts'

let t: TestKernel
before(async () => { t = await createTestKernel({ plugins: [members], workers: false }) })
after(() => t.close())

interface Answer { groups: { kind: string; label: string; plugin: { name: string }; results: { title: string; href: string; subtitle?: string; rank: number }[] }[] }

async function tenantWith(people: { name: string; email?: string }[], orgs: string[] = []) {
  const tenant = await t.createTenant()
  await t.enable(tenant.id, 'members')
  const admin = (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie
  const ids: Record<string, string> = {}
  for (const name of orgs) {
    const res = await t.request({ method: 'POST', url: '/api/v1/members/organisations', session: admin, payload: { name } })
    assert.equal(res.statusCode, 201, res.body)
  }
  for (const p of people) {
    const res = await t.request({ method: 'POST', url: '/api/v1/members/people', session: admin, payload: p })
    assert.equal(res.statusCode, 201, res.body)
    ids[p.name] = res.json().id
  }
  const search = async (q: string, session = admin) => {
    const res = await t.request({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}`, session })
    assert.equal(res.statusCode, 200, res.body)
    return res.json() as Answer
  }
  return { tenant, admin, ids, search }
}

const titles = (a: Answer, kind: string) => a.groups.find((g) => g.kind === kind)?.results.map((r) => r.title) ?? []

test('people: a typo still finds them, the exact name first, never another tenant\'s', async () => {
  const a = await tenantWith([{ name: 'Ada Lovelace', email: 'ada@analytical.test' }, { name: 'Ada Lovelace-Byron' }, { name: 'Charles Babbage' }])
  await tenantWith([{ name: 'Ada Lovelace', email: 'ada@tenant-b.test' }, { name: 'Ada Lovelase' }])

  const typo = await a.search('Ada Lovelase')
  assert.deepEqual(titles(typo, 'person'), ['Ada Lovelace', 'Ada Lovelace-Byron'], 'typo-tolerant, and tenant B\'s exact "Ada Lovelase" is not there')
  const person = typo.groups.find((g) => g.kind === 'person')!
  assert.equal(person.label, 'People')
  assert.equal(person.plugin.name, 'Members')
  assert.equal(person.results[0]!.href, `/members/${a.ids['Ada Lovelace']}`)
  assert.equal(person.results[0]!.subtitle, 'ada@analytical.test')

  const exact = await a.search('ada lovelace')
  assert.deepEqual(titles(exact, 'person'), ['Ada Lovelace', 'Ada Lovelace-Byron'])
  assert.equal(exact.groups[0]!.results[0]!.rank, 1, 'the exact name ranks 1')
  assert.ok(exact.groups[0]!.results[1]!.rank < 1)

  assert.deepEqual(titles(await a.search('ada@analytical.test'), 'person'), ['Ada Lovelace'], 'by e-mail')
  assert.deepEqual(titles(await a.search('babbage'), 'person'), ['Charles Babbage'], 'by one word')
  assert.deepEqual((await a.search('zzzqqq')).groups, [])
})

test('organisations by name; a member without members.read gets no people', async () => {
  const a = await tenantWith([{ name: 'Grace Hopper' }], ['Analytical Engines Ltd'])
  const answer = await a.search('analytical engine')
  assert.deepEqual(titles(answer, 'organisation'), ['Analytical Engines Ltd'])
  assert.equal(answer.groups.find((g) => g.kind === 'organisation')!.results[0]!.href, '/members?q=Analytical%20Engines%20Ltd')

  const member = (await t.signIn({ tenantId: a.tenant.id, role: 'member' })).cookie
  assert.deepEqual((await a.search('Grace Hopper', member)).groups, [], 'members.read is needed')
  const support = (await t.signIn({ tenantId: a.tenant.id, role: 'support' })).cookie
  assert.deepEqual(titles(await a.search('Grace Hopper', support), 'person'), ['Grace Hopper'])

  const long = await t.request({ method: 'GET', url: `/api/v1/search?q=${'a'.repeat(101)}`, session: a.admin })
  assert.equal(long.statusCode, 422)
  assert.equal(long.json().detail, 'Search for at most 100 characters (this is 101).')
})
