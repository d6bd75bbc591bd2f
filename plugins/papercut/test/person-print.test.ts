/**
 * One person's print account for staff (`GET /papercut/accounts/:personId`, `papercut.manage`) on a real kernel and
 * PostgreSQL against the PaperCut fake: a synced member's username, state, balance, this period's pages, allowance,
 * cost and overage — from the store, with no PaperCut call during the request (and still answered while PaperCut is
 * down); a failed sync with its human reason; a person without an account (`linked: false`). A member gets 403,
 * another tenant's person and an unknown id 404, a malformed id a 400 naming the field. The profile section is in the
 * UI manifest for staff of a tenant with PaperCut, not for members, and not in a tenant without PaperCut.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { startPaperCutFake } from '@tessera/plugin-papercut/testing'
import type { PaperCutFake } from '@tessera/plugin-papercut/testing'
import type { PersonPrint } from '@tessera/plugin-papercut/contract'
import { boot, jobsSettled, world, waitFor } from './world.ts'
import type { TestKernel, World } from './world.ts'

let t: TestKernel
let fake: PaperCutFake
before(async () => {
  fake = await startPaperCutFake()
  t = await boot()
})
after(async () => {
  await t?.close()
  await fake?.close()
})

const view = async (w: World, personId: string, session?: string) => {
  const r = await w.call('GET', `/papercut/accounts/${personId}`, undefined, session)
  assert.equal(r.statusCode, 200, r.body)
  return r.json() as PersonPrint
}

test('staff see a synced member\'s account from the store: username, balance, pages, allowance, cost and overage; no PaperCut call', async () => {
  const w = await world(t, fake, { pricePerPage: 10, pricePerColourPage: 50 })
  const plan = await w.plan({ printPages: 5 })
  const ada = await w.person('Ada Printer')
  await w.membership(ada.personId, plan.id)
  await waitFor(async () => (await view(w, ada.personId)).allowancePages === 5 || undefined, { timeoutMs: 20_000, message: 'synced and topped up' })
  fake.printJob(ada.email, { pages: 12, colourPages: 2, cost: 2 })
  // the counters are stored by the next sync / period run (a staff retry queues both)
  assert.equal((await w.call('POST', `/papercut/accounts/${ada.personId}/retry`, {})).statusCode, 202)
  const v = await waitFor(async () => { const x = await view(w, ada.personId); return x.pagesUsed === 12 ? x : undefined }, { timeoutMs: 20_000, message: 'counters stored' })
  assert.equal(v.linked, true)
  assert.equal(v.username, ada.email)
  assert.equal(v.state, 'synced')
  assert.equal(v.printEnabled, true)
  assert.equal(v.errorReason, null)
  assert.ok(v.syncedAt && Date.parse(v.syncedAt) <= Date.now())
  assert.equal(v.period, new Date().toISOString().slice(0, 7))
  assert.equal(v.allowanceAmount, 0.5)
  assert.equal(v.balance, -1.5) // 0.50 allowance − 2.00 printed
  assert.equal(v.colourPagesUsed, 2)
  assert.equal(v.periodCost, 10 * 10 + 2 * 50)
  assert.equal(v.overage, 200 - 5 * 10)
  // once this tenant's PaperCut jobs (the retry's sync and period run) are done, nothing else talks to PaperCut
  await jobsSettled(t, w.tenantId)
  const calls = fake.calls.length
  await view(w, ada.personId)
  assert.equal(fake.calls.length, calls, 'the staff view asks PaperCut nothing')
  // PaperCut down: the profile still answers from the store
  await fake.stop()
  try {
    assert.equal((await view(w, ada.personId)).pagesUsed, 12)
  } finally {
    await fake.start()
  }
})

test('a failed sync shows its state and human reason; a person without an account is not linked', async () => {
  const w = await world(t, fake)
  const plan = await w.plan({ printPages: 10 })
  const dora = await w.person('Dora Down')
  await fake.stop()
  try {
    await w.membership(dora.personId, plan.id)
    const v = await waitFor(async () => { const x = await view(w, dora.personId); return x.state === 'error' ? x : undefined }, { timeoutMs: 20_000, message: 'error stored' })
    assert.equal(v.linked, true)
    assert.equal(v.errorKind, 'unreachable')
    assert.match(v.errorReason!, /PaperCut is unreachable/)
    assert.ok(v.failures >= 1)
    assert.equal(v.syncedAt, null)
  } finally {
    await fake.start()
  }
  const nobody = await w.person('Nils None')
  const n = await view(w, nobody.personId)
  assert.deepEqual([n.linked, n.username, n.state, n.balance, n.pagesUsed], [false, null, null, null, null])
})

test('a member gets 403; another tenant\'s person and an unknown id 404; a malformed id 400 naming the field', async () => {
  const a = await world(t, fake)
  const b = await world(t, fake)
  const mia = await a.person('Mia Member', { login: true })
  const theirs = await b.person('Theo Other')
  const asMember = await a.call('GET', `/papercut/accounts/${mia.personId}`, undefined, mia.cookie)
  assert.equal(asMember.statusCode, 403, asMember.body)
  assert.match(asMember.headers['content-type'] as string, /application\/problem\+json/)
  const other = await a.call('GET', `/papercut/accounts/${theirs.personId}`)
  assert.equal(other.statusCode, 404, other.body)
  assert.equal(other.json().detail, 'There is no such person in this space.')
  assert.equal((await a.call('GET', `/papercut/accounts/${randomUUID()}`)).statusCode, 404)
  const bad = await a.call('GET', '/papercut/accounts/not-a-person')
  assert.equal(bad.statusCode, 400, bad.body)
  assert.match(bad.headers['content-type'] as string, /application\/problem\+json/)
  assert.deepEqual(bad.json().errors.map((e: { pointer: string }) => e.pointer), ['/params/personId'])
  assert.match(bad.json().errors[0].detail, /valid id/)
})

test('the print account section is in the UI manifest for staff of a tenant with PaperCut; not for members; not without PaperCut', async () => {
  const sections = async (cookie: string) => {
    const r = await t.request({ method: 'GET', url: '/api/v1/ui/manifest', session: cookie })
    assert.equal(r.statusCode, 200, r.body)
    return (r.json().plugins as { id: string; profileSections: { id: string; element: string; order: number }[] }[]).find((p) => p.id === 'papercut')?.profileSections ?? []
  }
  const w = await world(t, fake)
  const staff = await sections(w.staff)
  assert.deepEqual(staff.map((x) => [x.id, x.element]), [['printing', 'papercut-profile-section']])
  assert.ok(staff[0]!.order > 30 && staff[0]!.order < 900)
  const m = await w.person('Mo Member', { login: true })
  assert.deepEqual(await sections(m.cookie!), [])
  // a tenant that has not enabled PaperCut: no section, and the route answers 404
  const tenant = await t.createTenant()
  for (const p of ['members', 'spaces', 'bookings']) await t.enable(tenant.id, p)
  await t.enable(tenant.id, 'billing', { currency: 'EUR' })
  await t.enable(tenant.id, 'access')
  const admin = (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie
  assert.deepEqual(await sections(admin), [])
  const person = (await t.request({ method: 'POST', url: '/api/v1/members/people', session: admin, payload: { name: 'No Print', email: `noprint.${randomUUID().slice(0, 6)}@example.com` } })).json() as { id: string }
  assert.equal((await t.request({ method: 'GET', url: `/api/v1/papercut/accounts/${person.id}`, session: admin })).statusCode, 404)
})
