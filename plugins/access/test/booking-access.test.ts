/**
 * A booking opens the booked room — and the location's entrance — for the booked time (with the configured lead and
 * grace): the member's PIN works at the room's door once the booking exists, remote unlock is allowed, and a
 * cancelled booking stops opening the door within 5 s. A booking for tomorrow does not open the door today.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { boot, world, startAgent, agentUrl, waitFor } from './helpers.ts'
import type { World } from './helpers.ts'

let t: Awaited<ReturnType<typeof boot>>
let w: World
let site: Awaited<ReturnType<typeof startAgent>>
let roomId: string
let roomDoor: string
let entrance: string
let otherDoor: string

before(async () => {
  t = await boot()
  w = await world(t, { bookingLeadMinutes: 120, bookingGraceMinutes: 0 })
  const rules = { minMinutes: 30, maxMinutes: 600, maxDaysAhead: 30 }
  roomId = (await w.ok(w.call('POST', '/spaces/resources', { locationId: w.locationId, name: 'Room A', kind: 'meeting_room', capacity: 6, rules }))).id
  const otherRoom = (await w.ok(w.call('POST', '/spaces/resources', { locationId: w.locationId, name: 'Room B', kind: 'meeting_room', capacity: 6, rules }))).id
  roomDoor = await w.door('room-a', { resourceId: roomId, unlockDurationMs: 200 })
  otherDoor = await w.door('room-b', { resourceId: otherRoom, unlockDurationMs: 200 })
  entrance = await w.door('entrance', { unlockDurationMs: 200 })
  site = await startAgent(w, agentUrl(t.port, w), ['room-a', 'room-b', 'entrance'].map((deviceId) => ({ deviceId, driver: 'simulator', config: {}, unlockDurationMs: 200 })))
  await site.agent.waitUntilConnected(10_000)
})
after(async () => {
  await site?.close()
  await t?.close()
})

const check = (deviceId: string) => site.agent.checkCredential({ deviceId, type: 'pin', value: '5151' })
const nextHour = (plusHours = 0) => {
  const d = new Date()
  d.setUTCMinutes(0, 0, 0)
  return new Date(d.getTime() + (1 + plusHours) * 3_600_000)
}

test('a booking opens its room and the entrance; cancelling it closes them within 5 s', async () => {
  const m = await w.member('Bea Booker')
  await w.ok(w.call('POST', '/access/credentials', { personId: m.personId, type: 'pin', value: '5151' }))
  await waitFor(() => (site.agent.grantsVersion !== null ? true : undefined), 5000, 'a grant set')
  assert.equal((await check('room-a')).granted, false, 'no access without a booking')

  const booking = await w.ok(w.call('POST', '/bookings/bookings', { resourceId: roomId, startsAt: nextHour().toISOString(), endsAt: nextHour(1).toISOString() }, m.cookie))
  await waitFor(async () => ((await check('room-a')).granted ? true : undefined), 15_000, 'room opens')
  assert.equal((await check('entrance')).granted, true, 'the entrance opens too')
  const other = await check('room-b')
  assert.equal(other.granted, false)
  assert.equal(other.reason, 'wrong-door')
  const mine = (await w.ok(w.call('GET', '/access/me/doors', undefined, m.cookie))).items.map((d: { id: string }) => d.id).sort()
  assert.deepEqual(mine, [roomDoor, entrance].sort())
  assert.equal((await w.unlock(roomDoor, m.cookie)).statusCode, 200)
  assert.equal((await w.call('POST', `/access/doors/${otherDoor}/unlock`, {}, m.cookie)).statusCode, 403)

  const started = Date.now()
  await w.ok(w.call('POST', `/bookings/bookings/${booking.id}/cancel`, {}, m.cookie))
  await waitFor(async () => ((await check('room-a')).granted ? undefined : true), 5000, 'room closed again')
  assert.ok(Date.now() - started < 5000)
  assert.equal((await check('entrance')).granted, false)
  assert.equal((await w.call('POST', `/access/doors/${roomDoor}/unlock`, {}, m.cookie)).statusCode, 403)
})

test('a booking for tomorrow does not open the room today', async () => {
  const m = await w.member('Tom Tomorrow')
  await w.ok(w.call('POST', '/access/credentials', { personId: m.personId, type: 'pin', value: '6262' }))
  const before = site.agent.grantsVersion ?? 0
  await w.ok(w.call('POST', '/bookings/bookings', { resourceId: roomId, startsAt: nextHour(24).toISOString(), endsAt: nextHour(25).toISOString() }, m.cookie))
  const decision = await waitFor(async () => {
    const d = await site.agent.checkCredential({ deviceId: 'room-a', type: 'pin', value: '6262' })
    return d.reason === 'not-yet-valid' ? d : undefined
  }, 5000, 'the grant for tomorrow')
  assert.equal(decision.granted, false)
  assert.ok((site.agent.grantsVersion ?? 0) > before)
})
