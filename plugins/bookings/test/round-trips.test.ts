/**
 * What a booking costs the database in round trips, the lever left for the contention goal (bench/README.md): the
 * seats already held are read with the person and resource lookups, and opening windows seen lately are not asked for
 * again, so a booking that loses to a committed one takes two round trips (the lookups, then `ROLLBACK`) and a created
 * one skips the allocation's round trip. The windows remembered are keyed by the hours and closures they came from: a
 * closure added after a day's windows were seen refuses the next booking on that day at once.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { countRoundTrips } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import type { LightMyRequestResponse } from 'fastify'
import { boot, world } from './helpers.ts'
import type { World } from './helpers.ts'

let t: TestKernel
before(async () => { t = await boot() })
after(() => t.close())

/** Round trips made while `fn` runs (the job system's own not counted), with its answer; none may go to a busy connection. */
async function counted(fn: () => Promise<LightMyRequestResponse>): Promise<{ trips: number; res: LightMyRequestResponse }> {
  // the job system's own statements (a worker's poll, a debounced wake-up of other instances) are not the request's
  const trips = countRoundTrips((name) => name !== 'tessera-jobs')
  try {
    const res = await fn()
    assert.equal(trips.busy(), 0, 'a statement was handed to a connection while it ran another')
    return { trips: trips.count(), res }
  } finally {
    trips.stop()
  }
}

/** The instants at hour `h` (UTC) of the day `days` from today. */
function onDay(days: number): (h: number) => Date {
  const day = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
  return (h) => new Date(`${day}T${String(h).padStart(2, '0')}:00:00Z`)
}

const book = (w: World, personId: string, startsAt: Date, endsAt: Date, resourceId = w.roomId) =>
  w.call('POST', '/bookings/bookings', { resourceId, personId, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() })

test('a booking losing to a committed one takes two round trips, a created one skips the allocation', async () => {
  const w = await world(t)
  const [first, second, third] = [await w.person(), await w.person(), await w.person()]
  // all on one day, whatever the time now: a booking on a day not seen yet reads that day's opening windows
  const at = onDay(2)
  // the day's windows, the session and the catalog are warm after this one
  assert.equal((await book(w, first, at(10), at(11))).statusCode, 201)
  const lost = await counted(() => book(w, second, at(10), at(11)))
  assert.equal(lost.res.statusCode, 409, lost.res.body)
  assert.equal(lost.res.json().detail, 'The resource is already booked at that time.')
  assert.equal(lost.trips, 2, `a lost booking took ${lost.trips} round trips`)
  const created = await counted(() => book(w, third, at(12), at(13)))
  assert.equal(created.res.statusCode, 201, created.res.body)
  const again = await counted(() => book(w, third, at(14), at(15)))
  assert.equal(again.res.statusCode, 201, again.res.body)
  assert.equal(again.trips, created.trips, 'the same work both times')
  // a hot-desk area still allocates under its lock: a round trip more than the room, and each booking its own seat
  const desk = await counted(() => book(w, second, at(14), at(15), w.desksId))
  assert.equal(desk.res.statusCode, 201, desk.res.body)
  assert.equal(desk.trips, created.trips + 1, `room ${created.trips} round trips, desks ${desk.trips}`)
  assert.equal(created.trips, 3, `a created booking took ${created.trips} round trips`)
})

test('a closure added after a day\'s opening windows were used refuses the next booking on that day', async () => {
  const w = await world(t)
  const personId = await w.person()
  const at = onDay(6)
  const day = at(0).toISOString().slice(0, 10)
  assert.equal((await book(w, personId, at(10), at(11))).statusCode, 201)
  const closed = await w.call('PATCH', `/spaces/locations/${w.locationId}`, { closures: [{ from: day, to: day, reason: 'Flooded' }] })
  assert.equal(closed.statusCode, 200, closed.body)
  const refused = await book(w, personId, at(12), at(13))
  assert.equal(refused.statusCode, 422, refused.body)
  assert.match(refused.body, /outside the opening hours/)
  const reopened = await w.call('PATCH', `/spaces/locations/${w.locationId}`, { closures: [] })
  assert.equal(reopened.statusCode, 200, reopened.body)
  assert.equal((await book(w, personId, at(12), at(13))).statusCode, 201)
})
