/**
 * Acceptance: proration by the documented rule — `round_half_even(monthlyPrice × coveredDays / daysInMonth)` — for
 * starts and ends mid-month, upgrades and downgrades mid-period, in 28/29/30/31-day months, to the cent: first as a
 * table against the pure function, then end to end through the API (charges, invoice run, credit notes).
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { prorate, daysInMonth } from '../src/domain/proration.ts'
import { lineAmounts, divRoundHalfEven } from '@tessera/plugin-billing/contract'
import { boot, world } from './helpers.ts'
import type { TestKernel } from './helpers.ts'

// [case, monthly price, period, startsOn, endsOn, covered days, days in month, amount]
const TABLE: [string, number, string, string, string | null, number, number, number][] = [
  ['full 31-day month', 30000, '2026-01', '2025-12-01', null, 31, 31, 30000],
  ['start mid-month (31 days)', 30000, '2026-01', '2026-01-16', null, 16, 31, 15484], // 30000×16/31 = 15483.87
  ['end mid-month (31 days)', 30000, '2026-01', '2025-11-01', '2026-01-15', 15, 31, 14516], // 14516.13
  ['start mid-month, 28-day February', 30000, '2026-02', '2026-02-15', null, 14, 28, 15000],
  ['one day of February (28)', 30000, '2026-02', '2026-02-28', null, 1, 28, 1071], // 1071.43
  ['one day of leap February (29)', 30000, '2028-02', '2028-02-29', null, 1, 29, 1034], // 1034.48
  ['start mid-month, leap February', 29000, '2028-02', '2028-02-15', null, 15, 29, 15000],
  ['start mid-month (30 days)', 30000, '2026-04', '2026-04-11', null, 20, 30, 20000],
  ['end mid-month (30 days)', 9999, '2026-06', '2026-01-01', '2026-06-10', 10, 30, 3333], // 3333.0
  ['start and end inside one month', 31000, '2026-03', '2026-03-10', '2026-03-20', 11, 31, 11000],
  ['upgrade on the 16th: old plan 1st–15th', 20000, '2026-03', '2026-01-01', '2026-03-15', 15, 31, 9677], // 9677.42
  ['upgrade on the 16th: new plan 16th–31st', 40000, '2026-03', '2026-03-16', null, 16, 31, 20645], // 20645.16
  ['downgrade on the 11th of April: old 1st–10th', 40000, '2026-04', '2026-02-01', '2026-04-10', 10, 30, 13333], // 13333.33
  ['downgrade on the 11th of April: new 11th–30th', 20000, '2026-04', '2026-04-11', null, 20, 30, 13333], // 13333.33
  ['half-even: exact half rounds to even (down)', 5, '2026-04', '2026-04-16', null, 15, 30, 2], // 2.5 → 2
  ['half-even: exact half rounds to even (up)', 7, '2026-04', '2026-04-16', null, 15, 30, 4], // 3.5 → 4
  ['outside the period', 30000, '2026-05', '2026-06-01', null, 0, 31, 0],
]

test('proration table (pure rule)', () => {
  for (const [name, price, period, from, to, days, dim, amount] of TABLE) {
    assert.equal(daysInMonth(period), dim, name)
    assert.deepEqual(prorate(price, period, from, to), { days, daysInPeriod: dim, amount }, name)
  }
})

test('tax per line, rounded half-even, exclusive and inclusive', () => {
  assert.deepEqual(lineAmounts(1, 1000, 2000, false), { net: 1000, tax: 200, gross: 1200 })
  assert.deepEqual(lineAmounts(1, 1025, 2000, false), { net: 1025, tax: 205, gross: 1230 })
  assert.deepEqual(lineAmounts(1, 1250, 700, false), { net: 1250, tax: 88, gross: 1338 }) // 87.5 → 88 (even)
  assert.deepEqual(lineAmounts(1, 1050, 700, false), { net: 1050, tax: 74, gross: 1124 }) // 73.5 → 74
  assert.deepEqual(lineAmounts(1, 150, 1000, false), { net: 150, tax: 15, gross: 165 })
  assert.deepEqual(lineAmounts(1, 25, 1000, false), { net: 25, tax: 2, gross: 27 }) // 2.5 → 2
  assert.deepEqual(lineAmounts(3, 1000, 2000, true), { net: 2500, tax: 500, gross: 3000 })
  assert.deepEqual(lineAmounts(1, 999, 2000, true), { net: 832, tax: 167, gross: 999 }) // 832.5 → 832
  assert.equal(divRoundHalfEven(-5, 2), -2)
})

let t: TestKernel
before(async () => { t = await boot() })
after(() => t.close())

test('end to end: start mid-month, upgrade mid-period after invoicing, end mid-month — amounts to the cent', async () => {
  const w = await world(t, { currency: 'GBP' })
  const basic = await w.plan({ monthlyPrice: 20000, includedCredits: 10 })
  const pro = await w.plan({ monthlyPrice: 40000, includedCredits: 20 })
  const alice = await w.person('Alice')
  // starts 16 January: 16/31 of 200.00 = 103.23 (10320.06... → 10323)
  const m1 = await w.ok('POST', '/billing/memberships', { payerType: 'person', payerId: alice, planId: basic.id, startsOn: '2026-01-16' })
  const jan = await w.ok('POST', '/billing/invoice-runs', { period: '2026-01' })
  assert.equal(jan.invoices.length, 1)
  const inv1 = await w.ok('GET', `/billing/invoices/${jan.invoices[0]}`)
  assert.equal(inv1.total, 10323)
  assert.equal(inv1.currency, 'GBP')
  assert.equal(inv1.status, 'issued')
  assert.equal(inv1.number, 'INV-000001')
  // March invoiced in full in advance, then upgraded on 16 March
  await w.ok('POST', '/billing/invoice-runs', { period: '2026-02' })
  const mar = await w.ok('POST', '/billing/invoice-runs', { period: '2026-03' })
  const inv3 = await w.ok('GET', `/billing/invoices/${mar.invoices[0]}`)
  assert.equal(inv3.total, 20000)
  const m2 = await w.ok('POST', `/billing/memberships/${m1.id}/change-plan`, { planId: pro.id, effectiveOn: '2026-03-16' })
  assert.equal(m2.startsOn, '2026-03-16')
  assert.equal((await w.ok('GET', `/billing/memberships/${m1.id}`)).endsOn, '2026-03-15')
  // the old plan's unused 16 days come back as a credit note: 20000 − round(20000×15/31 = 9677.42) = 10323
  const credit = await w.ok('GET', `/billing/invoices?kind=credit_note&payerId=${alice}`)
  assert.equal(credit.items.length, 1)
  assert.equal(credit.items[0].total, 10323)
  assert.equal(credit.items[0].number, 'CN-000001')
  assert.equal((await w.ok('GET', `/billing/invoices/${inv3.id}`)).amountDue, 9677)
  // the new plan's 16 days: round(40000×16/31 = 20645.16) = 20645, billed with April
  const apr = await w.ok('POST', '/billing/invoice-runs', { period: '2026-04' })
  const inv4 = await w.ok('GET', `/billing/invoices/${apr.invoices[0]}`)
  assert.deepEqual(inv4.lines.map((l: any) => l.gross), [20645, 40000])
  // ends 10 June (30-day month) after June was invoiced: 40000 − round(40000×10/30 = 13333.33) = 26667 credited
  await w.ok('POST', '/billing/invoice-runs', { period: '2026-05' })
  await w.ok('POST', '/billing/invoice-runs', { period: '2026-06' })
  await w.ok('POST', `/billing/memberships/${m2.id}/end`, { endsOn: '2026-06-10' })
  const credits = await w.ok('GET', `/billing/invoices?kind=credit_note&payerId=${alice}`)
  assert.deepEqual(credits.items.map((c: any) => c.total).sort(), [10323, 26667])
  // nothing is billed for July
  assert.deepEqual((await w.ok('POST', '/billing/invoice-runs', { period: '2026-07' })).invoices, [])
  // credits (topped up in advance, never taken back): 10 × 16/31 = 5.16 → 5 (Jan), 10 (Feb), 10 (Mar, old plan, before
  // the change) + 20 × 16/31 = 10.32 → 10 (Mar, new plan), 20 (Apr), 20 (May), 20 (Jun, before the end)
  const wallet = await w.ok('GET', `/billing/wallets/person/${alice}`)
  assert.equal(wallet.balance, 5 + 10 + 10 + 10 + 20 + 20 + 20)
  const pdf = await w.call('GET', `/billing/invoices/${inv4.id}/pdf`)
  assert.equal(pdf.statusCode, 200)
  assert.equal(pdf.headers['content-type'], 'application/pdf')
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-')
})

test('a plan with exclusive tax: lines and totals', async () => {
  const w = await world(t, { currency: 'EUR' })
  const plan = await w.plan({ monthlyPrice: 1250, taxRateBp: 700 })
  const p = await w.person()
  await w.ok('POST', '/billing/memberships', { payerType: 'person', payerId: p, planId: plan.id, startsOn: '2026-01-01' })
  const run = await w.ok('POST', '/billing/invoice-runs', { period: '2026-01' })
  const inv = await w.ok('GET', `/billing/invoices/${run.invoices[0]}`)
  assert.deepEqual([inv.subtotal, inv.tax, inv.total], [1250, 88, 1338])
})
