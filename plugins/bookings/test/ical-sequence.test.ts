/**
 * iCal feeds: a booking's `SEQUENCE` grows each time it is moved or resized (RFC 5545 §3.8.7.4), so calendar apps
 * replace the old times; and staff issuing a person's feed link does not revoke the link that person made themselves
 * (the response says which earlier link, if any, stopped working).
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { TestKernel } from '@tessera/sdk/testing'
import { boot, world, hoursFromNow } from './helpers.ts'

let t: TestKernel

before(async () => { t = await boot() })
after(() => t.close())

/** SEQUENCE of the VEVENT with `uid` in the feed text. */
function sequenceOf(feed: string, uid: string): number | undefined {
  const event = feed.split('BEGIN:VEVENT').find((e) => e.includes(`UID:${uid}@tessera`))
  const m = event && /\r?\nSEQUENCE:(\d+)/.exec(event)
  return m ? Number(m[1]) : undefined
}

test('SEQUENCE increases when a booking is moved or resized', async () => {
  const w = await world(t)
  const member = await w.member()
  const b = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, startsAt: hoursFromNow(5).toISOString(), endsAt: hoursFromNow(6).toISOString() }, member.cookie)
  assert.equal(b.statusCode, 201, b.body)
  assert.equal(b.json().revision, 0)
  const path = (await w.call('POST', '/bookings/feeds/me', {}, member.cookie)).json().path as string
  const feed = async () => (await t.request({ method: 'GET', url: path })).body
  assert.equal(sequenceOf(await feed(), b.json().id), 0)

  const moved = await w.call('PATCH', `/bookings/bookings/${b.json().id}`, { startsAt: hoursFromNow(7).toISOString(), endsAt: hoursFromNow(8).toISOString() }, member.cookie)
  assert.equal(moved.statusCode, 200, moved.body)
  assert.equal(sequenceOf(await feed(), b.json().id), 1)
  await w.call('PATCH', `/bookings/bookings/${b.json().id}`, { endsAt: hoursFromNow(10).toISOString() }, member.cookie)
  assert.equal(sequenceOf(await feed(), b.json().id), 2)
  // retitling is not a schedule change; an unchanged time is not a move
  await w.call('PATCH', `/bookings/bookings/${b.json().id}`, { title: 'Renamed', startsAt: hoursFromNow(7).toISOString() }, member.cookie)
  assert.equal(sequenceOf(await feed(), b.json().id), 2)
  const cancelled = await w.call('POST', `/bookings/bookings/${b.json().id}/cancel`, {}, member.cookie)
  assert.equal(cancelled.json().revision, 3)
})

test('a staff-issued person feed leaves the person\'s own link working, and says so', async () => {
  const w = await world(t)
  const member = await w.member()
  const own = await w.call('POST', '/bookings/feeds/me', {}, member.cookie)
  assert.equal(own.json().issuedBy, 'self')
  assert.equal(own.json().replaced, false)
  const byStaff = await w.call('POST', `/bookings/feeds/people/${member.personId}`, {})
  assert.equal(byStaff.statusCode, 200, byStaff.body)
  assert.equal(byStaff.json().issuedBy, 'staff')
  assert.equal(byStaff.json().replaced, false)
  assert.match(byStaff.json().notice, /own link .*keeps working/)
  assert.equal((await t.request({ method: 'GET', url: own.json().path })).statusCode, 200, 'the person\'s own link still works')
  assert.equal((await t.request({ method: 'GET', url: byStaff.json().path })).statusCode, 200)

  const again = await w.call('POST', `/bookings/feeds/people/${member.personId}`, {})
  assert.equal(again.json().replaced, true)
  assert.match(again.json().notice, /previous link issued this way stops working/)
  assert.equal((await t.request({ method: 'GET', url: byStaff.json().path })).statusCode, 404, 'the earlier staff link is revoked')
  assert.equal((await t.request({ method: 'GET', url: own.json().path })).statusCode, 200, 'the person\'s own link is untouched')
})
