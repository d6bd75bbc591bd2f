/**
 * Every price unit a resource can have is charged: a hot desk priced per day (no hourly price) reaches the member's
 * invoice — 8 hours is one day — and with both an hourly and a daily price the day rate caps the hourly one. A
 * resource that could be booked but not charged (credits only, no money price to fall back on) is refused when it is
 * configured, with a 422 naming the field.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { ALL_DAY, boot, member, waitFor, world } from './helpers.ts'
import type { TestKernel, World } from './helpers.ts'
import { fullPrice } from '../src/domain/booking-pricing.ts'

let t: TestKernel
before(async () => { t = await boot({ workers: true, bookings: true }) })
after(() => t.close())

const HOUR = 3_600_000

test('an 8-hour booking of a hot desk priced per day is on the member\'s invoice', async () => {
  const w = await world(t, { currency: 'EUR' }, { bookings: true })
  const loc = await w.ok('POST', '/spaces/locations', { name: 'Main', timezone: 'UTC', openingHours: ALL_DAY })
  const desks = await w.ok('POST', '/spaces/resources', { locationId: loc.id, name: 'Hot desks', kind: 'hot_desk_area', capacity: 20, rules: { maxDaysAhead: 400 }, prices: { perDay: 2500 } })
  const fay = await member(t, w, 'Fay')
  const start = new Date(Date.now() + 2 * 86_400_000)
  start.setUTCHours(9, 0, 0, 0)
  const b = await w.call('POST', '/bookings/bookings', { resourceId: desks.id, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 8 * HOUR).toISOString() }, fay.session)
  assert.equal(b.statusCode, 201, b.body)
  const charge = await waitFor(async () => (await t.adminQuery('SELECT amount::int AS amount FROM billing.booking_charges WHERE tenant_id = $1 AND booking_id = $2', [w.tenantId, b.json().id])).rows[0] as { amount: number } | undefined)
  assert.equal(charge.amount, 2500)
  const inv = await w.ok('POST', '/billing/invoices', { payerType: 'person', payerId: fay.person })
  const line = (await w.ok('GET', `/billing/invoices/${inv.id}`)).lines.find((l: { source: string }) => l.source === `booking:${b.json().id}`)
  assert.ok(line, 'the desk booking is a line of the member\'s invoice')
  assert.equal(line.gross, 2500)
})

test('each started day costs the day rate; with an hourly price too, the day rate caps it', () => {
  assert.equal(fullPrice({ perDay: 2500 }, 8 * 60), 2500)
  assert.equal(fullPrice({ perDay: 2500 }, 24 * 60), 2500)
  assert.equal(fullPrice({ perDay: 2500 }, 24 * 60 + 30), 5000)
  assert.equal(fullPrice({ perHour: 500, perDay: 2500 }, 3 * 60), 1500)
  assert.equal(fullPrice({ perHour: 500, perDay: 2500 }, 8 * 60), 2500)
  assert.equal(fullPrice({ perHour: 1000 }, 90), 1500)
  assert.equal(fullPrice({}, 60), 0)
})

test('a resource priced in credits only (nothing to charge once credits run out) is refused with a 422 naming the field', async () => {
  const w = await world(t, { currency: 'EUR' }, { bookings: true })
  const loc = await w.ok('POST', '/spaces/locations', { name: 'Main', timezone: 'UTC', openingHours: ALL_DAY })
  const bad = await w.call('POST', '/spaces/resources', { locationId: loc.id, name: 'Pod', kind: 'meeting_room', capacity: 2, prices: { creditsPerHour: 2 } })
  assert.equal(bad.statusCode, 422, bad.body)
  assert.equal(bad.json().errors[0].pointer, '/body/prices/creditsPerHour')
  const ok = await w.ok('POST', '/spaces/resources', { locationId: loc.id, name: 'Pod', kind: 'meeting_room', capacity: 2, prices: { creditsPerHour: 2, perDay: 3000 } })
  const patch = await w.call('PATCH', `/spaces/resources/${ok.id}`, { prices: { creditsPerHour: 2 } })
  assert.equal(patch.statusCode, 422, patch.body)
  assert.equal(patch.json().errors[0].pointer, '/body/prices/creditsPerHour')
  assert.equal((await w.ok('GET', `/spaces/resources/${ok.id}`)).prices.perDay, 3000, 'nothing changed')
})
