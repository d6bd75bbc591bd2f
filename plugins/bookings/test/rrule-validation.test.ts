/**
 * Recurrence rules are checked strictly: every invalid rule is a 400 problem naming the part (nothing stored), a rule
 * making more occurrences than `maxOccurrences` or reaching past the horizon is a 422 with the count and the limit
 * (never cut short with a 201), and `startsAt` is always the first occurrence (RFC 5545: DTSTART is the first instance).
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { TestKernel } from '@tessera/sdk/testing'
import { boot, world } from './helpers.ts'
import type { World } from './helpers.ts'

let t: TestKernel

before(async () => { t = await boot() })
after(() => t.close())

const DAY = 86_400_000
/** 10:00Z on a Monday at least three days ahead. */
function nextMonday(): Date {
  const d = new Date(Date.now() + 3 * DAY)
  d.setUTCHours(10, 0, 0, 0)
  while (d.getUTCDay() !== 1) d.setTime(d.getTime() + DAY)
  return d
}

/** `at` moved `days` calendar days on in Europe/London (the location's zone) at the same wall time, by PostgreSQL's tz database. */
const sameWallTime = async (at: Date, days: number): Promise<string> => (await t.adminQuery(
  `SELECT to_char((($1::timestamptz AT TIME ZONE 'Europe/London') + $2 * interval '1 day') AT TIME ZONE 'Europe/London' AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS s`,
  [at, days])).rows[0].s as string

const series = (w: World, personId: string, rrule: string, start = nextMonday()) => w.call('POST', '/bookings/series', {
  resourceId: w.roomId, personId, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString(), rrule,
})
const stored = async (w: World) => (await t.adminQuery('SELECT count(*)::int AS n FROM bookings.series WHERE tenant_id = $1', [w.tenantId])).rows[0].n as number

const INVALID: [string, string][] = [
  ['FREQ=WEEKLY;COUNT=3;UNTIL=20991231T000000Z', 'COUNT'],
  ['FREQ=WEEKLY;COUNT=-1', 'COUNT'],
  ['FREQ=WEEKLY;COUNT=abc', 'COUNT'],
  ['FREQ=WEEKLY;COUNT=0', 'COUNT'],
  ['FREQ=DAILY;COUNT=3;BYHOUR=25', 'BYHOUR'],
  ['FREQ=DAILY;COUNT=3;BYMINUTE=61', 'BYMINUTE'],
  ['FREQ=DAILY;COUNT=3;BYHOUR=10,11;BYMINUTE=0,20,40', 'BYMINUTE'],
  ['FREQ=DAILY;COUNT=3;BYHOUR=9,10,11', 'BYHOUR'],
  ['FREQ=WEEKLY;COUNT=3;INTERVAL=-1', 'INTERVAL'],
  ['FREQ=WEEKLY;COUNT=3;WKST=XX', 'WKST'],
  ['FREQ=WEEKLY;COUNT=3;BYDAY=XX', 'BYDAY'],
  ['FREQ=WEEKLY;COUNT=3;BYDAY=2MO', 'BYDAY'],
  ['FREQ=MONTHLY;COUNT=3;BYDAY=MO;BYSETPOS=0', 'BYSETPOS'],
  ['FREQ=WEEKLY;COUNT=3;BYDAY=MO;BYSETPOS=2', 'BYSETPOS'],
  ['FREQ=YEARLY;COUNT=2;BYMONTH=2;BYMONTHDAY=30', 'BYMONTHDAY'],
  ['FREQ=MONTHLY;COUNT=2;BYMONTH=13', 'BYMONTH'],
  ['FREQ=WEEKLY;COUNT=2;BYMONTHDAY=1', 'BYMONTHDAY'],
  ['FREQ=WEEKLY;UNTIL=20301231', 'UNTIL'],
  ['FREQ=WEEKLY;UNTIL=20301231T100000', 'UNTIL'],
  ['FREQ=WEEKLY;COUNT=2;COUNT=3', 'COUNT'],
  ['FREQ=WEEKLY;COUNT=2;FOO=1', 'FOO'],
  ['FREQ=HOURLY;COUNT=2', 'FREQ'],
  ['COUNT=2', 'FREQ'],
  ['FREQ=WEEKLY;COUNT=2;UNTIL=', 'UNTIL'],
]

test('invalid recurrence rules are a 400 naming the part, and nothing is stored', async () => {
  const w = await world(t)
  const personId = await w.person()
  for (const [rule, part] of INVALID) {
    const res = await series(w, personId, rule)
    assert.equal(res.statusCode, 400, `${rule}: ${res.body}`)
    assert.match(res.headers['content-type'] as string, /^application\/problem\+json/)
    const p = res.json()
    assert.equal(p.errors[0].pointer, '/body/rrule', rule)
    assert.ok(p.errors[0].detail.startsWith(`${part}:`), `${rule}: ${p.errors[0].detail}`)
    assert.ok(p.detail.includes(part), `${rule}: ${p.detail}`)
  }
  assert.equal(await stored(w), 0)
})

test('a multi-line rule with EXDATE is refused with a message about EXDATE, not DTSTART', async () => {
  const w = await world(t)
  const personId = await w.person()
  const res = await series(w, personId, 'RRULE:FREQ=WEEKLY;COUNT=3\nEXDATE:20300101T100000Z')
  assert.equal(res.statusCode, 400, res.body)
  assert.match(res.json().detail, /EXDATE/)
  assert.doesNotMatch(res.json().detail, /DTSTART|TZID/)
  assert.match(res.json().errors[0].detail, /^EXDATE:/)
  const dtstart = await series(w, personId, 'DTSTART:20300101T100000Z\nRRULE:FREQ=WEEKLY;COUNT=3')
  assert.equal(dtstart.statusCode, 400)
  assert.match(dtstart.json().detail, /DTSTART/)
})

test('a rule beyond maxOccurrences or the horizon is a 422 with how many it would make and the limit', async () => {
  const w = await world(t, { config: { maxOccurrences: 10 }, roomRules: { maxDaysAhead: 60 } })
  const personId = await w.person()
  const start = nextMonday()
  const count = await series(w, personId, 'FREQ=DAILY;COUNT=12', start)
  assert.equal(count.statusCode, 422, count.body)
  assert.deepEqual([count.json().occurrences, count.json().limit], [12, 10])
  const until = new Date(start.getTime() + 11 * DAY + 3_600_000).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
  const byUntil = await series(w, personId, `FREQ=DAILY;UNTIL=${until}`, start)
  assert.equal(byUntil.statusCode, 422, byUntil.body)
  assert.deepEqual([byUntil.json().occurrences, byUntil.json().limit], [12, 10])
  const far = await series(w, personId, 'FREQ=MONTHLY;COUNT=4', start)
  assert.equal(far.statusCode, 422, far.body)
  assert.equal(far.json().occurrences, 4)
  assert.ok(far.json().beyondHorizon >= 1, far.body)
  assert.equal(far.json().maxDaysAhead, 60)
  const endless = await series(w, personId, 'FREQ=WEEKLY', start)
  assert.equal(endless.statusCode, 422, endless.body)
  assert.match(endless.json().detail, /COUNT or UNTIL/)
  assert.equal(await stored(w), 0, 'nothing stored, nothing cut short')
  const ok = await series(w, personId, 'FREQ=DAILY;COUNT=10', start)
  assert.equal(ok.statusCode, 201, ok.body)
  assert.equal(ok.json().bookings.length, 10)
})

test('startsAt is the first occurrence even when the rule would not produce it, and counts towards COUNT', async () => {
  const w = await world(t)
  const personId = await w.person()
  const monday = nextMonday()
  const res = await series(w, personId, 'FREQ=WEEKLY;BYDAY=TU;COUNT=3', monday)
  assert.equal(res.statusCode, 201, res.body)
  const starts = res.json().bookings.map((b: { startsAt: string }) => b.startsAt)
  // each at the Monday's wall time in London (the location's zone): when the clocks change in between, the third is an hour off in UTC
  assert.deepEqual(starts, await Promise.all([0, 1, 8].map((d) => sameWallTime(monday, d))))
  assert.equal(res.json().rrule, 'FREQ=WEEKLY;BYDAY=TU;COUNT=3')
})
