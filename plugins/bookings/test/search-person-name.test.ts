/**
 * The top-bar search finds bookings by their person's name (`src/search/bookings-search.ts` on bookings' own copy of
 * the name, `src/search/person-names.ts`), kept current through members' contract events
 * (`src/subscribers/person-name-sync.ts`): a renamed person's bookings are found by the new name once the event is
 * delivered, no longer by the old one; an anonymised person's are not found by name; bookings made before the copy
 * existed are backfilled when the tenant enables bookings again; another tenant's bookings never appear.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { TestKernel } from '@tessera/sdk/testing'
import { boot, world, hoursFromNow, waitFor } from './helpers.ts'

let t: TestKernel
before(async () => { t = await boot({ workers: true }) })
after(() => t.close())

interface Answer { groups: { kind: string; results: { id: string; title: string; subtitle?: string; rank: number }[] }[] }

const search = async (q: string, session: string) => {
  const res = await t.request({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}`, session })
  assert.equal(res.statusCode, 200, res.body)
  return (res.json() as Answer).groups.find((g) => g.kind === 'booking')?.results ?? []
}

/** Waits until searching `q` as `session` gives exactly the bookings `ids` (in any order). */
const found = (q: string, session: string, ids: string[]) =>
  waitFor(async () => {
    const got = (await search(q, session)).map((r) => r.id).sort()
    return JSON.stringify(got) === JSON.stringify([...ids].sort()) ? got : undefined
  })

test('a person\'s bookings are found by their name, by the new name after a rename, never another tenant\'s', async () => {
  const a = await world(t)
  const b = await world(t)
  const tag = String(Math.random()).slice(2, 8)
  const name = `Grace Hopper ${tag}`
  const book = async (w: typeof a, personId: string, hours: number, title?: string) => {
    const res = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, personId, startsAt: hoursFromNow(hours).toISOString(), endsAt: hoursFromNow(hours + 1).toISOString(), ...(title ? { title } : {}) })
    assert.equal(res.statusCode, 201, res.body)
    return res.json().id as string
  }
  const grace = await a.person(name)
  const untitled = await book(a, grace, 2)
  const titled = await book(a, grace, 5, 'Compiler review')
  const other = await book(a, await a.person(`Alan Turing ${tag}`), 8)
  // tenant B has a person of the same name, with a booking
  const theirs = await book(b, await b.person(name), 2)

  await found(name, a.staff, [untitled, titled])
  const hits = await search(name, a.staff)
  assert.equal(hits.find((h) => h.id === untitled)!.title, name, 'an untitled booking is titled by its person')
  assert.match(hits.find((h) => h.id === titled)!.subtitle!, new RegExp(`^${name} · Room A · `), 'the person in the subtitle')
  assert.ok(!hits.some((h) => h.id === other || h.id === theirs))
  await found(name, b.staff, [theirs])
  // typo-tolerant like titles
  await found(`Grace Hoper ${tag}`, a.staff, [untitled, titled])

  // rename: found by the new name once the event is delivered, no longer by the old
  const renamed = `Grace Brewster ${tag}`
  assert.equal((await a.call('PATCH', `/members/people/${grace}`, { name: renamed })).statusCode, 200)
  await found(renamed, a.staff, [untitled, titled])
  await found(`Hopper ${tag}`, a.staff, [])
  // tenant B's namesake keeps their name and never shows in A
  await found(name, b.staff, [theirs])
  assert.ok(!(await search(renamed, b.staff)).some((h) => h.id === untitled || h.id === titled))

  // anonymised: the bookings stay, but are no longer found by the name
  const admin = (await t.signIn({ tenantId: a.tenantId, role: 'admin' })).cookie
  assert.equal((await a.call('POST', `/members/people/${grace}/anonymise`, { confirm: true }, admin)).statusCode, 200)
  await found(renamed, a.staff, [])
})

test('bookings made before the name copy existed are backfilled when the tenant enables bookings again', async () => {
  const a = await world(t)
  const tag = String(Math.random()).slice(2, 8)
  const name = `Ada Byron ${tag}`
  const ada = await a.person(name)
  // the person's own event gives them a copy; wait for it, so no later delivery can bring it back
  const copied = () => t.adminQuery('SELECT name FROM bookings.person_names WHERE tenant_id = $1 AND person_id = $2', [a.tenantId, ada])
  await waitFor(async () => ((await copied()).rowCount ? true : undefined))
  // a booking of the time before the copy existed (written straight into the table: no event), and no copy of the name
  const { rows } = await t.adminQuery(
    `INSERT INTO bookings.bookings (tenant_id, resource_id, location_id, person_id, during) VALUES ($1, $2, $3, $4, tstzrange($5, $6)) RETURNING id::text`,
    [a.tenantId, a.roomId, a.locationId, ada, hoursFromNow(3), hoursFromNow(4)])
  const id = rows[0].id as string
  await t.adminQuery('DELETE FROM bookings.person_names WHERE tenant_id = $1', [a.tenantId])
  assert.deepEqual(await search(name, a.staff), [])
  await t.enable(a.tenantId, 'bookings')
  assert.deepEqual((await search(name, a.staff)).map((r) => r.id), [id], 'backfilled in the enable transaction')
})

