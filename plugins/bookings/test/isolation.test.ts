/**
 * Acceptance: a member sees and changes only their own bookings (another member's answer 404, booking for someone
 * else 403); staff of tenant B cannot see tenant A's bookings. Also reschedule and cancel, staff-only resources,
 * suspended members, and the realtime event an open calendar receives.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { TestKernel } from '@tessera/sdk/testing'
import { boot, world, hoursFromNow, waitFor } from './helpers.ts'

let t: TestKernel

before(async () => { t = await boot() })
after(() => t.close())

// one base for the file: slots compared across requests stay the same slots when a full hour passes meanwhile
const base = hoursFromNow(0).getTime()
const at = (h: number) => new Date(base + h * 3_600_000)
const slot = (h: number, len = 1) => ({ startsAt: at(h).toISOString(), endsAt: at(h + len).toISOString() })

test('a member cannot see or change another member\'s bookings', async () => {
  const w = await world(t)
  const ann = await w.member('Ann')
  const ben = await w.member('Ben')
  const a = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, ...slot(10) }, ann.cookie)
  assert.equal(a.statusCode, 201, a.body)
  assert.equal(a.json().personId, ann.personId)
  const b = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, ...slot(12) }, ben.cookie)
  assert.equal(b.statusCode, 201)
  const id = a.json().id

  assert.equal((await w.call('GET', `/bookings/bookings/${id}`, undefined, ben.cookie)).statusCode, 404)
  assert.equal((await w.call('PATCH', `/bookings/bookings/${id}`, slot(20), ben.cookie)).statusCode, 404)
  assert.equal((await w.call('POST', `/bookings/bookings/${id}/cancel`, {}, ben.cookie)).statusCode, 404)
  assert.equal((await w.call('POST', `/bookings/bookings/${id}/check-in`, {}, ben.cookie)).statusCode, 404)
  const bensList = (await w.call('GET', '/bookings/bookings', undefined, ben.cookie)).json()
  assert.deepEqual(bensList.items.map((x: { id: string }) => x.id), [b.json().id])
  assert.equal((await w.call('GET', `/bookings/bookings?personId=${ann.personId}`, undefined, ben.cookie)).json().total, 0)
  assert.equal((await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, personId: ann.personId, ...slot(14) }, ben.cookie)).statusCode, 403)
  assert.equal((await w.call('GET', `/bookings/bookings/${id}`, undefined, ann.cookie)).statusCode, 200)
  assert.equal((await w.call('GET', '/bookings/bookings')).json().total, 2, 'staff see all')

  // reschedule: onto Ben's slot is a 409, onto a free one fine; cancel frees the slot
  assert.equal((await w.call('PATCH', `/bookings/bookings/${id}`, slot(12), ann.cookie)).statusCode, 409)
  const moved = await w.call('PATCH', `/bookings/bookings/${id}`, { ...slot(16, 2), title: 'Moved' }, ann.cookie)
  assert.equal(moved.statusCode, 200, moved.body)
  assert.equal(moved.json().title, 'Moved')
  assert.equal(moved.json().startsAt, at(16).toISOString())
  assert.equal((await w.call('POST', `/bookings/bookings/${b.json().id}/cancel`, {}, ben.cookie)).json().status, 'cancelled')
  assert.equal((await w.call('PATCH', `/bookings/bookings/${id}`, slot(12), ann.cookie)).statusCode, 200, 'the cancelled slot is free again')
  assert.equal((await w.call('PATCH', `/bookings/bookings/${b.json().id}`, slot(30), ben.cookie)).statusCode, 409, 'a cancelled booking cannot be moved')
})

test('staff-only resources, suspended members and unlinked logins', async () => {
  const w = await world(t)
  const m = await w.member()
  await w.call('PATCH', `/spaces/resources/${w.roomId}`, { rules: { bookableBy: 'staff' } })
  const refused = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, ...slot(5) }, m.cookie)
  assert.equal(refused.statusCode, 422)
  assert.match(JSON.stringify(refused.json().errors), /only staff/)
  const date = at(5).toISOString().slice(0, 10)
  assert.equal((await w.call('GET', `/bookings/availability?resourceId=${w.roomId}&from=${date}`, undefined, m.cookie)).json().slots.length, 0, 'the finder agrees')
  assert.equal((await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, personId: m.personId, ...slot(5) })).statusCode, 201, 'staff may')
  await w.call('POST', `/members/people/${m.personId}/status`, { status: 'suspended' })
  assert.equal((await w.call('POST', '/bookings/bookings', { resourceId: w.desksId, ...slot(6) }, m.cookie)).statusCode, 403)
  assert.equal((await w.call('POST', '/bookings/bookings', { resourceId: w.desksId, personId: m.personId, ...slot(6) })).statusCode, 422)
  const stranger = (await t.signIn({ tenantId: w.tenantId, role: 'member' })).cookie
  assert.equal((await w.call('POST', '/bookings/bookings', { resourceId: w.desksId, ...slot(6) }, stranger)).statusCode, 403)
  assert.equal((await w.call('GET', '/bookings/bookings', undefined, stranger)).json().total, 0)
  assert.equal((await w.call('POST', '/bookings/bookings', { resourceId: w.desksId, ...slot(6), extra: 1 }, stranger)).statusCode, 400)
})

test('staff of tenant B cannot see tenant A\'s bookings', async () => {
  const a = await world(t)
  const b = await world(t)
  const personId = await a.person()
  const booking = (await a.call('POST', '/bookings/bookings', { resourceId: a.roomId, personId, ...slot(8) })).json()
  assert.equal((await b.call('GET', `/bookings/bookings/${booking.id}`)).statusCode, 404)
  assert.equal((await b.call('GET', '/bookings/bookings')).json().total, 0)
  assert.equal((await b.call('GET', `/bookings/bookings?resourceId=${a.roomId}`)).json().total, 0)
  assert.equal((await b.call('POST', `/bookings/bookings/${booking.id}/cancel`, {})).statusCode, 404)
  assert.equal((await b.call('POST', '/bookings/bookings', { resourceId: a.roomId, personId, ...slot(8) })).statusCode, 422, 'A\'s resource is unknown in B')
  assert.equal((await b.call('GET', `/bookings/availability?resourceId=${a.roomId}&from=2030-01-01`)).statusCode, 404)
  assert.equal((await a.call('GET', `/bookings/bookings/${booking.id}`)).statusCode, 200)
})

test('an open calendar receives booking events in realtime, without the booker', async () => {
  const w = await world(t)
  const address = new URL(await t.listen())
  const messages: { name?: string; data?: Record<string, unknown> }[] = []
  // Node's built-in WebSocket (undici) accepts request headers as a non-standard init option
  const Ws = WebSocket as unknown as new (url: string, init: { headers: Record<string, string> }) => WebSocket
  const ws = await new Promise<WebSocket>((resolve, reject) => {
    const s = new Ws(`ws://127.0.0.1:${address.port}/api/v1/realtime`, { headers: { cookie: w.staff } })
    s.addEventListener('message', (m) => {
      const msg = JSON.parse(String(m.data))
      if (msg.type === 'hello') resolve(s)
      else messages.push(msg)
    })
    s.addEventListener('error', () => reject(new Error('websocket error')))
  })
  try {
    const personId = await w.person()
    const res = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, personId, ...slot(9) })
    const event = await waitFor(async () => messages.find((m) => m.name === 'bookings.booking.created'), 5000)
    assert.equal(event.data?.id, res.json().id)
    assert.equal(event.data?.resourceId, w.roomId)
    // occupancy only — not who booked it (subscribers such as billing get the personId; browsers do not)
    assert.equal(event.data?.personId, undefined)
    assert.deepEqual(Object.keys(event.data ?? {}).sort(), ['endsAt', 'id', 'locationId', 'resourceId', 'seat', 'startsAt', 'status'])
    await w.call('POST', `/bookings/bookings/${res.json().id}/cancel`, {})
    await waitFor(async () => messages.find((m) => m.name === 'bookings.booking.cancelled'), 5000)
  } finally {
    ws.close()
  }
})
