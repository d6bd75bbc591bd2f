/**
 * Report charts' y-axis (`value-axis.ts`): counts get whole-number ticks (`precision: 0`), fractional numbers,
 * percentages and money keep Chart.js's steps and their own wording.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isCount, valueAxisOptions } from './value-axis.ts'
import { figureFormatter } from './report-data.ts'

const series = (...data: Array<number | null>) => [{ label: 'Bookings', data }]

test('counts (no format or number, whole figures) get integer ticks', () => {
  const format = figureFormatter(undefined, undefined, 'en-GB')
  const axis = valueAxisOptions(undefined, series(0, 1, null, 2), format)
  assert.equal(axis.ticks.precision, 0)
  assert.equal(axis.beginAtZero, true)
  assert.equal(axis.ticks.callback(2), '2')
  assert.equal(valueAxisOptions('number', [...series(1), { label: 'No-shows', data: [0, 3] }], format).ticks.precision, 0)
  // a single booking: the axis still steps 0, 1 (Chart.js would otherwise draw 0, 0.1 … 1)
  assert.equal(valueAxisOptions(undefined, series(1), format).ticks.precision, 0)
})

test('fractional numbers keep their steps; percentages and money keep steps and wording', () => {
  const number = figureFormatter('number', undefined, 'en-GB')
  assert.equal(valueAxisOptions('number', series(0.5, 1.25), number).ticks.precision, undefined)
  const percent = valueAxisOptions('percent', series(0, 1), figureFormatter('percent', undefined, 'en-GB'))
  assert.equal(percent.ticks.precision, undefined, 'a rate of whole numbers (0 and 100 %) is not a count')
  assert.equal(percent.ticks.callback(0.5), '50%')
  const money = valueAxisOptions('money', series(1250, 3000), figureFormatter('money', 'GBP', 'en-GB'))
  assert.equal(money.ticks.precision, undefined)
  assert.equal(money.ticks.callback(1250), '£12.50')
  assert.equal(isCount('money', series(1)), false)
  assert.equal(isCount(undefined, series(null, null)), true, 'no figures at all: still counts (the card shows its empty state)')
})
