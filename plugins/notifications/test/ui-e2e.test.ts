/**
 * The e-mail screens in a real browser (Debian Chromium via the shell's test helpers), a real kernel serving the built
 * shell and this plugin's UI bundle, and a real SMTP receiver:
 * - "Forgot password?" on the sign-in page asks for the address and answers "Check your inbox" — the same words for an
 *   unknown address; the e-mailed link opens the set-password page, which explains a too short or mismatched password,
 *   then signs the member in;
 * - a member switches "Booking confirmed" off on "E-mail preferences" (essential e-mails shown as always sent);
 * - an admin sends a test e-mail from "E-mail settings" and sees the server's answer, then finds a failed message on
 *   "Sent mail" (filtered by state) and retries it. The screenshot is `docs/screenshots/notifications.png`.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { ensureShellBuilt, openBrowser, signIn, screenshot, axe } from '@tessera/ui-shell/testing'
import type { BrowserSession } from '@tessera/ui-shell/testing'
import { buildPluginUi, sharedSpecifiers } from '@tessera/ui-shell/build'
import { startSmtpReceiver } from '@tessera/plugin-notifications/testing'
import type { SmtpReceiver } from '@tessera/plugin-notifications/testing'
import { boot, world, waitFor } from './world.ts'
import type { TestKernel, World } from './world.ts'

const repoRoot = join(import.meta.dirname, '..', '..', '..')
const pluginDir = join(import.meta.dirname, '..')
let t: TestKernel
let smtp: SmtpReceiver
let w: World
let baseURL = ''
const sessions: BrowserSession[] = []
const errors: string[] = []

before(async () => {
  const distDir = await ensureShellBuilt(repoRoot)
  await buildPluginUi({ id: 'notifications', dir: pluginDir, entry: join(pluginDir, 'ui', 'index.ts') }, new Set(sharedSpecifiers(join(repoRoot, 'ui', 'shell'))))
  smtp = await startSmtpReceiver({ refuse: (a) => a.startsWith('bounce') })
  ;({ t, baseURL } = await boot({ config: { ui: { shellDir: distDir } } }))
  w = await world(t, baseURL, smtp)
})

after(async () => {
  for (const s of sessions) await s.close().catch(() => {})
  await t?.close()
  await smtp?.close()
})

// a 401 from /auth/me is how the signed-out shell starts; a 4xx of a form shown in the page is expected
const unexpected = () => errors.filter((e) => !/Failed to load resource: the server responded with a status of (401|400|410)/.test(e))

async function browser() {
  const s = await openBrowser({ baseURL, errors })
  sessions.push(s)
  s.context.setDefaultTimeout(30_000)
  return s.page
}

test('forgot password: "check your inbox" for any address; the link sets a validated password and signs in', async () => {
  const member = await w.member('Flo Forgetful')
  const page = await browser()
  await page.goto('/')
  await page.getByRole('button', { name: 'Forgot password?' }).click()
  await page.getByLabel('Email').fill('nobody-here@example.test')
  await page.getByRole('button', { name: 'Send reset link' }).click()
  const answer = page.getByText(/If an account exists for/)
  const unknownAnswer = await answer.textContent()
  assert.match(unknownAnswer ?? '', /If an account exists for nobody-here@example\.test/)
  await page.getByRole('button', { name: 'Back to sign-in' }).click()
  await page.getByRole('button', { name: 'Forgot password?' }).click()
  await page.getByLabel('Email').fill(member.email)
  await page.getByRole('button', { name: 'Send reset link' }).click()
  await page.getByText(`If an account exists for ${member.email}`).waitFor()
  assert.equal(await answer.textContent(), unknownAnswer?.replace('nobody-here@example.test', member.email), 'the same words')

  const mail = await smtp.next((m) => m.to.includes(member.email.toLowerCase()) && /Reset your/.test(m.subject))
  const link = mail.text.match(/https?:\/\/\S+\/set-password\?token=\S+/)?.[0] ?? assert.fail('link')
  await page.goto(link)
  await page.getByRole('heading', { name: 'Set your password' }).waitFor()
  await page.getByLabel('New password').fill('short')
  await page.getByLabel('Repeat the password').fill('different')
  await page.getByRole('button', { name: 'Set password and sign in' }).click()
  await page.getByText('Use at least 8 characters.').waitFor()
  await page.getByText('The two passwords are not the same.').waitFor()
  await page.getByLabel('New password').fill('long-enough-password')
  await page.getByLabel('Repeat the password').fill('long-enough-password')
  await page.getByRole('button', { name: 'Set password and sign in' }).click()
  await page.getByRole('button', { name: 'Sign out' }).waitFor()
  assert.equal(new URL(page.url()).pathname, '/')

  // the link is used up: opening it again explains what to do
  await page.goto(link)
  await page.getByLabel('New password').fill('another-password')
  await page.getByLabel('Repeat the password').fill('another-password')
  await page.getByRole('button', { name: 'Set password and sign in' }).click()
  await page.getByText('This link no longer works').waitFor()
  await page.getByText(/already been used/).waitFor()
  assert.deepEqual(unexpected(), [])
})

test('a member switches an optional e-mail off; essential ones are always sent', async () => {
  const member = await w.member('Pim Preferences')
  const page = await browser()
  await signIn(page, { email: member.email, password: 'password123' })
  const nav = page.getByRole('navigation', { name: 'Main' })
  assert.equal(await nav.getByRole('link', { name: 'Sent mail' }).count(), 0, 'members do not see the log')
  await nav.getByRole('link', { name: 'E-mail preferences' }).click()
  const form = page.getByRole('form', { name: 'E-mail preferences' })
  await form.getByText(member.email).waitFor()
  const invoice = form.getByRole('checkbox', { name: 'Invoice issued' })
  assert.equal(await invoice.isChecked(), true)
  assert.equal(await invoice.isDisabled(), true, 'essential: cannot be switched off')
  await form.getByRole('checkbox', { name: 'Booking confirmed' }).uncheck()
  await form.getByRole('button', { name: 'Save preferences' }).click()
  await page.getByText('E-mail preferences saved.').waitFor()
  await w.book(member.personId, 4)
  const skipped = await waitFor(async () => (await w.messages({ template: 'bookings.confirmed', to: member.email })).find((m) => m.state === 'skipped'),
    { timeoutMs: 30_000, message: 'the confirmation is not sent' })
  assert.equal(skipped.error, 'Switched off by the recipient')
  assert.deepEqual(unexpected(), [])
})

test('an admin sends a test e-mail and retries a failed message from the log', async () => {
  const bounced = await w.ok('POST', '/members/people', { name: 'Bo Bounce', email: `bounce-${Date.now()}@example.test` })
  await w.book(bounced.id, 6)
  const ok = await w.person('Sia Sent')
  await w.book(ok.personId, 8)
  await waitFor(async () => (await w.messages({ to: bounced.email })).find((m) => m.state === 'failed'), { timeoutMs: 30_000, message: 'a failed message' })
  await waitFor(async () => (await w.messages({ to: ok.email })).find((m) => m.state === 'sent'), { timeoutMs: 30_000, message: 'a sent message' })

  const admin = await t.signIn({ tenantId: w.tenantId, role: 'admin' })
  const page = await browser()
  await signIn(page, { email: admin.email, password: 'password123' })
  const nav = page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('link', { name: 'E-mail settings' }).click()
  await page.getByRole('definition').filter({ hasText: /^127\.0\.0\.1$/ }).waitFor()
  const testForm = page.getByRole('form', { name: 'Send a test e-mail' })
  await testForm.getByLabel('Send to').fill('admin-test@example.test')
  await testForm.getByRole('button', { name: 'Send test' }).click()
  await page.getByText('Test e-mail sent').waitFor()
  await page.getByText(/^250 /).waitFor()
  await smtp.next((m) => m.to.includes('admin-test@example.test'))

  await nav.getByRole('link', { name: 'Sent mail' }).click()
  const table = page.getByRole('table', { name: 'Sent mail' })
  await table.getByRole('row').filter({ hasText: ok.email }).getByText('Sent', { exact: true }).waitFor()
  const bouncedRow = table.getByRole('row').filter({ hasText: bounced.email })
  await bouncedRow.getByText('Failed', { exact: true }).waitFor()
  await bouncedRow.getByText(/refused the message/).waitFor()
  await axe(page)
  await screenshot(page, join(repoRoot, 'docs', 'screenshots', 'notifications.png'))

  await page.getByLabel('State').selectOption('failed')
  await table.getByRole('row').filter({ hasText: ok.email }).waitFor({ state: 'detached' })
  await bouncedRow.getByRole('button', { name: `Retry ${bounced.email}` }).click()
  await page.getByText(`Sending again to ${bounced.email}.`).waitFor()
  // the retry reset it to pending (before the toast); it is tried once more and refused again by this server
  await waitFor(async () => (await w.messages({ to: bounced.email })).find((m) => m.state === 'failed' && m.attempts === 1),
    { timeoutMs: 30_000, message: 'retried and refused again' })
  await table.getByRole('row').filter({ hasText: bounced.email }).getByText('Failed', { exact: true }).waitFor()
  assert.deepEqual(unexpected(), [])
})
