/**
 * A payment reminder staff send from billing's dunning view reaches the payer by e-mail (issue 14 item 6), against a
 * real SMTP receiver and a real kernel: billing publishes `billing.invoice.reminded`, notifications mails the payer the
 * essential `billing.payment-reminder` with the invoice's number, amount and due date — once, also when the event is
 * delivered again (the message's key is the reminder's id) — and an organisation payer gets it at its address.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startSmtpReceiver } from '@tessera/plugin-notifications/testing'
import type { SmtpReceiver } from '@tessera/plugin-notifications/testing'
import { boot, world, waitFor } from './world.ts'
import type { TestKernel, World } from './world.ts'

let t: TestKernel
let smtp: SmtpReceiver
let w: World

before(async () => {
  smtp = await startSmtpReceiver()
  let baseURL: string
  ;({ t, baseURL } = await boot())
  w = await world(t, baseURL, smtp)
})
after(async () => {
  await t?.close()
  await smtp?.close()
})

const REMINDER = /^Payment reminder: invoice /
/** Waits until the job `id` has run to completion. */
const jobDone = (id: string | null) => waitFor(async () => (await t.adminQuery('SELECT state FROM pgboss.job WHERE id = $1', [id])).rows[0]?.state === 'completed' || undefined,
  { timeoutMs: 15_000, message: `job ${id} completed` })

test('a reminder of an overdue invoice is mailed to the payer once, with its number, amount and due date', async () => {
  const p = await w.person('Rita Reminder')
  const inv = await w.invoice(p.personId, 4250)
  await t.adminQuery('UPDATE billing.invoices SET due_on = current_date - 10 WHERE id = $1', [inv.id])
  const dueOn = (await w.ok('GET', `/billing/invoices/${inv.id}`)).dueOn as string

  const sent = await w.ok('POST', `/billing/invoices/${inv.id}/reminders`, {})
  assert.equal(sent.to, p.email)
  const mail = await smtp.next((m) => m.to.includes(p.email.toLowerCase()) && REMINDER.test(m.subject))
  assert.equal(mail.subject, `Payment reminder: invoice ${inv.number} from Test Coworking`)
  assert.match(mail.text, new RegExp(`EUR 42\\.50 is still due on invoice ${inv.number} from Test Coworking, which was due on ${dueOn}\\.`))
  assert.match(mail.html, new RegExp(`EUR 42\\.50 is still due on invoice ${inv.number}`))
  assert.match(mail.text, /\/billing\/my-invoices/)
  assert.equal(mail.headers.get('list-unsubscribe'), undefined, 'essential: no unsubscribe link')

  // the same event delivered again (a new job, the same event): nothing more is queued or sent
  const event = await t.events.next('billing.invoice.reminded', { where: (e) => e.payload.reminderId === sent.id })
  await jobDone(await t.sendJob('notifications.on.billing.invoice.reminded', { tenantId: w.tenantId, event }))
  const messages = await w.messages({ template: 'billing.payment-reminder', to: p.email })
  assert.equal(messages.length, 1)
  assert.equal(messages[0].state, 'sent')
  assert.equal(smtp.to(p.email).filter((m) => REMINDER.test(m.subject)).length, 1, 'one reminder e-mail')
})

test("an organisation's reminder goes to the organisation's address", async () => {
  const email = `accounts-${crypto.randomUUID().slice(0, 8)}@org.test`
  const org = await w.ok('POST', '/members/organisations', { name: 'Acme Ltd', email })
  await w.ok('POST', '/billing/charges', { payerType: 'organisation', payerId: org.id, description: 'Private office', unitAmount: 65000, source: `org-${org.id}` })
  const draft = await w.ok('POST', '/billing/invoices', { payerType: 'organisation', payerId: org.id })
  const inv = await w.ok('POST', `/billing/invoices/${draft.id}/issue`, {})
  await w.ok('POST', `/billing/invoices/${inv.id}/reminders`, {})
  const mail = await smtp.next((m) => m.to.includes(email) && REMINDER.test(m.subject))
  assert.match(mail.text, /^Hello Acme,/)
  assert.match(mail.text, new RegExp(`EUR 650\\.00 is still due on invoice ${inv.number} from Test Coworking, which is due on \\d{4}-\\d{2}-\\d{2}\\.`))
})
