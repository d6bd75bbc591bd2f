/**
 * Acceptance: the invoice run of a period triggered twice concurrently (and once more afterwards) makes each invoice
 * once, with gapless numbers; void and manual payment; the monthly cron job is scheduled per tenant.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { boot, world } from './helpers.ts'
import type { TestKernel } from './helpers.ts'

let t: TestKernel
before(async () => { t = await boot() })
after(() => t.close())

test('two concurrent runs of one period make each invoice once, numbers gapless', async () => {
  const w = await world(t)
  const plan = await w.plan({ monthlyPrice: 15000, includedCredits: 5 })
  const people: string[] = []
  for (let i = 0; i < 12; i++) people.push(await w.person())
  for (const p of people) await w.ok('POST', '/billing/memberships', { payerType: 'person', payerId: p, planId: plan.id, startsOn: '2026-03-01' })
  // an open manual charge of a payer without membership is invoiced too
  const walkIn = await w.person()
  await w.ok('POST', '/billing/charges', { payerType: 'person', payerId: walkIn, description: 'Printing', unitAmount: 350, source: 'print-1' })

  const runs = await Promise.all([1, 2, 3].map(() => w.call('POST', '/billing/invoice-runs', { period: '2026-03' })))
  for (const r of runs) assert.equal(r.statusCode, 200, r.body)
  const made = runs.flatMap((r) => r.json().invoices)
  assert.equal(made.length, 13, 'each payer invoiced once across the concurrent runs')
  assert.deepEqual((await w.ok('POST', '/billing/invoice-runs', { period: '2026-03' })).invoices, [], 'a later run makes nothing')

  const all = await w.ok('GET', '/billing/invoices?kind=invoice&limit=200')
  assert.equal(all.total, 13)
  const numbers = all.items.map((i: any) => Number(i.number.slice(4))).sort((a: number, b: number) => a - b)
  assert.deepEqual(numbers, Array.from({ length: 13 }, (_, i) => i + 1), 'gapless from 1')
  const perPayer = await t.adminQuery(`SELECT payer_id, count(*)::int AS n FROM billing.invoices WHERE tenant_id = $1 GROUP BY payer_id HAVING count(*) > 1`, [w.tenantId])
  assert.equal(perPayer.rowCount, 0)
  const wallets = await t.adminQuery(`SELECT balance FROM billing.wallets WHERE tenant_id = $1 AND payer_id = $2`, [w.tenantId, people[0]])
  assert.equal(wallets.rows[0].balance, 5, 'credits topped up once')
  const totals = all.items.map((i: any) => i.total).sort((a: number, b: number) => a - b)
  assert.deepEqual(totals, [350, ...Array(12).fill(15000)])

  // a manual draft issued afterwards continues the sequence; void keeps its number; manual payment settles once
  await w.ok('POST', '/billing/charges', { payerType: 'person', payerId: walkIn, description: 'Coffee', unitAmount: 250, source: 'coffee-1' })
  const draft = await w.ok('POST', '/billing/invoices', { payerType: 'person', payerId: walkIn })
  assert.equal(draft.status, 'draft')
  assert.equal(draft.number, null)
  const issued = await w.ok('POST', `/billing/invoices/${draft.id}/issue`, {})
  assert.equal(issued.number, 'INV-000014')
  assert.equal((await w.call('POST', `/billing/invoices/${draft.id}/issue`, {})).statusCode, 409)
  const paid = await w.ok('POST', `/billing/invoices/${draft.id}/payments`, { amount: 250, reference: 'till-7' })
  assert.equal(paid.status, 'paid')
  const again = await w.ok('POST', `/billing/invoices/${draft.id}/payments`, { amount: 250, reference: 'till-7' })
  assert.equal(again.amountPaid, 250, 'the same reference is one payment')
  assert.equal((await w.call('POST', `/billing/invoices/${draft.id}/void`, {})).statusCode, 409, 'a paid invoice is not voided')
  // a credit note is money: the same Idempotency-Key replays instead of crediting twice
  const target = all.items.find((i: any) => i.total === 15000).id
  const cn1 = await w.call('POST', `/billing/invoices/${target}/credit-notes`, { lines: [{ description: 'Goodwill', unitAmount: 1000 }] }, undefined, { 'idempotency-key': 'cn-1' })
  assert.equal(cn1.statusCode, 201, cn1.body)
  const cn2 = await w.call('POST', `/billing/invoices/${target}/credit-notes`, { lines: [{ description: 'Goodwill', unitAmount: 1000 }] }, undefined, { 'idempotency-key': 'cn-1' })
  assert.equal(cn2.json().id, cn1.json().id)
  assert.equal(cn1.json().number, 'CN-000001')
  assert.equal((await w.ok('GET', `/billing/invoices/${target}`)).amountCredited, 1000)
  const other = made.find((id: string) => id !== draft.id && id !== target)
  const voided = await w.ok('POST', `/billing/invoices/${other}/void`, {})
  assert.equal(voided.status, 'void')
})

test('the monthly run is a pg-boss cron schedule per tenant', async () => {
  const w = await world(t)
  const s = await t.adminQuery(`SELECT name, cron FROM pgboss.schedule WHERE key = $1`, [w.tenantId])
  assert.deepEqual(s.rows.map((r) => [r.name, r.cron]), [['billing.invoice-run', '0 2 1 * *']])
})

test('plan features reach a person through their own and their organisation\'s memberships', async () => {
  const w = await world(t)
  const org = await w.ok('POST', '/members/organisations', { name: 'Acme' })
  const person = (await w.ok('POST', '/members/people', { name: 'Olu', organisationId: org.id })).id
  const team = await w.plan({ monthlyPrice: 90000, features: { accessGroups: ['office-3'], wifi: 'team' } })
  const print = await w.plan({ monthlyPrice: 500, features: { printQuota: 200, wifi: 'personal' } })
  await w.ok('POST', '/billing/memberships', { payerType: 'organisation', payerId: org.id, planId: team.id, startsOn: '2026-01-01' })
  await w.ok('POST', '/billing/memberships', { payerType: 'person', payerId: person, planId: print.id, startsOn: '2026-01-01' })
  const member = await t.signIn({ tenantId: w.tenantId, role: 'member' })
  await w.ok('PATCH', `/members/people/${person}`, { email: member.email })
  await w.ok('POST', `/members/people/${person}/invite`, {})
  const mine = await w.ok('GET', '/billing/me/plan', undefined, member.cookie)
  assert.deepEqual(mine.features, { accessGroups: ['office-3'], wifi: 'personal', printQuota: 200 })
  assert.equal(mine.plans.length, 2)
})

test('members cannot run invoices; tenants do not see each other\'s invoices', async () => {
  const a = await world(t)
  const b = await world(t)
  const member = (await t.signIn({ tenantId: a.tenantId, role: 'member' })).cookie
  assert.equal((await a.call('POST', '/billing/invoice-runs', { period: '2026-03' }, member)).statusCode, 403)
  const p = await a.person()
  await a.ok('POST', '/billing/charges', { payerType: 'person', payerId: p, description: 'x', unitAmount: 100, source: 's' })
  const inv = await a.ok('POST', '/billing/invoices', { payerType: 'person', payerId: p })
  assert.equal((await b.call('GET', `/billing/invoices/${inv.id}`)).statusCode, 404)
})
