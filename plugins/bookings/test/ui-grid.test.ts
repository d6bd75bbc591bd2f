/**
 * The calendar's pure helpers: where a new booking must end (the next booking with no seat left, a closed row, or the
 * closing time — what the book dialog's lengths stop at), where "now" falls on a column's rows (the current-time
 * line), and how a price and a price difference read (billing's quote, before booking and before a change).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { bookableUntil, nowPoint } from '../ui/calendar-grid.ts'
import { costText, differenceText, quoteText } from '../ui/price-quote.ts'

const HALF = 30 * 60_000
const rows = Array.from({ length: 8 }, (_, i) => ({ startsAt: i * HALF, endsAt: (i + 1) * HALF, open: i !== 6 }))

test('the lengths offered stop at the next full row, a closed row, or closing time', () => {
  assert.equal(bookableUntil(rows, 0, (i) => i === 3, 99 * HALF), 3 * HALF, 'the next booking (row 3 full) ends it')
  assert.equal(bookableUntil(rows, 4, () => false, 99 * HALF), 6 * HALF, 'row 6 is closed')
  assert.equal(bookableUntil(rows, 0, () => false, 5 * HALF), 5 * HALF, 'closing comes first')
  assert.equal(bookableUntil(rows, 7, () => false, 8 * HALF), 8 * HALF, 'the last row runs to closing')
})

test('the current-time line sits in its row at the right fraction; off the rows there is none', () => {
  assert.deepEqual(nowPoint(rows, 2 * HALF + HALF / 4), { row: 2, frac: 0.25 })
  assert.deepEqual(nowPoint(rows, 0), { row: 0, frac: 0 })
  assert.equal(nowPoint(rows, 8 * HALF), null)
  assert.equal(nowPoint(rows, -1), null)
})

test('prices read as credits and money, and a change says what it costs more or less', () => {
  const quote = { currency: 'GBP', minutes: 120, creditsNeeded: 4, creditsAvailable: 3, creditsUsed: 3, fullAmount: 6000, amount: 1500, previous: null }
  assert.equal(costText(0, 0, 'GBP'), 'Free')
  assert.equal(quoteText(quote), 'Costs 3 credits + £15.00 (3 credits available).')
  assert.equal(quoteText({ ...quote, creditsNeeded: 0, creditsUsed: 0, amount: 3750 }), 'Costs £37.50.')
  assert.equal(differenceText({ ...quote, previous: { creditsUsed: 3, amount: 1500 } }), 'The price stays 3 credits + £15.00.')
  assert.equal(differenceText({ ...quote, amount: 4500, previous: { creditsUsed: 3, amount: 1500 } }), '£30.00 more: 3 credits + £45.00 instead of 3 credits + £15.00.')
  assert.equal(differenceText({ ...quote, creditsUsed: 1, amount: 0, previous: { creditsUsed: 3, amount: 1500 } }), '2 credits back and £15.00 less: 1 credit instead of 3 credits + £15.00.')
  assert.equal(differenceText(quote), 'Costs 3 credits + £15.00.', 'not charged yet: the price itself')
})
