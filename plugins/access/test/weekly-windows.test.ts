/**
 * Weekly access windows → UTC intervals, in the location's timezone, across DST changes (no kernel needed).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { expandSchedule, scheduleAllows, scheduleProblems, zonedToUtc } from '../src/domain/weekly-windows.ts'

const iso = (ms: number) => new Date(ms).toISOString()

test('local times convert to UTC on both sides of a DST change', () => {
  // Europe/Amsterdam: CET (+01:00) until 2026-03-29 02:00, CEST (+02:00) after
  assert.equal(iso(zonedToUtc('Europe/Amsterdam', 2026, 3, 28, 8, 0)), '2026-03-28T07:00:00.000Z')
  assert.equal(iso(zonedToUtc('Europe/Amsterdam', 2026, 3, 30, 8, 0)), '2026-03-30T06:00:00.000Z')
  assert.equal(iso(zonedToUtc('America/New_York', 2026, 11, 1, 12, 0)), '2026-11-01T17:00:00.000Z')
  assert.equal(iso(zonedToUtc('UTC', 2026, 1, 1, 24, 0)), '2026-01-02T00:00:00.000Z')
})

test('a weekday schedule expands to 08:00–18:00 local every weekday, merged over midnight', () => {
  const weekdays = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from: '08:00', to: '18:00' }]]))
  const start = Date.parse('2026-03-27T00:00:00Z') // Friday
  const list = expandSchedule(weekdays, 'Europe/Amsterdam', start, start + 4 * 86_400_000)
  assert.deepEqual(list.map((i) => [iso(i.from), iso(i.to)]), [
    ['2026-03-27T07:00:00.000Z', '2026-03-27T17:00:00.000Z'],
    ['2026-03-30T06:00:00.000Z', '2026-03-30T16:00:00.000Z'],
  ])
  const night = { fri: [{ from: '20:00', to: '24:00' }], sat: [{ from: '00:00', to: '06:00' }] }
  const merged = expandSchedule(night, 'UTC', start, start + 2 * 86_400_000)
  assert.deepEqual(merged.map((i) => [iso(i.from), iso(i.to)]), [['2026-03-27T20:00:00.000Z', '2026-03-28T06:00:00.000Z']])
})

test('scheduleAllows and validation', () => {
  const s = { mon: [{ from: '09:00', to: '17:00' }] }
  assert.equal(scheduleAllows(s, 'Asia/Tokyo', Date.parse('2026-03-30T01:00:00Z')), true) // Mon 10:00 in Tokyo
  assert.equal(scheduleAllows(s, 'Asia/Tokyo', Date.parse('2026-03-30T09:00:00Z')), false) // Mon 18:00 in Tokyo
  assert.deepEqual(scheduleProblems({ tue: [{ from: '10:00', to: '09:00' }] }).map((p) => p.pointer), ['/body/schedule/tue/0'])
  assert.deepEqual(scheduleProblems({ tue: [{ from: '08:00', to: '12:00' }, { from: '11:00', to: '13:00' }] }).map((p) => p.pointer), ['/body/schedule/tue/1'])
})
