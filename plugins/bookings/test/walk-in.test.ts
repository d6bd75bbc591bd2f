/**
 * A booking placed already started is a walk-in: it is stored checked in and never released as a no-show — a staff
 * walk-in (started ten minutes ago, ending in fifty), and every past occurrence of a series staff record — while its
 * future occurrences stay confirmed and keep their no-show check. Real pg-boss workers run the release jobs.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { TestKernel } from '@tessera/sdk/testing'
import { boot, world, waitFor } from './helpers.ts'

let t: TestKernel

before(async () => { t = await boot({ workers: true }) })
after(() => t.close())

const DAY = 86_400_000
const releaseJobs = async (bookingId: string) => (await t.adminQuery(
  `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'bookings.release-no-show' AND data::text LIKE '%' || $1 || '%'`, [bookingId])).rows[0].n as number

test('a staff walk-in (started, not yet ended) is checked in at creation and never released as a no-show', async () => {
  const w = await world(t, { config: { checkInGraceMinutes: 0 } })
  const personId = await w.person()
  const start = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000)
  const res = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, personId, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString() })
  assert.equal(res.statusCode, 201, res.body)
  assert.equal(res.json().status, 'checked_in')
  assert.ok(res.json().checkedInAt)
  assert.equal(await releaseJobs(res.json().id), 0, 'no no-show check is scheduled for it')
  // a booking that starts later, made at the same moment, does get its check (so the workers are running) and is released
  const soon = new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000)
  const later = await w.call('POST', '/bookings/bookings', { resourceId: w.desksId, personId, startsAt: soon.toISOString(), endsAt: new Date(soon.getTime() + 3_600_000).toISOString() })
  assert.equal(later.statusCode, 201, later.body)
  await waitFor(async () => ((await w.call('GET', `/bookings/bookings/${later.json().id}`)).json().status === 'released' ? true : undefined))
  // the sweep job releases only confirmed bookings: the walk-in survives it
  const ctx = t.pluginContext('bookings')
  const { sweepNoShows } = await import('../src/domain/no-show.ts')
  await ctx.withTenant(w.tenantId, () => sweepNoShows(ctx as never))
  assert.equal((await w.call('GET', `/bookings/bookings/${res.json().id}`)).json().status, 'checked_in')
})

test('past occurrences of a staff series are checked in, future ones stay confirmed', async () => {
  const w = await world(t, { config: { checkInGraceMinutes: 0 } })
  const personId = await w.person()
  const first = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 3_600_000 - 14 * DAY)
  const res = await w.call('POST', '/bookings/series', {
    resourceId: w.roomId, personId, startsAt: first.toISOString(), endsAt: new Date(first.getTime() + 3_600_000).toISOString(), rrule: 'FREQ=WEEKLY;COUNT=4',
  })
  assert.equal(res.statusCode, 201, res.body)
  const statuses = res.json().bookings.map((b: { status: string }) => b.status)
  assert.deepEqual(statuses, ['checked_in', 'checked_in', 'confirmed', 'confirmed'])
  for (const b of res.json().bookings.slice(0, 2)) assert.equal(await releaseJobs(b.id), 0)
  for (const b of res.json().bookings.slice(2)) assert.equal(await releaseJobs(b.id), 1)
})

test('moving a booking to a start that has passed checks it in', async () => {
  const w = await world(t, { config: { checkInGraceMinutes: 0 } })
  const personId = await w.person()
  const soon = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 2 * 3_600_000)
  const b = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, personId, startsAt: soon.toISOString(), endsAt: new Date(soon.getTime() + 3_600_000).toISOString() })
  assert.equal(b.json().status, 'confirmed')
  const started = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 5 * 60_000)
  const moved = await w.call('PATCH', `/bookings/bookings/${b.json().id}`, { startsAt: started.toISOString(), endsAt: new Date(started.getTime() + 3_600_000).toISOString() })
  assert.equal(moved.statusCode, 200, moved.body)
  assert.equal(moved.json().status, 'checked_in')
})
