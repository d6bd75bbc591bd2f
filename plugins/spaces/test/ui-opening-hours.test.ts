/**
 * The location form's text forms of opening hours and closures (`ui/opening-hours.ts`), without a browser.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { formatClosures, formatDayInput, parseClosures, parseDay } from '../ui/opening-hours.ts'

test('a day: intervals, shorthand, closed, and clear errors', () => {
  assert.deepEqual(parseDay('08:00-18:00'), [{ from: '08:00', to: '18:00' }])
  assert.deepEqual(parseDay('8:00–12:30, 1330-2400'), [{ from: '08:00', to: '12:30' }, { from: '13:30', to: '24:00' }])
  assert.deepEqual(parseDay('  '), [])
  assert.match(parseDay('7-18') as string, /Write times like 08:00-18:00/)
  assert.match(parseDay('18:00-08:00') as string, /end must be after the start/)
  assert.match(parseDay('08:00-12:00, 11:00-13:00') as string, /not overlap/)
  assert.match(parseDay('08:00-25:00') as string, /not a time of day/)
  assert.equal(formatDayInput([{ from: '08:00', to: '12:00' }, { from: '13:00', to: '18:00' }]), '08:00-12:00, 13:00-18:00')
  assert.equal(formatDayInput(undefined), '')
})

test('closures: single days, ranges, reasons, sorted, and the line that is wrong', () => {
  assert.deepEqual(parseClosures('2030-12-24 to 2030-12-26 Christmas\n\n2030-05-01 May Day\n2030-08-26'), [
    { from: '2030-05-01', to: '2030-05-01', reason: 'May Day' },
    { from: '2030-08-26', to: '2030-08-26' },
    { from: '2030-12-24', to: '2030-12-26', reason: 'Christmas' },
  ])
  assert.deepEqual(parseClosures('2030-12-31 to 2030-12-30'), { error: 'Line 1: the last day is before the first.', line: 1 })
  assert.equal((parseClosures('2030-01-01\nnext tuesday') as { line: number }).line, 2)
  const text = '2030-05-01 May Day\n2030-12-24 to 2030-12-26 Christmas'
  assert.equal(formatClosures(parseClosures(text) as never), text)
})
