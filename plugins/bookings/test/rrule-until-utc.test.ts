/**
 * RRULE local times follow RFC 5545: UNTIL is a UTC instant compared with each occurrence's instant (New York and
 * Sydney, where comparing with the local wall time gave one occurrence too many and one too few); a local time that
 * occurs twice on the autumn change day names its first occurrence (§3.3.5), and one skipped on the spring change day
 * is shifted forward by the gap.
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
const HOUR = 3_600_000
const wall = (at: Date, tz: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at)
/** The instant of local `date` + `time` in `tz` (the first one, when it occurs twice). */
function localInstant(date: string, time: string, tz: string): Date {
  for (let h = -14; h <= 14; h++) {
    const at = new Date(Date.parse(`${date}T${time}:00Z`) - h * HOUR)
    if (wall(at, tz) === `${date} ${time}`) return at
  }
  throw new Error(`${date} ${time} does not occur in ${tz}`)
}
const dateAhead = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10)
const utcStamp = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
const series = (w: World, personId: string, start: Date, rrule: string) => w.call('POST', '/bookings/series', {
  resourceId: w.roomId, personId, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + HOUR).toISOString(), rrule,
})

test('UNTIL is compared in UTC: New York gets no extra occurrence, Sydney does not lose one', async () => {
  // daily at 10:00 local from a date 10 days ahead; UNTIL on the fourth day at 12:00Z
  const first = dateAhead(10)
  const fourth = new Date(Date.parse(first) + 3 * DAY).toISOString().slice(0, 10)
  const until = `${fourth.replace(/-/g, '')}T120000Z`

  const ny = await world(t, { timezone: 'America/New_York' })
  // 10:00 in New York is 14:00Z or 15:00Z: the fourth day's occurrence is after 12:00Z, so three occurrences
  const a = await series(ny, await ny.person(), localInstant(first, '10:00', 'America/New_York'), `FREQ=DAILY;UNTIL=${until}`)
  assert.equal(a.statusCode, 201, a.body)
  assert.equal(a.json().bookings.length, 3)
  assert.ok(a.json().bookings.every((b: { startsAt: string }) => Date.parse(b.startsAt) <= Date.parse(`${fourth}T12:00:00Z`)))

  const syd = await world(t, { timezone: 'Australia/Sydney' })
  // 10:00 in Sydney is 23:00Z or 00:00Z (the day before or the same UTC date): the fourth day's is before 12:00Z, so four
  const b = await series(syd, await syd.person(), localInstant(first, '10:00', 'Australia/Sydney'), `FREQ=DAILY;UNTIL=${until}`)
  assert.equal(b.statusCode, 201, b.body)
  assert.equal(b.json().bookings.length, 4)
  assert.equal(wall(new Date(b.json().bookings[3].startsAt), 'Australia/Sydney'), `${fourth} 10:00`)
})

test('UNTIL equal to an occurrence keeps it (the last instance); UNTIL before startsAt is a 400', async () => {
  const w = await world(t, { timezone: 'America/New_York' })
  const personId = await w.person()
  const start = localInstant(dateAhead(10), '10:00', 'America/New_York')
  const last = new Date(start.getTime() + 2 * DAY)
  const res = await series(w, personId, start, `FREQ=DAILY;UNTIL=${utcStamp(localInstant(new Date(last).toISOString().slice(0, 10), '10:00', 'America/New_York'))}`)
  assert.equal(res.statusCode, 201, res.body)
  assert.equal(res.json().bookings.length, 3)
  const before = await series(w, personId, new Date(start.getTime() + 7 * DAY), `FREQ=DAILY;UNTIL=${utcStamp(start)}`)
  assert.equal(before.statusCode, 400, before.body)
  assert.match(before.json().errors[0].detail, /^UNTIL:/)
})

/** The next first Sunday of November / second Sunday of March (US changes) at least 9 days ahead. */
function usChangeDay(month: 2 | 10): string {
  for (let y = new Date().getUTCFullYear(); ; y++) {
    const d = new Date(Date.UTC(y, month, 1))
    while (d.getUTCDay() !== 0) d.setUTCDate(d.getUTCDate() + 1)
    if (month === 2) d.setUTCDate(d.getUTCDate() + 7)
    if (d.getTime() > Date.now() + 9 * DAY) return d.toISOString().slice(0, 10)
  }
}

test('01:30 on the autumn change day in New York is its first occurrence (EDT), 02:30 on the spring day is 03:30 EDT', async () => {
  const w = await world(t, { timezone: 'America/New_York' })
  const personId = await w.person()
  const autumn = usChangeDay(10)
  const weekBefore = new Date(Date.parse(autumn) - 7 * DAY).toISOString().slice(0, 10)
  const a = await series(w, personId, localInstant(weekBefore, '01:30', 'America/New_York'), 'FREQ=WEEKLY;COUNT=2')
  assert.equal(a.statusCode, 201, a.body)
  assert.equal(a.json().bookings[1].startsAt, `${autumn}T05:30:00.000Z`, '01:30 EDT (UTC-4), the first of the two 01:30s')

  const spring = usChangeDay(2)
  const before = new Date(Date.parse(spring) - 7 * DAY).toISOString().slice(0, 10)
  const s = await series(w, personId, localInstant(before, '02:30', 'America/New_York'), 'FREQ=WEEKLY;COUNT=2')
  assert.equal(s.statusCode, 201, s.body)
  assert.equal(s.json().bookings[1].startsAt, `${spring}T07:30:00.000Z`, '02:30 does not exist: read with EST, i.e. 03:30 EDT')
})
