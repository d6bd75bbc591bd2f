/**
 * "1 seat" (issue 14 item 9): the calendar's column headers and the finder's free places name a count in the right
 * number — 1 seat, 4 seats, 1 desk — through one helper.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { countOf } from '../ui/labels.ts'

test('a count of one is singular, any other plural', () => {
  assert.equal(countOf(1, 'seat'), '1 seat')
  assert.equal(countOf(4, 'seat'), '4 seats')
  assert.equal(countOf(0, 'desk'), '0 desks')
  assert.equal(countOf(1, 'person', 'people'), '1 person')
  for (const file of ['bookings-calendar.ts', 'bookings-finder.ts']) {
    const source = readFileSync(join(import.meta.dirname, '..', 'ui', file), 'utf8')
    assert.doesNotMatch(source, /\} (seats|desks)`/, `${file} spells counts with countOf`)
  }
})
