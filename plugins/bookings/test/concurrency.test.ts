/**
 * Acceptance: double bookings are impossible under concurrency. 50 simultaneous requests for one room and slot give
 * exactly one 201 and 49 409 problems; 30 simultaneous requests for a 10-seat hot-desk area give exactly 10 bookings.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { TestKernel } from '@tessera/sdk/testing'
import { boot, world, hoursFromNow } from './helpers.ts'

let t: TestKernel

before(async () => { t = await boot({ poolSize: 30 }) })
after(() => t.close())

test('50 concurrent bookings of one room and slot: exactly one succeeds, 49 get 409 problem+json', async () => {
  const w = await world(t)
  const people = await Promise.all(Array.from({ length: 50 }, () => w.person()))
  const startsAt = hoursFromNow(24).toISOString()
  const endsAt = hoursFromNow(25).toISOString()
  const results = await Promise.all(people.map((personId) => w.call('POST', '/bookings/bookings', { resourceId: w.roomId, personId, startsAt, endsAt })))
  const codes = results.map((r) => r.statusCode)
  assert.equal(codes.filter((c) => c === 201).length, 1, `codes: ${codes.join(',')}`)
  assert.equal(codes.filter((c) => c === 409).length, 49)
  for (const r of results.filter((x) => x.statusCode === 409)) {
    assert.match(r.headers['content-type'] as string, /application\/problem\+json/)
    assert.equal(r.json().status, 409)
  }
  const rows = await t.adminQuery(`SELECT count(*)::int AS n FROM bookings.bookings WHERE resource_id = $1 AND status = 'confirmed'`, [w.roomId])
  assert.equal(rows.rows[0].n, 1)
  // an overlapping (not identical) slot is refused too; an adjacent one is fine
  const overlap = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, personId: people[0], startsAt: hoursFromNow(24.5).toISOString(), endsAt: hoursFromNow(25.5).toISOString() })
  assert.equal(overlap.statusCode, 409)
  const adjacent = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, personId: people[0], startsAt: endsAt, endsAt: hoursFromNow(26).toISOString() })
  assert.equal(adjacent.statusCode, 201, adjacent.body)
})

test('30 concurrent bookings of a 10-seat hot-desk area: exactly 10 succeed, each on its own seat', async () => {
  const w = await world(t, { desks: 10 })
  const people = await Promise.all(Array.from({ length: 30 }, () => w.person()))
  const startsAt = hoursFromNow(30).toISOString()
  const endsAt = hoursFromNow(38).toISOString()
  const results = await Promise.all(people.map((personId) => w.call('POST', '/bookings/bookings', { resourceId: w.desksId, personId, startsAt, endsAt })))
  const codes = results.map((r) => r.statusCode)
  assert.equal(codes.filter((c) => c === 201).length, 10, `codes: ${codes.join(',')}`)
  assert.equal(codes.filter((c) => c === 409).length, 20)
  const seats = results.filter((r) => r.statusCode === 201).map((r) => r.json().seat).sort((a, b) => a - b)
  assert.deepEqual(seats, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
  const avail = (await w.call('GET', `/bookings/availability?resourceId=${w.desksId}&from=${startsAt.slice(0, 10)}&slotMinutes=60`)).json()
  assert.ok(!avail.slots.some((s: { startsAt: string }) => s.startsAt === startsAt), 'the finder offers no seat in the full slot')
})
