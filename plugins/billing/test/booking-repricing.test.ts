/**
 * A booking moved or resized is priced again: bookings publishes `bookings.booking.moved` (old and new times, the new
 * revision) and billing corrects the credits by the difference and replaces the money charge — once per revision, so
 * a redelivered event never charges twice. Through the real bookings API as the member, with real pg-boss workers.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { ALL_DAY, boot, member, waitFor, world } from './helpers.ts'
import type { TestKernel, World } from './helpers.ts'

let t: TestKernel
before(async () => { t = await boot({ workers: true, bookings: true }) })
after(() => t.close())

const HOUR = 3_600_000

/** The booking's charge row once it prices `revision`. */
const chargeAt = (w: World, bookingId: string, revision: number) => waitFor(async () => {
  const r = await t.adminQuery('SELECT credits_used, amount::int AS amount, revision FROM billing.booking_charges WHERE tenant_id = $1 AND booking_id = $2', [w.tenantId, bookingId])
  const row = r.rows[0] as { credits_used: number; amount: number; revision: number } | undefined
  return row && row.revision === revision ? row : undefined
})
/** Open (not invoiced) charges of the booking: [source, amount]. */
const openCharges = async (w: World, bookingId: string) => (await t.adminQuery(
  `SELECT source, unit_amount::int AS amount FROM billing.charges WHERE tenant_id = $1 AND source LIKE $2 AND invoice_id IS NULL ORDER BY source`, [w.tenantId, `booking:${bookingId}%`])).rows

test('a 1-hour booking stretched to 9 hours is charged for 9, shrunk to 2 for 2; a redelivered move charges nothing twice', async () => {
  const w = await world(t, { currency: 'EUR', creditRefundWindowHours: 24 }, { bookings: true })
  const loc = await w.ok('POST', '/spaces/locations', { name: 'Main', timezone: 'UTC', openingHours: ALL_DAY })
  const room = await w.ok('POST', '/spaces/resources', {
    locationId: loc.id, name: 'Room A', kind: 'meeting_room', capacity: 6, rules: { minMinutes: 30, maxMinutes: 600, maxDaysAhead: 400 },
    prices: { perHour: 1000, creditsPerHour: 1 },
  })
  const dee = await member(t, w, 'Dee')
  await w.ok('POST', `/billing/wallets/person/${dee.person}/adjustments`, { delta: 5, reason: 'start', key: 'k1' })
  const balance = async () => (await w.ok('GET', `/billing/wallets/person/${dee.person}`)).balance as number
  const start = new Date(Date.now() + 5 * 86_400_000)
  start.setUTCHours(8, 0, 0, 0)
  const res = await w.call('POST', '/bookings/bookings', { resourceId: room.id, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + HOUR).toISOString() }, dee.session)
  assert.equal(res.statusCode, 201, res.body)
  const id = res.json().id as string
  assert.deepEqual(await chargeAt(w, id, 0), { credits_used: 1, amount: 0, revision: 0 })
  assert.equal(await balance(), 4)

  // stretched to 9 hours: 9 credits needed, 5 available (4 + the 1 it used): 5 used, 4/9 of 90.00 = 40.00 charged
  const long = await w.call('PATCH', `/bookings/bookings/${id}`, { endsAt: new Date(start.getTime() + 9 * HOUR).toISOString() }, dee.session)
  assert.equal(long.statusCode, 200, long.body)
  assert.equal(long.json().revision, 1)
  assert.deepEqual(await chargeAt(w, id, 1), { credits_used: 5, amount: 4000, revision: 1 })
  assert.equal(await balance(), 0)
  assert.deepEqual(await openCharges(w, id), [{ source: `booking:${id}:r1`, amount: 4000 }])

  // the move delivered again changes nothing
  const job = await waitFor(async () => (await t.adminQuery(
    `SELECT data FROM pgboss.job WHERE name = 'billing.on.bookings.booking.moved' AND state = 'completed' AND data->'event'->'payload'->>'id' = $1 LIMIT 1`, [id])).rows[0] as { data: { tenantId: string } } | undefined)
  await t.sendJob('billing.on.bookings.booking.moved', job.data)
  await waitFor(async () => (await t.adminQuery(
    `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'billing.on.bookings.booking.moved' AND state = 'completed' AND data->'event'->'payload'->>'id' = $1`, [id])).rows[0].n >= 2 ? true : undefined)
  assert.equal(await balance(), 0)
  assert.deepEqual(await openCharges(w, id), [{ source: `booking:${id}:r1`, amount: 4000 }])

  // shrunk to 2 hours: 2 credits from the 5 available, nothing in money; 3 credits back
  const short = await w.call('PATCH', `/bookings/bookings/${id}`, { endsAt: new Date(start.getTime() + 2 * HOUR).toISOString() }, dee.session)
  assert.equal(short.statusCode, 200, short.body)
  assert.deepEqual(await chargeAt(w, id, 2), { credits_used: 2, amount: 0, revision: 2 })
  assert.equal(await balance(), 3)
  assert.deepEqual(await openCharges(w, id), [])

  // moved to another day, same length: same price; cancelling inside the window restores what it uses now
  const later = new Date(start.getTime() + 86_400_000)
  await w.call('PATCH', `/bookings/bookings/${id}`, { startsAt: later.toISOString(), endsAt: new Date(later.getTime() + 2 * HOUR).toISOString() }, dee.session)
  assert.deepEqual(await chargeAt(w, id, 3), { credits_used: 2, amount: 0, revision: 3 })
  await w.call('POST', `/bookings/bookings/${id}/cancel`, {}, dee.session)
  await waitFor(async () => ((await balance()) === 5 ? true : undefined))
})

test('a move of an invoiced booking credits the old charge and charges the new price', async () => {
  const w = await world(t, { currency: 'EUR' }, { bookings: true })
  const loc = await w.ok('POST', '/spaces/locations', { name: 'Main', timezone: 'UTC', openingHours: ALL_DAY })
  const room = await w.ok('POST', '/spaces/resources', { locationId: loc.id, name: 'Room B', kind: 'meeting_room', capacity: 4, rules: { maxDaysAhead: 400 }, prices: { perHour: 1000 } })
  const eve = await member(t, w, 'Eve')
  const start = new Date(Date.now() + 3 * 86_400_000)
  start.setUTCHours(9, 0, 0, 0)
  const b = await w.call('POST', '/bookings/bookings', { resourceId: room.id, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + HOUR).toISOString() }, eve.session)
  const id = b.json().id as string
  await chargeAt(w, id, 0)
  const inv = await w.ok('POST', '/billing/invoices', { payerType: 'person', payerId: eve.person })
  await w.ok('POST', `/billing/invoices/${inv.id}/issue`, {})
  await w.call('PATCH', `/bookings/bookings/${id}`, { endsAt: new Date(start.getTime() + 3 * HOUR).toISOString() }, eve.session)
  assert.deepEqual(await chargeAt(w, id, 1), { credits_used: 0, amount: 3000, revision: 1 })
  const cn = await waitFor(async () => (await w.ok('GET', `/billing/invoices?kind=credit_note&payerId=${eve.person}`)).items[0])
  assert.equal(cn.total, 1000)
  assert.deepEqual(await openCharges(w, id), [{ source: `booking:${id}:r1`, amount: 3000 }])
})
