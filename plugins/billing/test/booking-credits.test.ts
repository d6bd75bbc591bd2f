/**
 * Acceptance: a member books a room beyond their credits — credits are used first and the remainder appears on their
 * invoice; a cancellation inside the refund window restores the credits (through the `bookings.booking.cancelled`
 * event, real pg-boss workers), one outside it does not.
 *
 * The charge itself goes through billing's `pricing` logic via `POST /billing/booking-charges`: the bookings plugin
 * does not (yet) call billing, and its `created` event carries no person id, so nothing can charge on the event alone.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { boot, world } from './helpers.ts'
import type { TestKernel } from './helpers.ts'

let t: TestKernel
before(async () => { t = await boot({ workers: true, bookings: true }) })
after(() => t.close())

const ALL_DAY = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ from: '00:00', to: '24:00' }]]))

async function waitFor<T>(fn: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    const v = await fn()
    if (v !== undefined) return v
    await new Promise((r) => setTimeout(r, 150))
  }
  throw new Error('timed out')
}

test('credits first, remainder on the invoice; cancelling inside the window restores credits and drops the charge', async () => {
  const w = await world(t, { currency: 'EUR', creditRefundWindowHours: 24 }, { bookings: true })
  const loc = await w.ok('POST', '/spaces/locations', { name: 'Main', timezone: 'UTC', openingHours: ALL_DAY })
  const room = await w.ok('POST', '/spaces/resources', {
    locationId: loc.id, name: 'Room A', kind: 'meeting_room', capacity: 6,
    rules: { minMinutes: 30, maxMinutes: 600, maxDaysAhead: 400 }, prices: { perHour: 3000, creditsPerHour: 2 },
  })
  const plan = await w.plan({ monthlyPrice: 10000, includedCredits: 5 })
  const person = await w.person('Bea')
  const today = new Date().toISOString().slice(0, 10)
  await w.ok('POST', '/billing/memberships', { payerType: 'person', payerId: person, planId: plan.id, startsOn: `${today.slice(0, 7)}-01` })
  assert.equal((await w.ok('GET', `/billing/wallets/person/${person}`)).balance, 5)

  const book = async (start: Date, hours: number) => {
    const end = new Date(start.getTime() + hours * 3_600_000)
    const b = await w.ok('POST', '/bookings/bookings', { resourceId: room.id, personId: person, startsAt: start.toISOString(), endsAt: end.toISOString() })
    const charge = await w.ok('POST', '/billing/booking-charges', { bookingId: b.id, payerId: person, resourceId: room.id, startsAt: b.startsAt, endsAt: b.endsAt })
    return { booking: b, charge }
  }

  // 4 hours = 8 credits needed, 5 available: 5 used, 3/8 of 120.00 = 45.00 charged
  const inFiveDays = new Date(Date.now() + 5 * 86_400_000)
  inFiveDays.setUTCHours(9, 0, 0, 0)
  const big = await book(inFiveDays, 4)
  assert.deepEqual([big.charge.creditsUsed, big.charge.amount], [5, 4500])
  assert.equal((await w.ok('GET', `/billing/wallets/person/${person}`)).balance, 0)
  // charging the same booking again changes nothing
  const again = await w.ok('POST', '/billing/booking-charges', { bookingId: big.booking.id, payerId: person, resourceId: room.id, startsAt: big.booking.startsAt, endsAt: big.booking.endsAt })
  assert.deepEqual([again.creditsUsed, again.amount], [5, 4500])

  // a second booking starting in 2–3 hours (inside the 24 h before its start, so not refundable), paid by credits only
  await w.ok('POST', `/billing/wallets/person/${person}/adjustments`, { delta: 2, reason: 'goodwill', key: 'g1' })
  const soon = new Date(Date.now() + 3 * 3_600_000)
  soon.setUTCMinutes(0, 0, 0)
  const small = await book(soon, 1) // 2 credits needed, 2 available: free
  assert.deepEqual([small.charge.creditsUsed, small.charge.amount], [2, 0])

  // the next invoice holds the membership month and the remainder of the big booking
  const period = today.slice(0, 7)
  const run = await w.ok('POST', '/billing/invoice-runs', { period })
  assert.equal(run.invoices.length, 1)
  const inv = await w.ok('GET', `/billing/invoices/${run.invoices[0]}`)
  const bookingLine = inv.lines.find((l: any) => l.source === `booking:${big.booking.id}`)
  assert.ok(bookingLine, JSON.stringify(inv.lines))
  assert.equal(bookingLine.gross, 4500)
  assert.match(bookingLine.description, /Room A .*5 of 8 credits used/)

  // cancel the big booking (5 days ahead: inside the refund window) → credits back, the invoiced charge credited
  const cancelled = await w.call('POST', `/bookings/bookings/${big.booking.id}/cancel`, { reason: 'plans changed' })
  assert.equal(cancelled.statusCode, 200, cancelled.body)
  const restored = await waitFor(async () => {
    const wal = await w.ok('GET', `/billing/wallets/person/${person}`)
    return wal.balance === 5 ? wal : undefined
  })
  assert.equal(restored.entries[0].reason, 'booking cancelled')
  const cn = await waitFor(async () => {
    const l = await w.ok('GET', `/billing/invoices?kind=credit_note&payerId=${person}`)
    return l.items.length ? l.items[0] : undefined
  })
  assert.equal(cn.total, 4500)
  assert.equal((await w.ok('GET', `/billing/invoices/${inv.id}`)).amountDue, inv.total - 4500)

  // the small one, cancelled less than 24 h before its start: outside the window → no credits back
  const late = await w.ok('POST', `/billing/booking-charges/${small.booking.id}/refund`, {})
  assert.equal(late.refunded, false)
  assert.equal(late.reason, 'outside the refund window')
  assert.equal((await w.ok('GET', `/billing/wallets/person/${person}`)).balance, 5)
})

test('the refund is idempotent: an event delivered twice restores credits once', async () => {
  const w = await world(t, { creditRefundWindowHours: 1 })
  const loc = await w.ok('POST', '/spaces/locations', { name: 'Main', timezone: 'UTC', openingHours: ALL_DAY })
  const room = await w.ok('POST', '/spaces/resources', { locationId: loc.id, name: 'Room B', kind: 'meeting_room', capacity: 4, prices: { perHour: 1000, creditsPerHour: 1 } })
  const person = await w.person()
  await w.ok('POST', `/billing/wallets/person/${person}/adjustments`, { delta: 3, reason: 'start', key: 'k' })
  const bookingId = crypto.randomUUID()
  const start = new Date(Date.now() + 3 * 86_400_000).toISOString()
  const end = new Date(Date.now() + 3 * 86_400_000 + 2 * 3_600_000).toISOString()
  const c = await w.ok('POST', '/billing/booking-charges', { bookingId, payerId: person, resourceId: room.id, startsAt: start, endsAt: end })
  assert.deepEqual([c.creditsUsed, c.amount], [2, 0])
  assert.equal((await w.ok('POST', `/billing/booking-charges/${bookingId}/refund`, {})).refunded, true)
  const second = await w.ok('POST', `/billing/booking-charges/${bookingId}/refund`, {})
  assert.equal(second.refunded, true)
  assert.equal(second.reason, 'already refunded')
  assert.equal((await w.ok('GET', `/billing/wallets/person/${person}`)).balance, 3)
  // a resource priced in another currency than billing's is refused, not silently mixed
  const gbp = await w.ok('POST', '/spaces/resources', { locationId: loc.id, name: 'Room C', kind: 'meeting_room', capacity: 4, prices: { perHour: 1000, currency: 'GBP' } })
  const mixed = await w.call('POST', '/billing/booking-charges', { bookingId: crypto.randomUUID(), payerId: person, resourceId: gbp.id, startsAt: start, endsAt: end })
  assert.equal(mixed.statusCode, 422, mixed.body)
})
