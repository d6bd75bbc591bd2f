/**
 * Local days in a timezone (`src/domain/local-day.ts`): the local date of an instant, and a day's range of instants,
 * including the 23- and 25-hour days of a DST change.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { dayRange, localDate } from '../src/domain/local-day.ts'

test('the local date of an instant follows the timezone', () => {
  assert.equal(localDate(new Date('2026-06-30T23:30:00Z'), 'Europe/London'), '2026-07-01')
  assert.equal(localDate(new Date('2026-06-30T23:30:00Z'), 'UTC'), '2026-06-30')
  assert.equal(localDate(new Date('2026-01-01T03:00:00Z'), 'America/New_York'), '2025-12-31')
})

test('a day\'s range starts and ends at local midnight, 23 or 25 hours across DST', () => {
  const hours = (r: { start: Date; end: Date }) => (r.end.getTime() - r.start.getTime()) / 3_600_000
  assert.deepEqual(dayRange('2026-07-01', 'Europe/London'), { start: new Date('2026-06-30T23:00:00Z'), end: new Date('2026-07-01T23:00:00Z') })
  assert.deepEqual(dayRange('2026-01-15', 'UTC'), { start: new Date('2026-01-15T00:00:00Z'), end: new Date('2026-01-16T00:00:00Z') })
  const spring = dayRange('2026-03-29', 'Europe/London')
  assert.equal(spring.start.toISOString(), '2026-03-29T00:00:00.000Z')
  assert.equal(hours(spring), 23)
  const autumn = dayRange('2026-10-25', 'Europe/London')
  assert.equal(autumn.start.toISOString(), '2026-10-24T23:00:00.000Z')
  assert.equal(hours(autumn), 25)
  assert.equal(dayRange('2026-12-31', 'Pacific/Auckland').end.toISOString(), '2026-12-31T11:00:00.000Z')
})
