/**
 * The calendar's wall-clock helpers (`ui/time.ts`): local date/time ↔ instant in a location's timezone with `Intl`,
 * across DST changes, without a browser.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { addDays, formatRange, localDate, localTime, weekdayOf, zonedInstant } from '../ui/time.ts'

test('local wall times become the right instants, in summer and winter', () => {
  assert.equal(zonedInstant('2030-01-15', '08:00', 'Europe/London').toISOString(), '2030-01-15T08:00:00.000Z')
  assert.equal(zonedInstant('2030-07-15', '08:00', 'Europe/London').toISOString(), '2030-07-15T07:00:00.000Z')
  assert.equal(zonedInstant('2030-07-15', '09:30', 'America/New_York').toISOString(), '2030-07-15T13:30:00.000Z')
  assert.equal(zonedInstant('2030-07-15', '00:00', 'Asia/Kolkata').toISOString(), '2030-07-14T18:30:00.000Z')
  assert.equal(zonedInstant('2030-07-15', '24:00', 'UTC').toISOString(), '2030-07-16T00:00:00.000Z')
})

test('the days DST changes: 23 and 25 hours long in London', () => {
  // 2030: clocks go forward on 31 March and back on 27 October.
  const span = (d: string) => (zonedInstant(addDays(d, 1), '00:00', 'Europe/London').getTime() - zonedInstant(d, '00:00', 'Europe/London').getTime()) / 3_600_000
  assert.equal(span('2030-03-31'), 23)
  assert.equal(span('2030-10-27'), 25)
  assert.equal(zonedInstant('2030-03-31', '03:00', 'Europe/London').toISOString(), '2030-03-31T02:00:00.000Z')
  assert.equal(zonedInstant('2030-10-27', '03:00', 'Europe/London').toISOString(), '2030-10-27T03:00:00.000Z')
})

test('instants shown in the location\'s local time', () => {
  assert.equal(localDate('2030-07-14T23:30:00Z', 'Europe/Berlin'), '2030-07-15')
  assert.equal(localTime('2030-07-14T23:30:00Z', 'Europe/Berlin'), '01:30')
  assert.equal(localTime('2030-01-01T00:00:00Z', 'UTC'), '00:00')
  assert.equal(formatRange('2030-07-15T08:00:00Z', '2030-07-15T09:30:00Z', 'Europe/London'), 'Mon 15 Jul, 09:00–10:30')
  assert.equal(weekdayOf('2030-07-15'), 'mon')
  assert.equal(addDays('2030-02-28', 1), '2030-03-01')
  assert.equal(addDays('2030-01-01', -1), '2029-12-31')
})
