/**
 * Notifications end to end (issue 14, item 5) against a real SMTP server (`smtp-server` on a free port, messages parsed
 * with `mailparser`) and a real kernel on a real port: an invitation's e-mail carries a working set-password link
 * (followed over HTTP: the password is set and the user signs in) and the link is stored nowhere in plain text; a
 * password reset arrives the same way; bookings confirmed and cancelled reach the booker (a reminder is scheduled at
 * start − lead and a cancellation stops it); an issued invoice arrives with its PDF; a declined payment is mailed; a
 * visitor's arrival reaches the host; an event delivered twice mails once; one-click unsubscribe stops non-essential
 * mail but not essential mail; SMTP down → the message is retried with its attempts recorded and sent when the server
 * is back; without SMTP settings nothing fails and the message is logged as not configured; another plugin's
 * template (the extension point) is sent through the outbox.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { definePlugin, extend } from '@tessera/sdk'
import { html, notificationsOutbox, notificationTemplates } from '@tessera/plugin-notifications/contract'
import { startStripeFake } from '@tessera/plugin-billing/testing'
import type { StripeFake } from '@tessera/plugin-billing/testing'
import { startSmtpReceiver } from '@tessera/plugin-notifications/testing'
import type { ReceivedMail, SmtpReceiver } from '@tessera/plugin-notifications/testing'
import { boot, world, waitFor } from './world.ts'
import type { TestKernel, World } from './world.ts'

// another plugin adding a template through the extension point and queuing it through the outbox
const parcels = definePlugin({
  id: 'parcels', version: '1.0.0', kernel: '^1.0.0',
  dependsOn: { notifications: '^1.0.0' },
  consumes: [notificationsOutbox],
  permissions: { 'parcels.log': { description: 'Log parcels', roles: ['admin'] } },
  extensions: [extend(notificationTemplates, () => [{
    id: 'parcels.arrived', title: 'Parcel arrived', description: 'A parcel waits at the front desk.', essential: false,
    render: ({ data, recipient }) => ({
      subject: `A parcel from ${String(data.sender)} is waiting`,
      text: `Hello ${recipient.name}, a parcel from ${String(data.sender)} is at the front desk.`,
      html: html`<p>Hello ${recipient.name}, a parcel from <b>${String(data.sender)}</b> is at the front desk.</p>`,
    }),
  }])],
  routes(app, ctx) {
    app.post('/parcels', {
      config: { permission: 'parcels.log' },
      schema: {
        body: { type: 'object', additionalProperties: false, required: ['personId', 'sender'], properties: { personId: { type: 'string', format: 'uuid', maxLength: 36 }, sender: { type: 'string', maxLength: 100 } } },
        response: { 200: { type: 'object', properties: { outcome: { type: 'string' } } } },
      },
    }, async (req) => {
      const r = await ctx.services.get(notificationsOutbox).send({ template: 'parcels.arrived', to: { personId: req.body.personId }, data: { sender: req.body.sender }, key: `parcel:${req.body.personId}:${req.body.sender}` })
      return { outcome: r.outcome }
    })
  },
})

let t: TestKernel
let baseURL: string
let smtp: SmtpReceiver
let stripe: StripeFake
let w: World

before(async () => {
  smtp = await startSmtpReceiver()
  stripe = await startStripeFake()
  ;({ t, baseURL } = await boot({ extra: [parcels] }))
  w = await world(t, baseURL, smtp, {}, stripe)
  await t.enable(w.tenantId, 'parcels')
})
after(async () => {
  await t?.close()
  await smtp?.close()
  await stripe?.close()
})

const mailTo = (email: string, subject: RegExp, timeoutMs?: number) =>
  smtp.next((m) => m.to.includes(email.toLowerCase()) && subject.test(m.subject), { timeoutMs })
const linkIn = (m: ReceivedMail) => m.text.match(/https?:\/\/\S+\/set-password\?token=\S+/)?.[0] ?? assert.fail(`no set-password link in:\n${m.text}`)
/** Waits until the job `id` has run to completion. */
const jobDone = (id: string | null) => waitFor(async () => (await t.adminQuery('SELECT state FROM pgboss.job WHERE id = $1', [id])).rows[0]?.state === 'completed' || undefined,
  { timeoutMs: 15_000, message: `job ${id} completed` })
const http = (path: string, init: RequestInit & { json?: unknown } = {}) =>
  fetch(new URL(path, baseURL), { ...init, headers: { 'content-type': 'application/json', ...init.headers }, body: init.json === undefined ? init.body : JSON.stringify(init.json) })

test('an invitation e-mail carries a working set-password link, stored nowhere in plain text', async () => {
  const p = await w.person('Ines Invited')
  await w.ok('POST', `/members/people/${p.personId}/invite`, {})
  const mail = await mailTo(p.email, /invited to Test Coworking/)
  assert.equal(mail.from, 'hello@coworking.test')
  assert.match(mail.html, /<img src="https:\/\/coworking\.test\/logo\.png" alt="Test Coworking"/, "the tenant's logo")
  assert.equal(mail.headers.has('list-unsubscribe'), false, 'essential mail has no unsubscribe')
  const link = linkIn(mail)
  assert.ok(link.startsWith(`${baseURL}/set-password?token=`), link)
  assert.ok(mail.html.includes(link.replaceAll('&', '&amp;')), 'the HTML has the same link')
  const token = new URL(link).searchParams.get('token')!

  const inTables = await t.adminQuery(`SELECT count(*)::int AS n FROM notifications.messages WHERE data::text LIKE $1 OR coalesce(secret_box, '') LIKE $1`, [`%${token}%`])
  assert.equal(inTables.rows[0].n, 0, 'not in the message log')
  const inJobs = await t.adminQuery(`SELECT count(*)::int AS n FROM pgboss.job WHERE data::text LIKE $1`, [`%${token}%`])
  assert.equal(inJobs.rows[0].n, 0, 'not in any job')
  // the job commits 'sent' just after the server accepted the message
  const row = await waitFor(async () => (await t.adminQuery(
    `SELECT state, secret_box FROM notifications.messages WHERE recipient_email = $1 AND template = 'identity.invitation'`, [p.email])).rows.find((r) => r.state === 'sent'),
  { timeoutMs: 10_000, message: 'invitation recorded as sent' })
  assert.equal(row.secret_box, null, 'the sealed link is dropped once sent')

  const set = await http('/api/v1/auth/password', { method: 'POST', json: { token, password: 'my-first-password' } })
  assert.equal(set.status, 200, await set.clone().text())
  assert.match(set.headers.get('set-cookie') ?? '', /tessera_session=/)
  const login = await http('/api/v1/auth/login', { method: 'POST', json: { email: p.email, password: 'my-first-password' } })
  assert.equal(login.status, 200)
  assert.equal((await login.json()).tenantId, w.tenantId)
})

test('a password reset e-mail arrives and its link sets a new password', async () => {
  const m = await w.member('Rita Reset')
  const asked = await http('/api/v1/auth/password-reset', { method: 'POST', json: { email: m.email } })
  assert.equal(asked.status, 202)
  const mail = await mailTo(m.email, /Reset your Test Coworking password/)
  const token = new URL(linkIn(mail)).searchParams.get('token')!
  assert.equal((await http('/api/v1/auth/password', { method: 'POST', json: { token, password: 'brand-new-password' } })).status, 200)
  assert.equal((await http('/api/v1/auth/login', { method: 'POST', json: { email: m.email, password: 'brand-new-password' } })).status, 200)
})

test('a booking confirmed and cancelled reaches the booker; the reminder is scheduled at start − lead and the cancellation stops it', async () => {
  const p = await w.person('Bea Booker')
  const b = await w.book(p.personId, 3)
  const confirmed = await mailTo(p.email, /^Booking confirmed/)
  assert.match(confirmed.text, /Your booking .* at Test Coworking is confirmed/)
  assert.match(confirmed.subject, /\(Europe\/London\)/, 'times in the configured zone')
  const unsubscribe = confirmed.headers.get('list-unsubscribe') ?? assert.fail('List-Unsubscribe header')
  assert.match(unsubscribe, new RegExp(`^<${baseURL}/api/v1/notifications/unsubscribe/${w.tenantId}/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+>$`))
  assert.equal(confirmed.headers.get('list-unsubscribe-post'), 'List-Unsubscribe=One-Click')

  const reminder = await waitFor(async () => (await t.adminQuery('SELECT state, remind_at FROM notifications.reminders WHERE booking_id = $1', [b.id])).rows[0],
    { timeoutMs: 10_000, message: 'reminder stored' })
  assert.equal(reminder.state, 'scheduled')
  assert.equal(new Date(reminder.remind_at).getTime(), Date.parse(b.startsAt) - 60 * 60_000, 'lead: 60 minutes by default')
  const job = await t.adminQuery(`SELECT start_after FROM pgboss.job WHERE name = 'notifications.reminder' AND data->>'bookingId' = $1`, [b.id])
  assert.equal(new Date(job.rows[0].start_after).getTime(), Date.parse(b.startsAt) - 60 * 60_000, 'the job waits until then')

  await w.ok('POST', `/bookings/bookings/${b.id}/cancel`, {})
  await mailTo(p.email, /^Booking cancelled/)
  assert.equal((await t.adminQuery('SELECT state FROM notifications.reminders WHERE booking_id = $1', [b.id])).rows[0].state, 'cancelled')
  // the reminder's time comes: the job finds the reminder cancelled and queues nothing
  const revisionOf = async (id: string) => (await t.adminQuery('SELECT revision FROM notifications.reminders WHERE booking_id = $1', [id])).rows[0].revision
  await jobDone(await t.sendJob('notifications.reminder', { tenantId: w.tenantId, bookingId: b.id, revision: await revisionOf(b.id) }))
  const other = await w.book(p.personId, 5)
  await mailTo(p.email, /^Booking confirmed/, 10_000)
  await t.sendJob('notifications.reminder', { tenantId: w.tenantId, bookingId: other.id, revision: await revisionOf(other.id) })
  await mailTo(p.email, /^Reminder: your booking/)
  assert.deepEqual((await w.messages({ template: 'bookings.reminder', to: p.email })).length, 1, 'only the booking still on gets its reminder')
})

test("a moved booking is mailed with both times; its reminder moves with it and the old revision's job sends nothing", async () => {
  const p = await w.person('Max Mover')
  const b = await w.book(p.personId, 15)
  await mailTo(p.email, /^Booking confirmed/)
  const before = await waitFor(async () => (await t.adminQuery('SELECT revision FROM notifications.reminders WHERE booking_id = $1', [b.id])).rows[0],
    { timeoutMs: 10_000, message: 'reminder stored' })
  const start = new Date(Date.parse(b.startsAt) + 2 * 3_600_000)
  await w.ok('PATCH', `/bookings/bookings/${b.id}`, { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString() })
  const moved = await mailTo(p.email, /^Booking moved to/)
  assert.match(moved.text, /was moved from .* to /)
  const after = await waitFor(async () => (await t.adminQuery('SELECT revision, remind_at, state FROM notifications.reminders WHERE booking_id = $1', [b.id])).rows
    .find((r) => r.revision > before.revision), { timeoutMs: 10_000, message: 'reminder re-scheduled' })
  assert.equal(after.state, 'scheduled')
  assert.equal(new Date(after.remind_at).getTime(), start.getTime() - 60 * 60_000)
  await jobDone(await t.sendJob('notifications.reminder', { tenantId: w.tenantId, bookingId: b.id, revision: before.revision }))
  assert.equal((await w.messages({ template: 'bookings.reminder', to: p.email })).length, 0, "the old revision's reminder is void")
})

test('an issued invoice arrives with its PDF attached; a declined payment is mailed', async () => {
  const p = await w.person('Ivan Invoice')
  const inv = await w.invoice(p.personId, 4200)
  const mail = await mailTo(p.email, new RegExp(`^Invoice ${inv.number} from Test Coworking`))
  assert.match(mail.text, /EUR 42\.00/)
  assert.equal(mail.attachments.length, 1)
  assert.equal(mail.attachments[0].contentType, 'application/pdf')
  assert.equal(mail.attachments[0].filename, `${inv.number}.pdf`)
  assert.equal(mail.attachments[0].content.subarray(0, 5).toString('latin1'), '%PDF-')

  await w.ok('POST', `/billing/payers/person/${p.personId}/payment-method`, { paymentMethodId: 'pm_card_chargeDeclined' })
  const charge = await w.call('POST', `/billing/invoices/${inv.id}/charge`, {}, undefined, { 'idempotency-key': `c-${inv.id}` })
  assert.equal(charge.json().outcome, 'declined', charge.body)
  const failed = await mailTo(p.email, new RegExp(`^Payment failed for invoice ${inv.number}`))
  assert.match(failed.text, /We could not charge EUR 42\.00/)
  assert.match(failed.text, /attempt 1\. We will try again on/)
})

test("a visitor's arrival reaches the host", async () => {
  const host = await w.member('Hana Host')
  const visitor = await w.ok('POST', '/visitors/visitors', { name: 'Victor Visitor', company: 'Acme', expectedAt: new Date().toISOString(), hostUserId: host.userId })
  await w.ok('POST', `/visitors/visitors/${visitor.id}/check-in`, {})
  const mail = await mailTo(host.email, /^Victor Visitor has arrived/)
  assert.match(mail.text, /Your visitor Victor Visitor \(Acme\) checked in at Test Coworking .* badge \d+/)
})

test('an event delivered twice is mailed once', async () => {
  const p = await w.person('Dora Duplicate')
  const b = await w.book(p.personId, 7)
  await w.ok('POST', `/bookings/bookings/${b.id}/cancel`, {})
  await mailTo(p.email, /^Booking cancelled/)
  const event = t.events.all('bookings.booking.cancelled').find((e) => e.payload.id === b.id) ?? assert.fail('cancelled event captured')
  // the same event again, as a redelivery after a crash would bring it (a new job, the same event id)
  await jobDone(await t.sendJob('notifications.on.bookings.booking.cancelled', { tenantId: w.tenantId, event }))
  assert.equal(smtp.to(p.email).filter((m) => m.subject.startsWith('Booking cancelled')).length, 1)
  assert.equal((await w.messages({ template: 'bookings.cancelled', to: p.email })).length, 1)
})

test('one-click unsubscribe stops non-essential mail and not essential mail', async () => {
  const p = await w.person('Uma Unsubscribe')
  await w.book(p.personId, 11)
  const first = await mailTo(p.email, /^Booking confirmed/)
  const url = first.headers.get('list-unsubscribe')!.slice(1, -1)
  const page = await fetch(url)
  assert.equal(page.status, 200)
  assert.match(await page.text(), /<form method="post">/, 'a GET only shows the button')
  const forged = await fetch(url.replace(/\.[A-Za-z0-9_-]+$/, '.AAAAAAAAAAAAAAAAAAAAAAAA'), { method: 'POST' })
  assert.equal(forged.status, 404)
  // what a mail client sends for List-Unsubscribe-Post (RFC 8058)
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })
  assert.equal(res.status, 200)
  assert.match(await res.text(), /no longer receives non-essential e-mails/)

  const b = await w.book(p.personId, 13)
  await w.invoice(p.personId, 1000)
  await mailTo(p.email, /^Invoice /)
  const skipped = await waitFor(async () => (await w.messages({ template: 'bookings.confirmed', to: p.email })).find((m) => m.state === 'skipped'),
    { timeoutMs: 10_000, message: 'skipped confirmation' })
  assert.equal(skipped.error, 'Switched off by the recipient')
  assert.equal(smtp.to(p.email).filter((m) => m.subject.startsWith('Booking confirmed')).length, 1, 'only the one before unsubscribing')
  assert.ok(b.id)
})

test('a member switches a non-essential e-mail off in their preferences; essential ones cannot be', async () => {
  const m = await w.member('Pia Preferences')
  const prefs = await w.ok('GET', '/notifications/me/preferences', undefined, m.cookie)
  assert.equal(prefs.email, m.email)
  assert.ok(prefs.templates.some((x: any) => x.id === 'parcels.arrived' && !x.essential), "another plugin's template is listed")
  const refused = await w.call('PUT', '/notifications/me/preferences', { allOptionalOff: false, disabled: ['billing.invoice-issued'] }, m.cookie)
  assert.equal(refused.statusCode, 422)
  assert.match(refused.json().errors[0].detail, /essential/)
  const saved = await w.ok('PUT', '/notifications/me/preferences', { allOptionalOff: false, disabled: ['parcels.arrived'] }, m.cookie)
  assert.equal(saved.templates.find((x: any) => x.id === 'parcels.arrived').enabled, false)
  assert.equal((await w.ok('POST', '/parcels/parcels', { personId: m.personId, sender: 'Aunt May' })).outcome, 'opted-out')
})

test("another plugin's template is sent through the outbox once per key", async () => {
  const p = await w.person('Otto Outbox')
  assert.equal((await w.ok('POST', '/parcels/parcels', { personId: p.personId, sender: 'Grandma' })).outcome, 'queued')
  assert.equal((await w.ok('POST', '/parcels/parcels', { personId: p.personId, sender: 'Grandma' })).outcome, 'duplicate')
  const mail = await mailTo(p.email, /^A parcel from Grandma is waiting/)
  assert.match(mail.html, /<b>Grandma<\/b>/)
  assert.ok(mail.headers.get('list-unsubscribe'), 'non-essential: unsubscribable')
})

test('SMTP down: the message is retried with its attempts recorded, and sent when the server is back; a failed one is retried by staff', async () => {
  const down = await startSmtpReceiver()
  const w2 = await world(t, baseURL, down, { retry: { maxAttempts: 6, baseDelaySeconds: 1 } })
  await down.stop()
  const p = await w2.person('Sam Outage')
  try {
    await w2.book(p.personId, 3)
    const retrying = await waitFor(async () => (await w2.messages({ to: p.email })).find((m) => m.attempts >= 2 && m.state === 'pending'),
      { timeoutMs: 20_000, message: 'two failed attempts' })
    assert.match(retrying.error ?? '', /unreachable/)
    assert.ok(retrying.nextAttemptAt, 'the next attempt is scheduled')
  } finally {
    await down.start()
  }
  const mail = await down.next((m) => m.to.includes(p.email.toLowerCase()), { timeoutMs: 30_000 })
  assert.match(mail.subject, /^Booking confirmed/)
  const sent = await waitFor(async () => (await w2.messages({ to: p.email })).find((m) => m.state === 'sent'), { timeoutMs: 10_000, message: 'sent' })
  assert.ok(sent.attempts >= 3, `attempts recorded (${sent.attempts})`)

  // a permanent refusal fails at once; staff retry it (here it fails again, attempts start over)
  const refusing = await startSmtpReceiver({ refuse: (a) => a.startsWith('refused') })
  await t.enable(w2.tenantId, 'notifications', { smtp: refusing.config(), appUrl: baseURL, retry: { maxAttempts: 3, baseDelaySeconds: 1 } })
  const r = await w2.ok('POST', '/members/people', { name: 'Refused Person', email: `refused-${Date.now()}@example.test` })
  await w2.book(r.id, 5)
  const failed = await waitFor(async () => (await w2.messages({ to: r.email })).find((m) => m.state === 'failed'), { timeoutMs: 20_000, message: 'failed' })
  assert.equal(failed.attempts, 1, 'a 5xx is not retried')
  assert.match(failed.error ?? '', /refused the message/)
  const retried = await w2.ok('POST', `/notifications/messages/${failed.id}/retry`, {})
  assert.equal(retried.state, 'pending')
  assert.equal((await w2.call('POST', `/notifications/messages/${sent.id}/retry`, {})).statusCode, 409, 'a sent message is not retried')
  await waitFor(async () => (await w2.messages({ to: r.email })).find((m) => m.state === 'failed' && m.attempts === 1 && m.id === failed.id), { timeoutMs: 20_000, message: 'failed again' })
  await down.close()
  await refusing.close()
})

test('without SMTP settings the booking succeeds and its e-mail is logged as not configured; the test send says so', async () => {
  const w3 = await world(t, baseURL, null)
  const p = await w3.person('Nico Nomail')
  await w3.book(p.personId, 3)
  const logged = await waitFor(async () => (await w3.messages({ to: p.email })).find((m) => m.state === 'skipped'), { timeoutMs: 10_000, message: 'skipped' })
  assert.match(logged.error ?? '', /^Not configured/)
  const settings = await w3.ok('GET', '/notifications/settings')
  assert.equal(settings.configured, false)
  const tested = await w3.ok('POST', '/notifications/settings/test', { to: 'admin@example.test' })
  assert.equal(tested.ok, false)
  assert.match(tested.detail, /Not configured/)

  const ok = await w.ok('POST', '/notifications/settings/test', { to: 'admin@example.test' })
  assert.equal(ok.ok, true, ok.detail)
  assert.match(ok.detail, /^250/)
  await mailTo('admin@example.test', /^Test e-mail from Test Coworking/)
  const shown = await w.ok('GET', '/notifications/settings')
  assert.equal(shown.configured, true)
  assert.equal(shown.smtp.port, smtp.port)
  assert.equal(shown.smtp.passwordSet, false)
  assert.equal(JSON.stringify(shown).includes('password"'), false)
  assert.equal((await w.call('GET', '/notifications/settings', undefined, (await t.signIn({ tenantId: w.tenantId, role: 'member' })).cookie)).statusCode, 403)
})

test('the SMTP password comes from a named kernel secret and is never shown; a wrong one is reported by the test send', async () => {
  const auth = await startSmtpReceiver({ user: 'mailer', password: 'mailer-s3cret' })
  try {
    const { password: _inline, ...smtpConfig } = auth.config()
    const w4 = await world(t, baseURL, null, { smtp: { ...smtpConfig, passwordSecret: 'smtp_password' } })
    const shown = await w4.ok('GET', '/notifications/settings')
    assert.equal(shown.smtp.user, 'mailer')
    assert.equal(shown.smtp.passwordSet, true)
    assert.equal(JSON.stringify(shown).includes('mailer-s3cret'), false, 'the password is never shown')
    const ok = await w4.ok('POST', '/notifications/settings/test', { to: 'secret-test@example.test' })
    assert.equal(ok.ok, true, ok.detail)
    await auth.next((m) => m.to.includes('secret-test@example.test'))

    await t.enable(w4.tenantId, 'notifications', { smtp: { ...smtpConfig, password: 'wrong-password' }, appUrl: baseURL })
    const refused = await w4.ok('POST', '/notifications/settings/test', { to: 'secret-test@example.test' })
    assert.equal(refused.ok, false)
    assert.match(refused.detail, /Invalid username or password/)
  } finally {
    await auth.close()
  }
})
