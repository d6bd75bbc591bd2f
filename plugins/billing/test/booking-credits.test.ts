/**
 * Acceptance: a member books a room beyond their credits — credits are used first and the remainder appears on their
 * invoice; a cancellation inside the refund window restores the credits, one outside it does not. All through the
 * real bookings API as the member (`POST /api/v1/bookings/bookings`): billing charges on `bookings.booking.created`
 * and refunds on `bookings.booking.cancelled` (real pg-boss workers). Redelivered events charge and refund once, and
 * a cancellation handled before its booking's charge (the two events travel on separate queues) still refunds it.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { ALL_DAY, boot, member, waitFor, world } from './helpers.ts'
import type { TestKernel, World } from './helpers.ts'
import type { PluginContext } from '@tessera/sdk'
import type { BillingConfig } from '../src/domain/billing-config.ts'
import { onBookingCreated } from '../src/subscribers/booking-created.ts'
import { onBookingCancelled } from '../src/subscribers/booking-cancelled.ts'

let t: TestKernel
before(async () => { t = await boot({ workers: true, bookings: true }) })
after(() => t.close())


/** The booking's charge row once billing's subscriber has made it. */
const chargeOf = (w: World, bookingId: string) => waitFor(async () => {
  const r = await t.adminQuery('SELECT credits_used, amount::int AS amount, refunded_at FROM billing.booking_charges WHERE tenant_id = $1 AND booking_id = $2', [w.tenantId, bookingId])
  return r.rows[0] as { credits_used: number; amount: number; refunded_at: Date | null } | undefined
})

/** Sends the completed pg-boss job of `queue` for this booking once more: the event redelivered. */
async function redeliver(w: World, queue: string, bookingId: string): Promise<void> {
  const job = await waitFor(async () => (await t.adminQuery(
    `SELECT data FROM pgboss.job WHERE name = $1 AND state = 'completed' AND data->'event'->>'tenantId' = $2 AND data->'event'->'payload'->>'id' = $3 LIMIT 1`,
    [queue, w.tenantId, bookingId])).rows[0] as { data: { tenantId: string } } | undefined)
  await t.sendJob(queue, job.data)
  await waitFor(async () => (await t.adminQuery(
    `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state = 'completed' AND data->'event'->'payload'->>'id' = $2`, [queue, bookingId])).rows[0].n >= 2 ? true : undefined)
}

test('a member books beyond their credits: credits first, remainder on the invoice; cancelling inside the window restores them', async () => {
  const w = await world(t, { currency: 'EUR', creditRefundWindowHours: 24 }, { bookings: true })
  const loc = await w.ok('POST', '/spaces/locations', { name: 'Main', timezone: 'UTC', openingHours: ALL_DAY })
  const room = await w.ok('POST', '/spaces/resources', {
    locationId: loc.id, name: 'Room A', kind: 'meeting_room', capacity: 6,
    rules: { minMinutes: 30, maxMinutes: 600, maxDaysAhead: 400 }, prices: { perHour: 3000, creditsPerHour: 2 },
  })
  const plan = await w.plan({ monthlyPrice: 10000, includedCredits: 5 })
  const bea = await member(t, w, 'Bea')
  const today = new Date().toISOString().slice(0, 10)
  await w.ok('POST', '/billing/memberships', { payerType: 'person', payerId: bea.person, planId: plan.id, startsOn: `${today.slice(0, 7)}-01` })
  const credits = async () => (await w.ok('GET', '/billing/me/plan', undefined, bea.session)).credits.balance as number
  assert.equal(await credits(), 5)

  const book = async (start: Date, hours: number) => {
    const end = new Date(start.getTime() + hours * 3_600_000)
    const res = await w.call('POST', '/bookings/bookings', { resourceId: room.id, startsAt: start.toISOString(), endsAt: end.toISOString() }, bea.session)
    assert.equal(res.statusCode, 201, res.body)
    const b = res.json() as { id: string; personId: string }
    assert.equal(b.personId, bea.person)
    return b
  }

  // 4 hours = 8 credits needed, 5 available: 5 used, 3/8 of 120.00 = 45.00 charged
  const inFiveDays = new Date(Date.now() + 5 * 86_400_000)
  inFiveDays.setUTCHours(9, 0, 0, 0)
  const big = await book(inFiveDays, 4)
  const bigCharge = await chargeOf(w, big.id)
  assert.deepEqual([bigCharge.credits_used, bigCharge.amount], [5, 4500])
  assert.equal(await credits(), 0)
  // the created event delivered again charges nothing more
  await redeliver(w, 'billing.on.bookings.booking.created', big.id)
  assert.equal(await credits(), 0)
  assert.equal((await t.adminQuery(`SELECT count(*)::int AS n FROM billing.charges WHERE tenant_id = $1 AND source = $2`, [w.tenantId, `booking:${big.id}`])).rows[0].n, 1)

  // a second booking starting in 2–3 hours (inside the 24 h before its start, so not refundable), paid by credits only
  await w.ok('POST', `/billing/wallets/person/${bea.person}/adjustments`, { delta: 2, reason: 'goodwill', key: 'g1' })
  const soon = new Date(Date.now() + 3 * 3_600_000)
  soon.setUTCMinutes(0, 0, 0)
  const small = await book(soon, 1) // 2 credits needed, 2 available: free
  const smallCharge = await chargeOf(w, small.id)
  assert.deepEqual([smallCharge.credits_used, smallCharge.amount], [2, 0])

  // the next invoice holds the membership month and the remainder of the big booking; the member sees it as theirs
  const period = today.slice(0, 7)
  const run = await w.ok('POST', '/billing/invoice-runs', { period })
  assert.equal(run.invoices.length, 1)
  const inv = await w.ok('GET', `/billing/me/invoices/${run.invoices[0]}`, undefined, bea.session)
  const bookingLine = inv.lines.find((l: any) => l.source === `booking:${big.id}`)
  assert.ok(bookingLine, JSON.stringify(inv.lines))
  assert.equal(bookingLine.gross, 4500)
  assert.match(bookingLine.description, /Room A .*5 of 8 credits used/)

  // the member cancels the big booking (5 days ahead: inside the refund window) → credits back, the charge credited
  const cancelled = await w.call('POST', `/bookings/bookings/${big.id}/cancel`, { reason: 'plans changed' }, bea.session)
  assert.equal(cancelled.statusCode, 200, cancelled.body)
  await waitFor(async () => (await credits()) === 5 ? true : undefined)
  const wallet = await w.ok('GET', `/billing/wallets/person/${bea.person}`)
  assert.equal(wallet.entries[0].reason, 'booking cancelled')
  const cn = await waitFor(async () => {
    const l = await w.ok('GET', `/billing/invoices?kind=credit_note&payerId=${bea.person}`)
    return l.items.length ? l.items[0] : undefined
  })
  assert.equal(cn.total, 4500)
  assert.equal((await w.ok('GET', `/billing/invoices/${inv.id}`)).amountDue, inv.total - 4500)
  // the cancellation delivered again restores nothing more
  await redeliver(w, 'billing.on.bookings.booking.cancelled', big.id)
  assert.equal(await credits(), 5)
  assert.equal((await w.ok('GET', `/billing/invoices?kind=credit_note&payerId=${bea.person}`)).items.length, 1)

  // the small one, cancelled less than 24 h before its start: outside the window → no credits back
  const late = await w.call('POST', `/bookings/bookings/${small.id}/cancel`, {}, bea.session)
  assert.equal(late.statusCode, 200, late.body)
  await redeliver(w, 'billing.on.bookings.booking.cancelled', small.id) // waits until the cancellation was handled
  assert.equal((await chargeOf(w, small.id)).refunded_at, null)
  assert.equal(await credits(), 5)
})

test('a cancellation handled before the charge still refunds it; unpriceable bookings are skipped', async () => {
  const w = await world(t, { creditRefundWindowHours: 1 }, { bookings: true })
  const loc = await w.ok('POST', '/spaces/locations', { name: 'Main', timezone: 'UTC', openingHours: ALL_DAY })
  const room = await w.ok('POST', '/spaces/resources', { locationId: loc.id, name: 'Room B', kind: 'meeting_room', capacity: 4, prices: { perHour: 1000, creditsPerHour: 1 } })
  const cy = await member(t, w, 'Cy')
  await w.ok('POST', `/billing/wallets/person/${cy.person}/adjustments`, { delta: 3, reason: 'start', key: 'k' })
  const start = new Date(Date.now() + 3 * 86_400_000)
  start.setUTCMinutes(0, 0, 0)
  const end = new Date(start.getTime() + 2 * 3_600_000)

  // The two events in the wrong order, straight to billing's handlers (as two queues may deliver them): the
  // cancellation finds nothing charged and is remembered; the charge then refunds itself by the window rule.
  const ctx: PluginContext<BillingConfig> = t.pluginContext<BillingConfig>('billing')
  const bookingId = crypto.randomUUID()
  const payload = { id: bookingId, resourceId: room.id, locationId: loc.id, personId: cy.person, seriesId: null, seat: 1, startsAt: start.toISOString(), endsAt: end.toISOString(), status: 'confirmed' as const, revision: 0 }
  const event = (name: string) => ({ id: crypto.randomUUID(), name, tenantId: w.tenantId, payload, publishedAt: new Date().toISOString() })
  await ctx.withTenant(w.tenantId, () => onBookingCancelled.handler(event('bookings.booking.cancelled'), ctx))
  await ctx.withTenant(w.tenantId, () => onBookingCreated.handler(event('bookings.booking.created'), ctx))
  const charge = await chargeOf(w, bookingId)
  assert.deepEqual([charge.credits_used, charge.amount], [2, 0])
  assert.notEqual(charge.refunded_at, null)
  assert.equal((await w.ok('GET', `/billing/wallets/person/${cy.person}`)).balance, 3)

  // a resource priced in another currency than billing's is not charged (logged, not retried forever)
  const gbp = await w.ok('POST', '/spaces/resources', { locationId: loc.id, name: 'Room C', kind: 'meeting_room', capacity: 4, prices: { perHour: 1000, currency: 'GBP' } })
  const g = await w.call('POST', '/bookings/bookings', { resourceId: gbp.id, startsAt: start.toISOString(), endsAt: end.toISOString() }, cy.session)
  assert.equal(g.statusCode, 201, g.body)
  await waitFor(async () => (await t.adminQuery(
    `SELECT 1 FROM pgboss.job WHERE name = 'billing.on.bookings.booking.created' AND state = 'completed' AND data->'event'->'payload'->>'id' = $1`, [g.json().id])).rows[0] ? true : undefined)
  assert.equal((await t.adminQuery('SELECT count(*)::int AS n FROM billing.booking_charges WHERE tenant_id = $1 AND booking_id = $2', [w.tenantId, g.json().id])).rows[0].n, 0)
})
