/**
 * Acceptance: a booking that is not checked in within the grace period is released by the `release-no-show` job
 * (pg-boss, real workers) and its slot becomes bookable again; a checked-in booking is kept.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { TestKernel } from '@tessera/sdk/testing'
import { boot, world, waitFor } from './helpers.ts'

let t: TestKernel

before(async () => { t = await boot({ workers: true }) })
after(() => t.close())

test('a no-show is released after the grace period and the slot is bookable again; a checked-in booking stays', async () => {
  const w = await world(t, { config: { checkInGraceMinutes: 0, checkInOpensMinutes: 15 } })
  const [alice, bob] = [await w.person(), await w.person()]
  const member = await w.member()
  // starts two seconds from now, grace 0: overdue as soon as it starts (a booking placed already started is a walk-in,
  // checked in at once — see walk-in.test.ts — so the no-show must be booked ahead)
  const start = new Date(Math.ceil(Date.now() / 1000) * 1000 + 2000)
  const end = new Date(start.getTime() + 60 * 60_000)
  const noShow = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, personId: alice, startsAt: start.toISOString(), endsAt: end.toISOString() })
  assert.equal(noShow.statusCode, 201, noShow.body)
  assert.equal(noShow.json().status, 'confirmed')
  // a member's own booking on the desks, checked in straight away, is kept
  const deskStart = new Date(Date.now() + 60_000)
  const kept = await w.call('POST', '/bookings/bookings', { resourceId: w.desksId, startsAt: deskStart.toISOString(), endsAt: new Date(deskStart.getTime() + 3_600_000).toISOString() }, member.cookie)
  assert.equal(kept.statusCode, 201, kept.body)
  const checkIn = await w.call('POST', `/bookings/bookings/${kept.json().id}/check-in`, {}, member.cookie)
  assert.equal(checkIn.statusCode, 200, checkIn.body)
  assert.equal(checkIn.json().status, 'checked_in')

  const released = await waitFor(async () => {
    const b = (await w.call('GET', `/bookings/bookings/${noShow.json().id}`)).json()
    return b.status === 'released' ? b : undefined
  })
  assert.ok(released.releasedAt)
  const audit = await t.adminQuery(`SELECT action, actor_type FROM tessera.audit_log WHERE tenant_id = $1 AND target = $2`, [w.tenantId, `booking:${noShow.json().id}`])
  assert.deepEqual(audit.rows, [{ action: 'booking.release', actor_type: 'system' }], 'the release is audited as a system action')
  assert.equal((await w.call('POST', `/bookings/bookings/${noShow.json().id}/check-in`, {})).statusCode, 409, 'too late to check in')
  const again = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, personId: bob, startsAt: start.toISOString(), endsAt: end.toISOString() })
  assert.equal(again.statusCode, 201, again.body)
  assert.equal((await w.call('GET', `/bookings/bookings/${kept.json().id}`)).json().status, 'checked_in')
  const creations = await t.adminQuery(`SELECT count(*)::int AS n FROM tessera.audit_log WHERE tenant_id = $1 AND action LIKE 'POST %/bookings'`, [w.tenantId])
  assert.equal(creations.rows[0].n, 3, 'each booking creation is audited')
})

test('a booking in the future cannot be checked in before the window opens, and is not released early', async () => {
  const w = await world(t, { config: { checkInGraceMinutes: 0, checkInOpensMinutes: 10 } })
  const personId = await w.person()
  const start = new Date(Date.now() + 2 * 3_600_000)
  start.setUTCMinutes(0, 0, 0)
  const b = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, personId, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString() })
  assert.equal(b.statusCode, 201)
  assert.equal((await w.call('POST', `/bookings/bookings/${b.json().id}/check-in`, {})).statusCode, 409)
  await new Promise((r) => setTimeout(r, 1500))
  assert.equal((await w.call('GET', `/bookings/bookings/${b.json().id}`)).json().status, 'confirmed')
})
