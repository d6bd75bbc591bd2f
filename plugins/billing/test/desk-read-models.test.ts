/**
 * The front desk's read models of billing: `GET /booking-quote` prices a booking before it is made (credits first,
 * then money — the numbers the booking is then charged at) and before it is moved or resized (its own credits count
 * as available, its current price comes back as `previous`); members quote for themselves only. `GET /overdue/summary` counts
 * the issued invoices past their due date with money still due, and drops one once it is paid.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { ALL_DAY, boot, member, waitFor, world } from './helpers.ts'
import type { TestKernel } from './helpers.ts'

let t: TestKernel
before(async () => { t = await boot({ workers: true, bookings: true }) })
after(() => t.close())

const hour = 3_600_000

test('a booking is quoted before it is made and before it is resized, with the numbers it is then charged at', async () => {
  const w = await world(t, { currency: 'EUR' }, { bookings: true })
  const loc = await w.ok('POST', '/spaces/locations', { name: 'Main', timezone: 'UTC', openingHours: ALL_DAY })
  const room = await w.ok('POST', '/spaces/resources', {
    locationId: loc.id, name: 'Room A', kind: 'meeting_room', capacity: 6,
    rules: { minMinutes: 30, maxMinutes: 600, maxDaysAhead: 400 }, prices: { perHour: 3000, creditsPerHour: 2 },
  })
  const bea = await member(t, w, 'Bea')
  await w.ok('POST', `/billing/wallets/person/${bea.person}/adjustments`, { delta: 3, reason: 'welcome', key: 'w1' })
  const start = new Date(Date.now() + 5 * 86_400_000)
  start.setUTCHours(9, 0, 0, 0)
  const iso = (ms: number) => new Date(ms).toISOString()
  const quote = async (q: Record<string, string>, session = bea.session) => {
    const res = await w.call('GET', `/billing/booking-quote?${new URLSearchParams(q)}`, undefined, session)
    assert.equal(res.statusCode, 200, res.body)
    return res.json()
  }

  // 2 hours: 4 credits needed, 3 held → 3 used, 1/4 of 60.00 charged
  const before = await quote({ resourceId: room.id, startsAt: iso(start.getTime()), endsAt: iso(start.getTime() + 2 * hour) })
  assert.deepEqual(before, { currency: 'EUR', minutes: 120, creditsNeeded: 4, creditsAvailable: 3, creditsUsed: 3, fullAmount: 6000, amount: 1500, previous: null })
  const made = await w.call('POST', '/bookings/bookings', { resourceId: room.id, startsAt: iso(start.getTime()), endsAt: iso(start.getTime() + 2 * hour) }, bea.session)
  assert.equal(made.statusCode, 201, made.body)
  const bookingId = made.json().id as string
  const charged = await waitFor(async () => (await t.adminQuery('SELECT credits_used, amount::int AS amount FROM billing.booking_charges WHERE tenant_id = $1 AND booking_id = $2', [w.tenantId, bookingId])).rows[0])
  assert.deepEqual([charged.credits_used, charged.amount], [before.creditsUsed, before.amount], 'charged as quoted')

  // extending to 3 hours: the booking's 3 credits count as available again; 6 needed → 3 used, 3/6 of 90.00
  const longer = await quote({ resourceId: room.id, startsAt: iso(start.getTime()), endsAt: iso(start.getTime() + 3 * hour), bookingId })
  assert.deepEqual(longer, { currency: 'EUR', minutes: 180, creditsNeeded: 6, creditsAvailable: 3, creditsUsed: 3, fullAmount: 9000, amount: 4500, previous: { creditsUsed: 3, amount: 1500 } })

  // staff quote for a person; a member may not quote for someone else; endsAt before startsAt is a 400
  const staffQuote = await quote({ resourceId: room.id, startsAt: iso(start.getTime()), endsAt: iso(start.getTime() + hour), personId: bea.person }, w.staff)
  assert.equal(staffQuote.creditsAvailable, 0, 'her credits are all on the booking')
  const other = await member(t, w, 'Cy')
  assert.equal((await w.call('GET', `/billing/booking-quote?${new URLSearchParams({ resourceId: room.id, startsAt: iso(start.getTime()), endsAt: iso(start.getTime() + hour), personId: bea.person })}`, undefined, other.session)).statusCode, 403)
  assert.equal((await w.call('GET', `/billing/booking-quote?${new URLSearchParams({ resourceId: room.id, startsAt: iso(start.getTime()), endsAt: iso(start.getTime() - hour) })}`, undefined, bea.session)).statusCode, 400)
  // another member's quote of Bea's booking ignores it: their own wallet, no previous price
  const cyQuote = await quote({ resourceId: room.id, startsAt: iso(start.getTime()), endsAt: iso(start.getTime() + hour), bookingId }, other.session)
  assert.deepEqual([cyQuote.creditsAvailable, cyQuote.previous], [0, null])
})

test('the overdue invoices: issued, past due, with money still due — and not once paid', async () => {
  const w = await world(t, { currency: 'EUR' })
  const [ann, ben] = [await w.person('Ann Overdue'), await w.person('Ben Current')]
  const issued = async (payerId: string, amount: number) => {
    await w.ok('POST', '/billing/charges', { payerType: 'person', payerId, description: 'Desk', unitAmount: amount, taxRateBp: 0, source: crypto.randomUUID() })
    const draft = await w.ok('POST', '/billing/invoices', { payerType: 'person', payerId })
    return w.ok('POST', `/billing/invoices/${draft.id}/issue`, {})
  }
  const late = await issued(ann, 12_000)
  await issued(ben, 5_000) // due in the future
  assert.deepEqual((await w.ok('GET', '/billing/overdue/summary')).count, 0)
  await t.adminQuery(`UPDATE billing.invoices SET due_on = current_date - 3 WHERE id = $1`, [late.id])

  const overdue = await w.ok('GET', '/billing/overdue/summary')
  assert.deepEqual(
    { ...overdue, items: overdue.items.map((i: Record<string, unknown>) => ({ ...i, dueOn: typeof i.dueOn })) },
    { currency: 'EUR', count: 1, amountDue: 12_000, oldestDueOn: overdue.items[0].dueOn, items: [{ id: late.id, number: late.number, payerName: 'Ann Overdue', amountDue: 12_000, dueOn: 'string' }] },
  )
  const bea = await member(t, w, 'Bea')
  assert.equal((await w.call('GET', '/billing/overdue/summary', undefined, bea.session)).statusCode, 403, 'staff only')

  await w.ok('POST', `/billing/invoices/${late.id}/payments`, { amount: 12_000, method: 'manual', reference: 'r1' })
  assert.equal((await w.ok('GET', '/billing/overdue/summary')).count, 0)
})
