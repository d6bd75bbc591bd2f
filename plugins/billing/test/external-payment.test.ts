/**
 * A payment made outside Tessera (e.g. entered in Xero), recorded by another plugin through the contract's
 * `billingInvoices.recordExternalPayment` the way the Xero plugin does: once per reference (a redelivery records
 * nothing more), the invoice paid when covered with `billing.invoice.paid` published and an audit entry, an amount
 * beyond what is due refused with a 422 naming `/amount`, and another tenant's invoice not found.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { definePlugin } from '@tessera/sdk'
import { billingInvoices } from '@tessera/plugin-billing/contract'
import { boot, world } from './helpers.ts'
import type { TestKernel, World } from './helpers.ts'

/** Stands in for an accounting integration: records payments reported by "its" system through billing's contract. */
const ledger = definePlugin({
  id: 'ledger', version: '1.0.0', kernel: '^1.0.0',
  dependsOn: { billing: '^1.0.0' },
  consumes: [billingInvoices],
  permissions: { 'ledger.write': { description: 'Record outside payments', roles: ['admin'] } },
  migrations: [{ name: '001_ledger', up: 'CREATE TABLE paid_events (id serial PRIMARY KEY, tenant_id uuid NOT NULL, invoice_id uuid NOT NULL)' }],
  subscribes: {
    'billing.invoice.paid': async (e, ctx) => {
      await ctx.db.query('INSERT INTO ledger.paid_events (invoice_id) VALUES ($1)', [(e.payload as { id: string }).id])
    },
  },
  routes(app, ctx) {
    app.post('/payments', {
      config: { permission: 'ledger.write' },
      schema: {
        body: {
          type: 'object', additionalProperties: false, required: ['invoiceId', 'amount', 'reference'],
          properties: { invoiceId: { type: 'string', maxLength: 36 }, amount: { type: 'integer', minimum: 0, maximum: 1e16 }, reference: { type: 'string', maxLength: 300 }, currency: { type: 'string', maxLength: 3 } },
        },
        response: { 200: { type: 'object', additionalProperties: false, required: ['recorded', 'status', 'amountDue'], properties: { recorded: { type: 'boolean' }, status: { type: 'string' }, amountDue: { type: 'integer' } } } },
      },
    }, async (req) => {
      const b = req.body as { invoiceId: string; amount: number; reference: string; currency?: string }
      const r = await ctx.services.get(billingInvoices).recordExternalPayment(b)
      return { recorded: r.recorded, status: r.invoice.status, amountDue: r.invoice.amountDue }
    })
  },
})

let t: TestKernel
before(async () => { t = await boot({ workers: true, extra: [ledger] }) })
after(() => t.close())

async function waitFor(fn: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await fn()) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error('timed out')
}

/** An issued invoice of a new person in `w`. */
async function issuedInvoice(w: World): Promise<{ id: string; total: number }> {
  const plan = await w.plan({ monthlyPrice: 12000, taxRateBp: 2000 })
  const person = await w.person()
  await w.ok('POST', '/billing/memberships', { payerType: 'person', payerId: person, planId: plan.id, startsOn: '2026-03-01' })
  const run = await w.ok('POST', '/billing/invoice-runs', { period: '2026-03' })
  const inv = await w.ok('GET', `/billing/invoices/${run.invoices[0]}`)
  assert.equal(inv.status, 'issued')
  return { id: inv.id, total: inv.total }
}

test('an external payment is recorded once per reference and pays the invoice, with billing.invoice.paid and an audit entry', async () => {
  const w = await world(t, { currency: 'EUR' }, { extraPlugins: ['ledger'] })
  const inv = await issuedInvoice(w)
  const part = Math.floor(inv.total / 3)
  const first = await w.ok('POST', '/ledger/payments', { invoiceId: inv.id, amount: part, reference: 'xero:pay-1', currency: 'EUR' })
  assert.deepEqual(first, { recorded: true, status: 'issued', amountDue: inv.total - part })
  const again = await w.ok('POST', '/ledger/payments', { invoiceId: inv.id, amount: part, reference: 'xero:pay-1' })
  assert.deepEqual(again, { recorded: false, status: 'issued', amountDue: inv.total - part }, 'a redelivery records nothing')
  const rest = await w.ok('POST', '/ledger/payments', { invoiceId: inv.id, amount: inv.total - part, reference: 'xero:pay-2' })
  assert.deepEqual(rest, { recorded: true, status: 'paid', amountDue: 0 })
  const afterPaid = await w.ok('POST', '/ledger/payments', { invoiceId: inv.id, amount: inv.total - part, reference: 'xero:pay-2' })
  assert.equal(afterPaid.recorded, false, 'a redelivery after the invoice is paid is not an error')

  const paid = await w.ok('GET', `/billing/invoices/${inv.id}`)
  assert.equal(paid.status, 'paid')
  assert.equal(paid.amountPaid, inv.total)
  const payments = await t.adminQuery('SELECT method, amount::float8 AS amount, reference FROM billing.payments WHERE tenant_id = $1 AND invoice_id = $2 ORDER BY created_at', [w.tenantId, inv.id])
  assert.deepEqual(payments.rows, [{ method: 'manual', amount: part, reference: 'xero:pay-1' }, { method: 'manual', amount: inv.total - part, reference: 'xero:pay-2' }])
  const audit = await t.adminQuery(`SELECT data FROM tessera.audit_log WHERE tenant_id = $1 AND action = 'billing.payment.external' AND target = $2`, [w.tenantId, `invoice:${inv.id}`])
  assert.equal(audit.rowCount, 2, 'each recorded payment audited once')
  await waitFor(async () => (await t.adminQuery('SELECT 1 FROM ledger.paid_events WHERE tenant_id = $1 AND invoice_id = $2', [w.tenantId, inv.id])).rowCount === 1)
})

test('an external payment beyond what is due is refused with a 422 naming /amount, and nothing is written', async () => {
  const w = await world(t, { currency: 'EUR' }, { extraPlugins: ['ledger'] })
  const inv = await issuedInvoice(w)
  const over = await w.call('POST', '/ledger/payments', { invoiceId: inv.id, amount: inv.total + 1, reference: 'xero:over' })
  assert.equal(over.statusCode, 422, over.body)
  assert.match(String(over.headers['content-type']), /problem\+json/)
  assert.ok(over.json().errors.some((e: { pointer: string }) => e.pointer === '/amount'), over.body)
  const currency = await w.call('POST', '/ledger/payments', { invoiceId: inv.id, amount: 1, reference: 'xero:usd', currency: 'USD' })
  assert.equal(currency.statusCode, 422, currency.body)
  assert.ok(currency.json().errors.some((e: { pointer: string }) => e.pointer === '/currency'), currency.body)
  const reference = await w.call('POST', '/ledger/payments', { invoiceId: inv.id, amount: 1, reference: 'x'.repeat(201) })
  assert.equal(reference.statusCode, 422, reference.body)
  assert.ok(reference.json().errors.some((e: { pointer: string }) => e.pointer === '/reference'), reference.body)
  const n = await t.adminQuery('SELECT count(*)::int AS n FROM billing.payments WHERE tenant_id = $1', [w.tenantId])
  assert.equal(n.rows[0].n, 0)
  assert.equal((await w.ok('GET', `/billing/invoices/${inv.id}`)).amountDue, inv.total)
})

test("another tenant's invoice is not found by an external payment", async () => {
  const a = await world(t, { currency: 'EUR' }, { extraPlugins: ['ledger'] })
  const b = await world(t, { currency: 'EUR' }, { extraPlugins: ['ledger'] })
  const inv = await issuedInvoice(a)
  const res = await b.call('POST', '/ledger/payments', { invoiceId: inv.id, amount: 1, reference: 'xero:foreign' })
  assert.equal(res.statusCode, 404, res.body)
  assert.equal((await a.ok('GET', `/billing/invoices/${inv.id}`)).amountPaid, 0)
})
