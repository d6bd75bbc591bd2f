/**
 * The front desk's day (`GET /desk/day`, what the dashboard's bookings widgets read) and check-in as the server decides
 * it: every booking of the location's local day — released no-shows included, other locations' and other days' not —
 * with the booker's and resource's names and its check-in window; staff only; every booking the routes answer says
 * whether check-in is open now, and a check-in outside the window is a 409 in the location's wall time.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { TestKernel } from '@tessera/sdk/testing'
import { boot, world, ALL_DAY } from './helpers.ts'

let t: TestKernel

before(async () => { t = await boot() })
after(() => t.close())

const minute = 60_000
const at = (ms: number) => new Date(Math.floor(ms / minute) * minute)

test('the desk day lists the location\'s bookings of today with names, windows and no-shows; staff only', async () => {
  // UTC keeps "today" the UTC date, whatever the machine's zone; check-in opens 15 minutes before, grace 10 minutes
  const w = await world(t, { timezone: 'UTC', config: { checkInOpensMinutes: 15, checkInGraceMinutes: 10 } })
  const ada = await w.person('Ada Lovelace')
  const member = await w.member('Grace Hopper')
  const soon = at(Date.now() + 10 * minute) // inside its window (opens 15 minutes before)
  const later = at(Date.now() + 3 * 3_600_000)
  const book = async (resourceId: string, start: Date, personId?: string, session?: string) => {
    const res = await w.call('POST', '/bookings/bookings', { resourceId, ...(personId ? { personId } : {}), startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 30 * minute).toISOString(), title: 'Stand-up' }, session)
    assert.equal(res.statusCode, 201, res.body)
    return res.json() as { id: string; checkInOpen: boolean; checkInOpensAt: string; checkInClosesAt: string }
  }
  const first = await book(w.roomId, soon, ada)
  assert.equal(first.checkInOpen, true, 'the create answer says check-in is open')
  assert.equal(Date.parse(first.checkInOpensAt), soon.getTime() - 15 * minute)
  assert.equal(Date.parse(first.checkInClosesAt), soon.getTime() + 10 * minute)
  const second = await book(w.desksId, later, undefined, member.cookie)
  assert.equal(second.checkInOpen, false, 'three hours ahead: not yet')

  // another location's booking is not part of this desk's day
  const other = (await w.call('POST', '/spaces/locations', { name: 'Annex', timezone: 'UTC', openingHours: ALL_DAY })).json()
  const annexRoom = (await w.call('POST', '/spaces/resources', { locationId: other.id, name: 'Annex room', kind: 'meeting_room', capacity: 4, rules: { minMinutes: 30, maxMinutes: 600, maxDaysAhead: 500 } })).json()
  await book(annexRoom.id, soon, ada)
  // a no-show released earlier today (the store's own release, as the job does it) stays on the day
  const released = await book(w.desksId, soon, ada)
  await t.adminQuery(`UPDATE bookings.bookings SET status = 'released', released_at = now() WHERE id = $1`, [released.id])

  // today, or the local day of `soon` when the test runs minutes before midnight
  const date = soon.toISOString().slice(0, 10)
  const res = await w.call('GET', `/bookings/desk/day?locationId=${w.locationId}${date === new Date().toISOString().slice(0, 10) ? '' : `&date=${date}`}`)
  assert.equal(res.statusCode, 200, res.body)
  const day = res.json()
  assert.equal(day.timezone, 'UTC')
  assert.equal(day.date, date)
  assert.equal(day.truncated, false)
  const byId = new Map(day.items.map((b: { id: string }) => [b.id, b]))
  const expectedIds = (later.toISOString().slice(0, 10) === day.date ? [first.id, released.id, second.id] : [first.id, released.id])
  assert.deepEqual(day.items.map((b: { id: string }) => b.id).sort(), expectedIds.sort(), 'this location, this local day only')
  assert.deepEqual(
    (({ personName, resourceName, resourceKind, status, checkInOpen }) => ({ personName, resourceName, resourceKind, status, checkInOpen }))(byId.get(first.id) as never),
    { personName: 'Ada Lovelace', resourceName: 'Room A', resourceKind: 'meeting_room', status: 'confirmed', checkInOpen: true },
  )
  assert.equal((byId.get(released.id) as { status: string; checkInOpen: boolean }).status, 'released')
  assert.equal((byId.get(released.id) as { checkInOpen: boolean }).checkInOpen, false, 'a released booking cannot be checked in')

  // another date of the location: none of these
  const tomorrowPlusOne = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)
  assert.deepEqual((await w.call('GET', `/bookings/desk/day?locationId=${w.locationId}&date=${tomorrowPlusOne}`)).json().items, [])
  // members may not read the desk's day; an unknown location is a 404; a malformed date a 400
  assert.equal((await w.call('GET', `/bookings/desk/day?locationId=${w.locationId}`, undefined, member.cookie)).statusCode, 403)
  assert.equal((await w.call('GET', `/bookings/desk/day?locationId=${crypto.randomUUID()}`)).statusCode, 404)
  assert.equal((await w.call('GET', `/bookings/desk/day?locationId=${w.locationId}&date=tomorrow`)).statusCode, 400)
})

test('check-in is refused outside its window with a 409 in the location\'s wall time, and works inside it', async () => {
  const w = await world(t, { timezone: 'Europe/London', config: { checkInOpensMinutes: 15, checkInGraceMinutes: 10 } })
  const member = await w.member()
  const start = at(Date.now() + 2 * 3_600_000)
  const early = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString() }, member.cookie)
  assert.equal(early.statusCode, 201, early.body)
  const refused = await w.call('POST', `/bookings/bookings/${early.json().id}/check-in`, {}, member.cookie)
  assert.equal(refused.statusCode, 409)
  const opens = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(start.getTime() - 15 * minute))
  const detail = refused.json().detail as string
  assert.ok(detail.startsWith(`Check-in opens at `) && detail.includes(`${opens} (Europe/London), 15 minutes before the booking starts.`), detail)
  assert.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8')

  const soon = at(Date.now() + 5 * minute)
  const open = await w.call('POST', '/bookings/bookings', { resourceId: w.desksId, startsAt: soon.toISOString(), endsAt: new Date(soon.getTime() + 3_600_000).toISOString() }, member.cookie)
  assert.equal(open.json().checkInOpen, true)
  const checked = await w.call('POST', `/bookings/bookings/${open.json().id}/check-in`, {}, member.cookie)
  assert.equal(checked.statusCode, 200, checked.body)
  assert.equal(checked.json().status, 'checked_in')
  assert.equal(checked.json().checkInOpen, false, 'checked in: nothing left to check in')
  // the listing carries the same verdicts
  const mine = (await w.call('GET', '/bookings/bookings', undefined, member.cookie)).json().items as { id: string; checkInOpen: boolean }[]
  assert.deepEqual(mine.map((b) => [b.id, b.checkInOpen]).sort(), [[early.json().id, false], [open.json().id, false]].sort())
  // a released booking says so
  await t.adminQuery(`UPDATE bookings.bookings SET status = 'released', released_at = now() WHERE id = $1`, [early.json().id])
  const gone = await w.call('POST', `/bookings/bookings/${early.json().id}/check-in`, {}, member.cookie)
  assert.equal(gone.statusCode, 409)
  assert.match(gone.json().detail, /released as a no-show/)
})

test('a checked-in booking can be extended but not moved; my past bookings come latest first', async () => {
  const w = await world(t, { timezone: 'UTC' })
  const personId = await w.person()
  // a walk-in (started ten minutes ago): checked in at once
  const start = at(Date.now() - 10 * minute)
  const walkIn = (await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, personId, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString() })).json()
  assert.equal(walkIn.status, 'checked_in')
  const longer = await w.call('PATCH', `/bookings/bookings/${walkIn.id}`, { endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString() })
  assert.equal(longer.statusCode, 200, longer.body)
  assert.deepEqual([longer.json().status, longer.json().endsAt, longer.json().revision], ['checked_in', new Date(start.getTime() + 2 * 3_600_000).toISOString(), walkIn.revision + 1])
  const moved = await w.call('PATCH', `/bookings/bookings/${walkIn.id}`, { startsAt: new Date(start.getTime() + 30 * minute).toISOString() })
  assert.equal(moved.statusCode, 409)
  assert.match(moved.json().detail, /cannot be moved/)
  assert.equal((await w.call('PATCH', `/bookings/bookings/${walkIn.id}`, { resourceId: w.desksId, endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString() })).statusCode, 409)

  // three past bookings: order=desc lists the latest first
  const days = [3, 2, 1].map((d) => at(Date.now() - d * 86_400_000))
  for (const d of days) assert.equal((await w.call('POST', '/bookings/bookings', { resourceId: w.desksId, personId, startsAt: d.toISOString(), endsAt: new Date(d.getTime() + 3_600_000).toISOString() })).statusCode, 201)
  const past = (await w.call('GET', `/bookings/bookings?personId=${personId}&to=${new Date(Date.now() - 86_400_000 + 2 * 3_600_000).toISOString()}&order=desc&limit=2`)).json()
  assert.deepEqual(past.items.map((b: { startsAt: string }) => b.startsAt), [days[2].toISOString(), days[1].toISOString()])
  assert.equal(past.total, 3)
})
