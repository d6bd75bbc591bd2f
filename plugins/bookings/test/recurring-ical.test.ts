/**
 * Acceptance: a weekly recurring booking with one cancelled occurrence shows correctly in the iCal feed, parsed back
 * with node-ical — through a public feed URL with no session. The series keeps its local time across a DST change;
 * clashing series are refused whole; feed tokens are per tenant and can be replaced.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import ical from 'node-ical'
import type { TestKernel } from '@tessera/sdk/testing'
import { boot, world } from './helpers.ts'

let t: TestKernel

before(async () => { t = await boot() })
after(() => t.close())

const DAY = 86_400_000
const londonHour = (iso: string | Date) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso))

/** A Tuesday about two weeks before the next DST change at least 20 days ahead, as YYYY-MM-DD. */
function tuesdayBeforeDst(): string {
  for (let y = new Date().getUTCFullYear(); ; y++) {
    for (const month of [2, 9]) {
      const d = new Date(Date.UTC(y, month + 1, 0))
      d.setUTCDate(d.getUTCDate() - d.getUTCDay())
      if (d.getTime() > Date.now() + 20 * DAY) return new Date(d.getTime() - 12 * DAY).toISOString().slice(0, 10)
    }
  }
}

/** London's UTC offset on `date` (at 10:00Z, far from the 01:00Z change), as `+01:00` or `+00:00`. */
const offsetOf = (date: string) => (londonHour(`${date}T10:00:00Z`) === '11:00' ? '+01:00' : '+00:00')

function events(text: string) {
  return Object.values(ical.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT') as unknown as { uid: string; start: Date; end: Date; summary: string }[]
}

test('weekly series with one cancelled occurrence: the feed (parsed back) lists the others, at 10:00 local across DST', async () => {
  const w = await world(t)
  const member = await w.member('Rita Recurring')
  const first = tuesdayBeforeDst()
  const startsAt = `${first}T10:00:00${offsetOf(first)}`
  const endsAt = `${first}T11:00:00${offsetOf(first)}`
  const res = await w.call('POST', '/bookings/series', { resourceId: w.roomId, startsAt, endsAt, rrule: 'FREQ=WEEKLY;COUNT=6', title: 'Team sync' }, member.cookie)
  assert.equal(res.statusCode, 201, res.body)
  const series = res.json()
  assert.equal(series.bookings.length, 6)
  assert.ok(series.bookings.every((b: { seriesId: string; personId: string }) => b.seriesId === series.id && b.personId === member.personId))
  assert.deepEqual([...new Set(series.bookings.map((b: { startsAt: string }) => londonHour(b.startsAt)))], ['10:00'], 'same local time before and after the change')
  assert.equal(new Set(series.bookings.map((b: { startsAt: string }) => new Date(b.startsAt).getUTCHours())).size, 2, 'the UTC hour changes with DST')

  const cancelled = series.bookings[2]
  const c = await w.call('POST', `/bookings/bookings/${cancelled.id}/cancel`, { reason: 'holiday' }, member.cookie)
  assert.equal(c.statusCode, 200, c.body)
  assert.equal(c.json().status, 'cancelled')

  const link = await w.call('POST', '/bookings/feeds/me', {}, member.cookie)
  assert.equal(link.statusCode, 200, link.body)
  const feed = await t.request({ method: 'GET', url: link.json().path })
  assert.equal(feed.statusCode, 200, feed.body)
  assert.match(feed.headers['content-type'] as string, /^text\/calendar/)
  const evs = events(feed.body).sort((a, b) => a.start.getTime() - b.start.getTime())
  assert.equal(evs.length, 5)
  assert.ok(!evs.some((e) => e.start.getTime() === Date.parse(cancelled.startsAt)), 'the cancelled occurrence is absent')
  assert.deepEqual(evs.map((e) => e.start.toISOString()), series.bookings.filter((_: unknown, i: number) => i !== 2).map((b: { startsAt: string }) => new Date(b.startsAt).toISOString()))
  assert.ok(evs.every((e) => e.summary === 'Team sync' && e.end.getTime() - e.start.getTime() === 3_600_000))

  // the resource feed (issued by staff) shows the same five, without the member's name
  const rlink = await w.call('POST', `/bookings/feeds/resources/${w.roomId}`, {})
  const rfeed = await t.request({ method: 'GET', url: rlink.json().path })
  assert.equal(events(rfeed.body).length, 5)
  assert.doesNotMatch(rfeed.body, /Rita/)
  assert.equal((await w.call('POST', `/bookings/feeds/resources/${w.roomId}`, {}, member.cookie)).statusCode, 403)

  // cancelling the rest of the series empties the feed
  const all = await w.call('POST', `/bookings/series/${series.id}/cancel`, {}, member.cookie)
  assert.equal(all.statusCode, 200, all.body)
  assert.equal(events((await t.request({ method: 'GET', url: link.json().path })).body).length, 0)
})

test('a clashing series is refused whole with the clashing occurrences named', async () => {
  const w = await world(t)
  const personId = await w.person()
  const base = new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10)
  const clashDay = new Date(Date.parse(base) + 14 * DAY).toISOString().slice(0, 10)
  // in London wall time, as the series keeps 12:00 local across a DST change (after the spring one it is 11:00Z)
  const single = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, personId, startsAt: `${clashDay}T12:30:00${offsetOf(clashDay)}`, endsAt: `${clashDay}T13:30:00${offsetOf(clashDay)}` })
  assert.equal(single.statusCode, 201)
  const res = await w.call('POST', '/bookings/series', { resourceId: w.roomId, personId, startsAt: `${base}T12:00:00${offsetOf(base)}`, endsAt: `${base}T13:00:00${offsetOf(base)}`, rrule: 'RRULE:FREQ=WEEKLY;COUNT=4' })
  assert.equal(res.statusCode, 409, res.body)
  assert.equal(res.json().clashes.length, 1)
  const rows = await t.adminQuery('SELECT count(*)::int AS n FROM bookings.bookings WHERE resource_id = $1', [w.roomId])
  assert.equal(rows.rows[0].n, 1, 'nothing of the series was kept')
  assert.equal((await w.call('POST', '/bookings/series', { resourceId: w.roomId, personId, startsAt: `${base}T12:00:00Z`, endsAt: `${base}T13:00:00Z`, rrule: 'FREQ=MINUTELY' })).statusCode, 400)
  assert.equal((await w.call('POST', '/bookings/series', { resourceId: w.roomId, personId, startsAt: `${base}T12:00:00Z`, endsAt: `${base}T13:00:00Z`, rrule: 'bogus!' })).statusCode, 400)
})

test('feed tokens: wrong tenant or token is 404, a new link replaces the old one, no session needed', async () => {
  const a = await world(t)
  const b = await world(t)
  const member = await a.member()
  const first = (await a.call('POST', '/bookings/feeds/me', {}, member.cookie)).json().path as string
  assert.equal((await t.request({ method: 'GET', url: first })).statusCode, 200)
  const token = first.split('/')[6]
  assert.equal((await t.request({ method: 'GET', url: `/api/v1/bookings/feeds/${b.tenantId}/${token}/calendar.ics` })).statusCode, 404, 'token of A under tenant B')
  assert.equal((await t.request({ method: 'GET', url: `/api/v1/bookings/feeds/${a.tenantId}/${'x'.repeat(43)}/calendar.ics` })).statusCode, 404)
  const second = (await a.call('POST', '/bookings/feeds/me', {}, member.cookie)).json().path as string
  assert.notEqual(second, first)
  assert.equal((await t.request({ method: 'GET', url: first })).statusCode, 404, 'old link revoked')
  assert.equal((await t.request({ method: 'GET', url: second })).statusCode, 200)
})
