/**
 * The week calendar's pure helpers (`ui/time.ts`): Monday–Sunday weeks, the rows spanning a week's opening hours,
 * and each day's rows as instants — across a DST change (the London week of 2026-03-29, New York's 2026-03-08),
 * without a browser.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { boundaryAt, shortDate, slotOpen, slotRows, slotStarts, timeOf, wallTimeExists, weekDates, weekLabel, weekStart } from '../ui/time.ts'

const iso = (ms: number) => new Date(ms).toISOString()

test('weeks run Monday to Sunday, across months and years', () => {
  assert.equal(weekStart('2026-03-23'), '2026-03-23') // a Monday
  assert.equal(weekStart('2026-03-29'), '2026-03-23') // a Sunday belongs to the week before it
  assert.equal(weekStart('2026-04-01'), '2026-03-30')
  assert.equal(weekStart('2027-01-01'), '2026-12-28')
  assert.deepEqual(weekDates('2026-03-25'), ['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29'])
  assert.deepEqual(weekDates('2027-01-03').slice(3), ['2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03'])
  assert.equal(weekLabel('2026-03-29'), '23–29 March 2026')
  assert.equal(weekLabel('2026-04-01'), '30 March – 5 April 2026')
  assert.equal(weekLabel('2026-12-31'), '28 December 2026 – 3 January 2027')
  assert.equal(shortDate('2026-03-29'), 'Sun 29 Mar')
})

test('rows span the union of a week\'s opening hours, rounded down to a slot', () => {
  const week = [{ from: '08:00', to: '18:00' }, { from: '09:15', to: '12:00' }, { from: '13:00', to: '20:00' }]
  const starts = slotStarts(week)
  assert.equal(starts.length, 24)
  assert.equal(timeOf(starts[0]), '08:00')
  assert.equal(timeOf(starts.at(-1)!), '19:30')
  assert.deepEqual(slotStarts([{ from: '07:45', to: '09:00' }]).map(timeOf), ['07:30', '08:00', '08:30'])
  assert.equal(slotStarts([{ from: '00:00', to: '24:00' }]).length, 48)
  assert.deepEqual(slotStarts([]), [])
  // A slot is open only when it lies wholly inside one interval.
  const tuesday = [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '17:00' }]
  assert.equal(slotOpen(tuesday, 9 * 60), true)
  assert.equal(slotOpen(tuesday, 11 * 60 + 30), true)
  assert.equal(slotOpen(tuesday, 12 * 60), false)
  assert.equal(slotOpen(tuesday, 8 * 60 + 30), false)
  assert.equal(slotOpen([{ from: '09:15', to: '10:00' }], 9 * 60), false)
})

test('the London week of 2026-03-29: Sunday has no 01:00–02:00, the other days have every row', () => {
  const tz = 'Europe/London'
  const dates = weekDates('2026-03-29')
  const starts = slotStarts([{ from: '00:00', to: '04:00' }])
  const days = dates.map((d) => slotRows(d, starts, tz))
  // Monday to Saturday are GMT: 00:00 local is 00:00Z, every row 30 minutes.
  for (const rows of days.slice(0, 6)) {
    assert.ok(rows.every((r) => r.exists && r.endsAt - r.startsAt === 30 * 60_000))
  }
  assert.equal(iso(days[5][0].startsAt), '2026-03-28T00:00:00.000Z')
  // Sunday: the clocks go from 01:00 GMT to 02:00 BST, so 01:00 and 01:30 do not exist and are empty rows at the change.
  const sunday = days[6]
  assert.deepEqual(sunday.map((r) => r.exists), [true, true, false, false, true, true, true, true])
  assert.deepEqual(sunday.map((r) => `${r.time} ${iso(r.startsAt).slice(11, 16)}–${iso(r.endsAt).slice(11, 16)}`), [
    '00:00 00:00–00:30', '00:30 00:30–01:00', '01:00 01:00–01:00', '01:30 01:00–01:00',
    '02:00 01:00–01:30', '02:30 01:30–02:00', '03:00 02:00–02:30', '03:30 02:30–03:00',
  ])
  assert.equal(wallTimeExists('2026-03-29', '01:30', tz), false)
  assert.equal(wallTimeExists('2026-03-29', '02:00', tz), true)
  assert.equal(wallTimeExists('2026-03-28', '01:30', tz), true)
  // Opening hours 08:00–18:00 stay 08:00 local all week: 08:00Z on Saturday, 07:00Z on Sunday.
  const open = dates.map((d) => slotRows(d, slotStarts([{ from: '08:00', to: '18:00' }]), tz))
  assert.equal(iso(open[5][0].startsAt), '2026-03-28T08:00:00.000Z')
  assert.equal(iso(open[6][0].startsAt), '2026-03-29T07:00:00.000Z')
  assert.equal(iso(open[6].at(-1)!.endsAt), '2026-03-29T17:00:00.000Z')
  // The week's range for fetching bookings: Monday 00:00 GMT to the next Monday 00:00 BST, an hour short of 7 × 24.
  const from = boundaryAt(dates[0], 0, tz)
  const to = boundaryAt(dates[6], 24 * 60, tz)
  assert.equal(iso(from), '2026-03-23T00:00:00.000Z')
  assert.equal(iso(to), '2026-03-29T23:00:00.000Z')
  assert.equal((to - from) / 3_600_000, 7 * 24 - 1)
})

test('a skipped wall time maps to the moment of the change, also west of UTC (New York, 2026-03-08)', () => {
  const tz = 'America/New_York'
  const rows = slotRows('2026-03-08', slotStarts([{ from: '01:00', to: '04:00' }]), tz)
  assert.deepEqual(rows.map((r) => `${r.time} ${r.exists ? '' : 'gap '}${iso(r.startsAt).slice(11, 16)}–${iso(r.endsAt).slice(11, 16)}`), [
    '01:00 06:00–06:30', '01:30 06:30–07:00', '02:00 gap 07:00–07:00', '02:30 gap 07:00–07:00', '03:00 07:00–07:30', '03:30 07:30–08:00',
  ])
  // A row ending on a skipped time ends at the change too.
  assert.equal(iso(boundaryAt('2026-03-08', 2 * 60, tz)), '2026-03-08T07:00:00.000Z')
})
