/**
 * Payment reminders sent by staff outside the dunning schedule (`POST /invoices/:id/reminders`, issue 14 item 6):
 * `billing.manage` only (a member 403, support — read-only — 403); another tenant's invoice 404; a draft, a paid invoice
 * and a credit note 409; a payer without an address 422. A reminder is recorded (who, when, to which address), shown
 * in the dunning view, published as `billing.invoice.reminded` and audited; a second within the hour is a 429 with
 * `Retry-After` saying when the last went — also when two arrive at once — and an hour later the next one goes.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { boot, member, world } from './helpers.ts'
import type { TestKernel, World } from './helpers.ts'

let t: TestKernel
before(async () => { t = await boot() })
after(async () => { await t.close() })

let n = 0
/** An issued invoice of one charge for a new person with an e-mail address (or none). */
async function issued(w: World, options: { email?: string | null; amount?: number } = {}): Promise<{ id: string; number: string; personId: string; email: string | null }> {
  const email = options.email === undefined ? `payer${++n}-${crypto.randomUUID().slice(0, 6)}@example.test` : options.email
  const personId = (await w.ok('POST', '/members/people', { name: `Payer ${n}`, ...(email ? { email } : {}) })).id
  await w.ok('POST', '/billing/charges', { payerType: 'person', payerId: personId, description: 'Day pass', unitAmount: options.amount ?? 4200, source: `reminder-test-${crypto.randomUUID()}` })
  const draft = await w.ok('POST', '/billing/invoices', { payerType: 'person', payerId: personId })
  const inv = await w.ok('POST', `/billing/invoices/${draft.id}/issue`, {})
  return { id: inv.id, number: inv.number, personId, email }
}

const remind = (w: World, id: string, session?: string) => w.call('POST', `/billing/invoices/${id}/reminders`, {}, session)

test('staff send a reminder: recorded, listed in the dunning view, published once and audited; the next within the hour is a 429', async () => {
  const w = await world(t, { currency: 'EUR' })
  const finance = await t.signIn({ tenantId: w.tenantId, role: 'finance', email: `fiona.finance-${crypto.randomUUID().slice(0, 6)}@example.test` })
  const inv = await issued(w, { amount: 4200 })
  await t.adminQuery('UPDATE billing.invoices SET due_on = current_date - 9 WHERE id = $1', [inv.id])

  const first = await remind(w, inv.id, finance.cookie)
  assert.equal(first.statusCode, 201, first.body)
  const sent = first.json()
  assert.equal(sent.invoiceId, inv.id)
  assert.equal(sent.number, inv.number)
  assert.equal(sent.to, inv.email)
  assert.deepEqual(sent.sentBy, { id: finance.userId, name: finance.email.split('@')[0] })
  assert.ok(Math.abs(Date.parse(sent.sentAt) - Date.now()) < 60_000, 'sent now')

  const event = await t.events.next('billing.invoice.reminded', { where: (e) => e.payload.invoiceId === inv.id })
  assert.deepEqual(event.payload, {
    reminderId: sent.id, invoiceId: inv.id, number: inv.number, payerType: 'person', payerId: inv.personId,
    amountDue: 4200, currency: 'EUR', dueOn: (await w.ok('GET', `/billing/invoices/${inv.id}`)).dueOn, sentAt: sent.sentAt,
  })
  const audit = await t.adminQuery(`SELECT actor_id, data FROM tessera.audit_log WHERE tenant_id = $1 AND plugin = 'billing' AND action = 'invoice.remind' AND target = $2`, [w.tenantId, `invoice:${inv.id}`])
  assert.equal(audit.rowCount, 1)
  assert.equal(audit.rows[0].actor_id, finance.userId)
  assert.deepEqual(audit.rows[0].data, { reminderId: sent.id, number: inv.number, amountDue: 4200 })

  const row = (await w.ok('GET', '/billing/dunning')).items.find((i: any) => i.id === inv.id)
  assert.equal(row.payerEmail, inv.email)
  assert.deepEqual(row.lastReminder, { sentAt: sent.sentAt, sentBy: sent.sentBy })

  // within the hour: refused, saying when the last one went and by whom; nothing recorded or published
  const again = await remind(w, inv.id)
  assert.equal(again.statusCode, 429, again.body)
  assert.match(again.headers['content-type'] as string, /application\/problem\+json/)
  assert.match(again.json().detail, new RegExp(`^A reminder was sent \\d+ minutes? ago by ${finance.email.split('@')[0]}\\. At most one reminder an hour per invoice: the next can be sent in \\d+ minutes\\.$`))
  const retryAfter = Number(again.headers['retry-after'])
  assert.ok(retryAfter > 3500 && retryAfter <= 3600, `Retry-After ${retryAfter}`)
  assert.equal((await t.adminQuery('SELECT count(*)::int AS n FROM billing.invoice_reminders WHERE invoice_id = $1', [inv.id])).rows[0].n, 1)

  // 12 minutes later the message says so; an hour later the next one goes
  await t.adminQuery(`UPDATE billing.invoice_reminders SET sent_at = sent_at - interval '12 minutes' WHERE invoice_id = $1`, [inv.id])
  assert.match((await remind(w, inv.id)).json().detail, /^A reminder was sent 12 minutes ago by /)
  await t.adminQuery(`UPDATE billing.invoice_reminders SET sent_at = sent_at - interval '49 minutes' WHERE invoice_id = $1`, [inv.id])
  const later = await remind(w, inv.id)
  assert.equal(later.statusCode, 201, later.body)
  await t.events.next('billing.invoice.reminded', { where: (e) => e.payload.reminderId === later.json().id })
  const latest = (await w.ok('GET', '/billing/dunning')).items.find((i: any) => i.id === inv.id)
  assert.equal(latest.lastReminder.sentAt, later.json().sentAt, 'the view shows the latest reminder')
})

test('two reminders at once: one is sent, the other is a 429', async () => {
  const w = await world(t)
  const inv = await issued(w)
  const answers = await Promise.all([remind(w, inv.id), remind(w, inv.id), remind(w, inv.id)])
  assert.deepEqual(answers.map((a) => a.statusCode).sort(), [201, 429, 429], answers.map((a) => a.body).join('\n'))
  assert.equal((await t.adminQuery('SELECT count(*)::int AS n FROM billing.invoice_reminders WHERE invoice_id = $1', [inv.id])).rows[0].n, 1)
})

test('only billing.manage may remind; another tenant\'s invoice is not found', async () => {
  const w = await world(t)
  const inv = await issued(w)
  const m = await member(t, w, 'Mona')
  const forbidden = await remind(w, inv.id, m.session)
  assert.equal(forbidden.statusCode, 403, forbidden.body)
  assert.match(forbidden.headers['content-type'] as string, /application\/problem\+json/)
  const support = await t.signIn({ tenantId: w.tenantId, role: 'support' })
  assert.equal((await remind(w, inv.id, support.cookie)).statusCode, 403, 'support reads billing but does not manage it')

  const other = await world(t)
  const foreign = await remind(other, inv.id)
  assert.equal(foreign.statusCode, 404, foreign.body)
  assert.equal(foreign.json().detail, 'No such invoice.')
  assert.equal((await remind(w, crypto.randomUUID())).statusCode, 404)
  assert.equal((await remind(w, 'not-a-uuid')).statusCode, 400)
  assert.equal((await w.call('POST', `/billing/invoices/${inv.id}/reminders`, { note: 'x' })).statusCode, 400, 'the body takes no fields')
  assert.equal((await t.adminQuery('SELECT count(*)::int AS n FROM billing.invoice_reminders WHERE invoice_id = $1', [inv.id])).rows[0].n, 0)
})

test('a paid invoice, a draft and a credit note are refused with 409; a payer without an address with 422', async () => {
  const w = await world(t)
  const paid = await issued(w, { amount: 1500 })
  await w.ok('POST', `/billing/invoices/${paid.id}/payments`, { amount: 1500, reference: 'cash at the desk' })
  const refused = await remind(w, paid.id)
  assert.equal(refused.statusCode, 409, refused.body)
  assert.match(refused.headers['content-type'] as string, /application\/problem\+json/)
  assert.equal(refused.json().detail, `Invoice ${paid.number} is paid: only an open invoice with something due can be reminded of.`)

  const personId = await w.person()
  await w.ok('POST', '/billing/charges', { payerType: 'person', payerId: personId, description: 'Locker', unitAmount: 900, source: `reminder-draft-${crypto.randomUUID()}` })
  const draft = await w.ok('POST', '/billing/invoices', { payerType: 'person', payerId: personId })
  assert.equal((await remind(w, draft.id)).statusCode, 409)
  assert.match((await remind(w, draft.id)).json().detail, /is a draft \(issue it first\)/)

  const open = await issued(w, { amount: 3000 })
  const credited = await w.call('POST', `/billing/invoices/${open.id}/credit-notes`, { lines: [{ description: 'Goodwill', quantity: 1, unitAmount: 1000 }] }, undefined, { 'idempotency-key': crypto.randomUUID() })
  assert.equal(credited.statusCode, 201, credited.body)
  const credit = credited.json()
  const cn = await remind(w, credit.id)
  assert.equal(cn.statusCode, 409, cn.body)
  assert.match(cn.json().detail, /credit note/)

  const noAddress = await issued(w, { email: null })
  const unprocessable = await remind(w, noAddress.id)
  assert.equal(unprocessable.statusCode, 422, unprocessable.body)
  assert.match(unprocessable.json().detail, /has no e-mail address: add one in Members/)
  assert.equal((await w.ok('GET', '/billing/dunning')).items.length, 0, 'none of these is overdue')
  assert.equal((await t.adminQuery('SELECT count(*)::int AS n FROM billing.invoice_reminders WHERE tenant_id = $1', [w.tenantId])).rows[0].n, 0)
})
