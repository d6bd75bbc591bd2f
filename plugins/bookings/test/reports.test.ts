/**
 * Bookings reports against hand-computed fixtures: a New York location open Mon–Fri 09:00–17:00 with a closure, a
 * room (1 seat) and a 4-seat desk area, bookings written straight into the table (past weeks cannot be booked through
 * the API) — occupancy/utilisation by resource and week (a location open around the clock too), bookings by local
 * hour, no-show rate; the location filter, tenant isolation, the bounded range and the CSV export.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { TestKernel } from '@tessera/sdk/testing'
import { boot, world } from './helpers.ts'
import type { World } from './helpers.ts'

const NINE_TO_FIVE = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from: '09:00', to: '17:00' }]]))
let t: TestKernel
let w: World
let other: World

// New York is UTC-5 in January 2025: 09:00 local = 14:00Z
const at = (day: string, time: string) => `2025-01-${day}T${time}:00-05:00`

async function insert(x: World, resourceId: string, personId: string, seat: number, start: string, end: string, status: string) {
  await t.adminQuery(
    `INSERT INTO bookings.bookings (tenant_id, resource_id, location_id, person_id, seat, during, status)
     VALUES ($1, $2, $3, $4, $5, tstzrange($6, $7), $8)`,
    [x.tenantId, resourceId, x.locationId, personId, seat, start, end, status],
  )
}

before(async () => {
  t = await boot()
  w = await world(t, { timezone: 'America/New_York', openingHours: NINE_TO_FIVE, desks: 4 })
  const closed = await w.call('PATCH', `/spaces/locations/${w.locationId}`, { closures: [{ from: '2025-01-17', to: '2025-01-17', reason: 'Staff day' }] })
  assert.equal(closed.statusCode, 200, closed.body)
  const p = await w.person('Ada')
  // week of 6 Jan: room 2 h (09:00–11:00) + 3 h (13:00–16:00) checked in; a cancelled one and a released one
  await insert(w, w.roomId, p, 1, at('06', '09:00'), at('06', '11:00'), 'checked_in')
  await insert(w, w.roomId, p, 1, at('07', '13:00'), at('07', '16:00'), 'confirmed')
  await insert(w, w.roomId, p, 1, at('08', '09:00'), at('08', '10:00'), 'cancelled')
  await insert(w, w.roomId, p, 1, at('09', '09:00'), at('09', '10:00'), 'released')
  // desks that week: seat 1 and 2 all day on the 6th (8 h each)
  await insert(w, w.desksId, p, 1, at('06', '09:00'), at('06', '17:00'), 'checked_in')
  await insert(w, w.desksId, p, 2, at('06', '09:00'), at('06', '17:00'), 'released')
  // week of 13 Jan: one desk booking 16:00–18:00 on the 14th (after closing: booked time counts as booked)
  await insert(w, w.desksId, p, 1, at('14', '16:00'), at('14', '18:00'), 'confirmed')
  // outside the range (20 Jan)
  await insert(w, w.roomId, p, 1, at('20', '09:00'), at('20', '12:00'), 'confirmed')
  other = await world(t, { timezone: 'America/New_York', openingHours: NINE_TO_FIVE })
  await insert(other, other.roomId, await other.person('Bob'), 1, at('06', '09:00'), at('06', '17:00'), 'checked_in')
})
after(() => t?.close())

const get = async (x: World, path: string) => {
  const res = await x.call('GET', `/bookings/reports/${path}`)
  assert.equal(res.statusCode, 200, res.body)
  return res.json().rows as Record<string, unknown>[]
}
const RANGE = 'from=2025-01-06&to=2025-01-19'

test('occupancy and utilisation by resource and week match the hand-computed values', async () => {
  const rows = await get(w, `occupancy?${RANGE}`)
  const pick = (week: string, name: string) => rows.find((r) => r.week === week && r.resourceName === name)
  assert.equal(rows.length, 4, JSON.stringify(rows))
  // week 1: room open 5 days × 8 h = 40 h, booked 2 + 3 = 5 h (cancelled and released left out)
  assert.deepEqual(pick('2025-01-06', 'Room A'), { week: '2025-01-06', resourceId: w.roomId, resourceName: 'Room A', locationName: 'Main', bookedHours: 5, availableHours: 40, utilisation: 0.125 })
  // desks: 4 seats × 40 h = 160 h, booked 8 h (the released seat does not count)
  assert.deepEqual(pick('2025-01-06', 'Desks'), { week: '2025-01-06', resourceId: w.desksId, resourceName: 'Desks', locationName: 'Main', bookedHours: 8, availableHours: 160, utilisation: 0.05 })
  // week 2: closed on Friday 17th → 4 days × 8 h; the desk booking 16:00–18:00 counts 2 h (bookings, not opening, are booked time)
  assert.deepEqual(pick('2025-01-13', 'Desks'), { week: '2025-01-13', resourceId: w.desksId, resourceName: 'Desks', locationName: 'Main', bookedHours: 2, availableHours: 128, utilisation: 0.0156 })
  assert.equal(pick('2025-01-13', 'Room A')!.bookedHours, 0)
  assert.equal(pick('2025-01-13', 'Room A')!.availableHours, 32)
})

test('a location open around the clock: each week gets its own 168 hours, and a booking across Sunday midnight is split between the weeks', async () => {
  const open = await world(t) // Europe/London (UTC in January), open 00:00–24:00 every day
  const p = await open.person('Night Owl')
  await insert(open, open.roomId, p, 1, '2027-01-10T22:00:00Z', '2027-01-11T02:00:00Z', 'confirmed')
  const rows = await get(open, 'occupancy?from=2027-01-04&to=2027-01-17')
  const room = rows.filter((r) => r.resourceName === 'Room A').map((r) => [r.week, r.availableHours, r.bookedHours])
  assert.deepEqual(room, [['2027-01-04', 168, 2], ['2027-01-11', 168, 2]])
  const desks = rows.filter((r) => r.resourceName === 'Desks').map((r) => r.availableHours)
  assert.deepEqual(desks, [1680, 1680], '10 seats × 168 h')
})

test('bookings by local hour of day and the no-show rate by week', async () => {
  const hours = await get(w, `hours?${RANGE}`)
  assert.equal(hours.length, 24)
  const nonZero = Object.fromEntries(hours.filter((h) => (h.bookings as number) > 0).map((h) => [h.hour, h.bookings]))
  // 09:00 local: room 6th, released room 9th, two desks 6th; 13:00: room 7th; 16:00: desk 14th (cancelled left out)
  assert.deepEqual(nonZero, { 9: 4, 13: 1, 16: 1 })
  const noShows = await get(w, `no-shows?${RANGE}`)
  assert.deepEqual(noShows, [
    { week: '2025-01-06', bookings: 5, noShows: 2, rate: 0.4 },
    { week: '2025-01-13', bookings: 1, noShows: 0, rate: 0 },
  ])
})

test('the location filter, tenant isolation and the bounded range', async () => {
  const elsewhere = await w.call('GET', `/bookings/reports/occupancy?${RANGE}&locationId=${other.locationId}`)
  assert.equal(elsewhere.statusCode, 200, elsewhere.body)
  assert.deepEqual(elsewhere.json().rows, [], "another tenant's location shows nothing")
  const own = await get(other, `occupancy?${RANGE}`)
  assert.equal(own.find((r) => r.week === '2025-01-06' && r.resourceName === 'Room A')!.bookedHours, 8, "the other tenant sees only its own booking")
  const long = await w.call('GET', '/bookings/reports/hours?from=2024-01-01&to=2025-01-02')
  assert.equal(long.statusCode, 422)
  assert.match(long.json().detail, /at most a year/)
  const reversed = await w.call('GET', '/bookings/reports/hours?from=2025-01-10&to=2025-01-09')
  assert.equal(reversed.statusCode, 422)
  const member = await w.member()
  assert.equal((await w.call('GET', `/bookings/reports/hours?${RANGE}`, undefined, member.cookie)).statusCode, 403)
})

test('CSV export: RFC 4180 with a header and CRLF records', async () => {
  const res = await w.call('GET', `/bookings/reports/no-shows?${RANGE}&format=csv`)
  assert.equal(res.statusCode, 200, res.body)
  assert.match(String(res.headers['content-type']), /^text\/csv/)
  assert.match(String(res.headers['content-disposition']), /attachment; filename="no-shows-2025-01-06-2025-01-19.csv"/)
  assert.equal(res.body, 'week,bookings,no_shows,rate\r\n2025-01-06,5,2,0.4\r\n2025-01-13,1,0,0\r\n')
  const occupancy = await w.call('GET', `/bookings/reports/occupancy?${RANGE}&format=csv`)
  assert.equal(occupancy.body.split('\r\n')[0], 'week,location,resource,booked_hours,available_hours,utilisation')
})
