/**
 * The resource list's price column (`ui/types.ts` `formatPrices`) shows every price unit a resource has, so a hot desk
 * priced per day reads "25.00 EUR / day" instead of "—"; "—" only for a resource with no price at all.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { formatPrices } from '../ui/spaces-format.ts'

test('the price column shows per-day, per-hour and credit prices; "—" only when free', () => {
  assert.equal(formatPrices({ perDay: 2500, currency: 'EUR' }), '25.00 EUR / day')
  assert.equal(formatPrices({ perHour: 4500, creditsPerHour: 3 }), '45.00 / h · 3 credits / h')
  assert.equal(formatPrices({ perHour: 2500, perDay: 15000, creditsPerHour: 1, currency: 'EUR' }), '25.00 EUR / h · 150.00 EUR / day · 1 credit / h')
  assert.equal(formatPrices({}), '—')
  assert.equal(formatPrices({ perHour: null, perDay: null }), '—')
})
