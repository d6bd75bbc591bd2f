/**
 * INV-8 in the invoice run: one payer whose data is bad (a charge stored before the amount bounds existed, whose
 * quantity × unit amount no invoice can hold) fails alone — reported in the run's result and its audit entry, logged —
 * while every other payer is invoiced, and invoice creation for the others keeps working.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { boot, world } from './helpers.ts'
import type { TestKernel } from './helpers.ts'

let t: TestKernel
before(async () => { t = await boot() })
after(() => t.close())

test('an invoice run fails only the payer whose charge is out of range, reports it, and bills everyone else', async () => {
  const w = await world(t)
  const plan = await w.plan({ monthlyPrice: 12000 })
  const good: string[] = []
  for (let i = 0; i < 3; i++) good.push(await w.person())
  for (const p of good) await w.ok('POST', '/billing/memberships', { payerType: 'person', payerId: p, planId: plan.id, startsOn: '2026-05-01' })
  const bad = await w.person('Bad Data')
  await w.ok('POST', '/billing/memberships', { payerType: 'person', payerId: bad, planId: plan.id, startsOn: '2026-05-01' })
  // the charge the old schemas accepted: 2,000,000,000 × 10^12 (stored directly, as it was then)
  await t.adminQuery(`INSERT INTO billing.charges (tenant_id, payer_type, payer_id, description, quantity, unit_amount, tax_rate_bp, source)
    VALUES ($1, 'person', $2, 'Legacy', 2000000000, 1000000000000, 0, 'legacy-1')`, [w.tenantId, bad])

  const run = await w.call('POST', '/billing/invoice-runs', { period: '2026-05' })
  assert.equal(run.statusCode, 200, run.body)
  const result = run.json()
  assert.equal(result.invoices.length, 3, 'every good payer invoiced')
  assert.equal(result.failed.length, 1)
  assert.deepEqual({ ...result.failed[0], reason: undefined }, { payerType: 'person', payerId: bad, step: 'invoice', reason: undefined })
  assert.match(result.failed[0].reason, /out of range/)

  const invoiced = await t.adminQuery(`SELECT payer_id FROM billing.invoices WHERE tenant_id = $1 AND status = 'issued' ORDER BY payer_id`, [w.tenantId])
  assert.deepEqual(invoiced.rows.map((r) => r.payer_id), [...good].sort())
  // the bad payer's charges are still open (its savepoint rolled back), its membership charge included
  const open = await t.adminQuery('SELECT count(*)::int AS n FROM billing.charges WHERE tenant_id = $1 AND payer_id = $2 AND invoice_id IS NULL', [w.tenantId, bad])
  assert.equal(open.rows[0].n, 2)
  const audit = await t.adminQuery(`SELECT data FROM tessera.audit_log WHERE tenant_id = $1 AND action = 'invoice-run' ORDER BY id DESC LIMIT 1`, [w.tenantId])
  assert.equal(audit.rows[0].data.invoices, 3)
  assert.equal(audit.rows[0].data.failed[0].payerId, bad)

  // a second run makes nothing new for the good payers and reports the bad one again; a manual invoice for another payer works
  const again = (await w.ok('POST', '/billing/invoice-runs', { period: '2026-05' }))
  assert.deepEqual(again.invoices, [])
  assert.deepEqual(again.failed.map((f: { payerId: string }) => f.payerId), [bad])
  const walkIn = await w.person()
  await w.ok('POST', '/billing/charges', { payerType: 'person', payerId: walkIn, description: 'Coffee', unitAmount: 300, source: 'coffee-1' })
  assert.equal((await w.call('POST', '/billing/invoices', { payerType: 'person', payerId: walkIn })).statusCode, 201)
})
