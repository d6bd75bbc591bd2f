/**
 * The monthly run as pg-boss runs it (real workers): the `billing.invoice-run` job delivered twice for the same tenant
 * and period — as a cron firing on two kernel instances, or a retry — makes each invoice once.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { boot, world } from './helpers.ts'
import type { TestKernel } from './helpers.ts'

let t: TestKernel
before(async () => { t = await boot({ workers: true }) })
after(() => t.close())

test('the invoice-run job delivered twice makes each invoice once', async () => {
  const w = await world(t)
  const plan = await w.plan({ monthlyPrice: 12000 })
  for (let i = 0; i < 4; i++) {
    await w.ok('POST', '/billing/memberships', { payerType: 'person', payerId: await w.person(), planId: plan.id, startsOn: '2026-05-01' })
  }
  await Promise.all([t.sendJob('billing.invoice-run', { tenantId: w.tenantId, period: '2026-05' }), t.sendJob('billing.invoice-run', { tenantId: w.tenantId, period: '2026-05' })])
  const deadline = Date.now() + 15_000
  let done = 0
  while (Date.now() < deadline) {
    const r = await t.adminQuery(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'billing.invoice-run' AND data->>'tenantId' = $1 AND state = 'completed'`, [w.tenantId])
    done = r.rows[0].n
    if (done === 2) break
    await new Promise((r) => setTimeout(r, 200))
  }
  assert.equal(done, 2, 'both jobs ran')
  const invoices = await w.ok('GET', '/billing/invoices?period=2026-05')
  assert.equal(invoices.total, 4)
  assert.deepEqual(invoices.items.map((i: any) => i.number).sort(), ['INV-000001', 'INV-000002', 'INV-000003', 'INV-000004'])
  const audit = await t.adminQuery(`SELECT actor_type FROM tessera.audit_log WHERE tenant_id = $1 AND action = 'invoice-run'`, [w.tenantId])
  assert.deepEqual(audit.rows.map((r) => r.actor_type), ['system', 'system'])
})
