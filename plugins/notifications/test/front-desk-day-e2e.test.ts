/**
 * The afternoon of a front desk, end to end through the real web UI (issue 14, "Done when"; the morning — dashboard,
 * check-in, a walk-in booked by drag — is `plugins/bookings/test/front-desk-e2e.test.ts`). One real kernel (members,
 * spaces, bookings, billing, POS, visitors, notifications) with workers, a real SMTP receiver, the Stripe fake with its
 * Stripe.js stand-in (billing's manifest CSP pointed at the fake), Debian Chromium; axe-core on every screen visited.
 *
 * - a visitor the desk registers for a member host (the register dialog, host picked by search) arrives: the desk
 *   checks them in on the visitors screen and the host's "has arrived" e-mail reaches the SMTP server;
 * - a coffee sold at the POS on the member's account shows on the member's profile under "Open charges";
 * - staff draft and issue the member's invoice (it takes the open charges): the "invoice issued" e-mail arrives with
 *   the invoice's PDF attached;
 * - the member pays it by card through the Elements stand-in; the fake's signed webhook marks it paid;
 * - the day's occupancy: the occupancy report API (`GET /bookings/reports/occupancy`) gives the room's booked and
 *   available hours of the day, and the Reports screen's occupancy chart draws that utilisation.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { createTestKernel, waitFor } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import { axe, ensureShellBuilt, openBrowser, signIn, screenshot } from '@tessera/ui-shell/testing'
import type { BrowserSession } from '@tessera/ui-shell/testing'
import { buildPluginUi, findPluginUis, sharedSpecifiers } from '@tessera/ui-shell/build'
import billing from '@tessera/plugin-billing'
import { startStripeFake } from '@tessera/plugin-billing/testing'
import type { StripeFake } from '@tessera/plugin-billing/testing'
import notifications from '@tessera/plugin-notifications'
import { startSmtpReceiver } from '@tessera/plugin-notifications/testing'
import type { SmtpReceiver } from '@tessera/plugin-notifications/testing'

const repoRoot = join(import.meta.dirname, '..', '..', '..')
const ids = ['members', 'spaces', 'bookings', 'billing', 'pos', 'visitors', 'notifications']
const ALL_DAY = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ from: '00:00', to: '24:00' }]]))
const TZ = 'Europe/London'
const HOUR = 3_600_000

let t: TestKernel
let smtp: SmtpReceiver
let fake: StripeFake
let baseURL = ''
const browsers: BrowserSession[] = []
const errors: string[] = []

before(async () => {
  const distDir = await ensureShellBuilt(repoRoot)
  const shared = new Set(sharedSpecifiers(join(repoRoot, 'ui', 'shell')))
  await Promise.all(findPluginUis(join(repoRoot, 'plugins')).filter((p) => ids.includes(p.id)).map((p) => buildPluginUi(p, shared)))
  ;[smtp, fake] = await Promise.all([startSmtpReceiver(), startStripeFake()])
  const origin = `http://${fake.host}:${fake.port}`
  t = await createTestKernel({
    plugins: [
      '@tessera/plugin-members', '@tessera/plugin-spaces', '@tessera/plugin-bookings', '@tessera/plugin-pos', '@tessera/plugin-visitors',
      { definition: { ...billing, csp: { scriptSrc: [origin], connectSrc: [origin] } }, packageDir: join(repoRoot, 'plugins', 'billing') },
      { definition: notifications, packageDir: join(repoRoot, 'plugins', 'notifications') },
    ],
    workers: true,
    config: { ui: { shellDir: distDir }, secrets: { billing_key: 'e2e-billing-key-0123456789', notifications_key: 'test-notifications-key-0123456789' } } as never,
  })
  baseURL = `http://127.0.0.1:${new URL(await t.listen()).port}`
})

after(async () => {
  for (const b of browsers) await b.close().catch(() => {})
  await t?.close()
  await smtp?.close()
  await fake?.close()
})

async function browser(): Promise<BrowserSession> {
  const b = await openBrowser({ baseURL, errors, viewport: { width: 1280, height: 900 } })
  b.context.setDefaultTimeout(20_000)
  browsers.push(b)
  return b
}

/** The local date (`YYYY-MM-DD`) of an instant in the location's zone. */
const localDate = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms)

/** Hours of the local dates `from`..`to` in the location's zone (PostgreSQL's tz database): 24 a day, 23 or 25 when the clocks change. */
const hoursOfDays = async (from: string, to: string) => (await t.adminQuery(
  `SELECT extract(epoch FROM (($2::date + 1)::timestamp AT TIME ZONE $3) - ($1::date::timestamp AT TIME ZONE $3))::float8 / 3600 AS h`, [from, to, TZ])).rows[0].h as number

test('the afternoon of a front desk: a visitor and the host\'s e-mail, a coffee on account on the profile, an invoice e-mailed with its PDF and paid by card, the day\'s occupancy', { timeout: 120_000 }, async () => {
  try {
    await scenario()
  } catch (error) {
    if (errors.length) console.error('browser errors:', errors.join('\n'))
    for (const [i, b] of browsers.entries()) await screenshot(b.page, join(repoRoot, 'test-results', 'front-desk-day', `failure-${i}.png`)).catch(() => {})
    throw error
  }
})

async function scenario(): Promise<void> {
  const tenant = await t.createTenant('quay-works', 'Quay Works')
  for (const id of ['members', 'spaces', 'bookings', 'visitors']) await t.enable(tenant.id, id)
  await t.enable(tenant.id, 'billing', {
    currency: 'GBP', stripeJsUrl: fake.stripeJsUrl,
    stripe: { publishableKey: 'pk_test_quay', secretKey: 'sk_test_quay', webhookSecret: 'whsec_quay', apiHost: fake.host, apiPort: fake.port, apiProtocol: 'http' },
  })
  await t.enable(tenant.id, 'pos')
  await t.enable(tenant.id, 'notifications', {
    smtp: smtp.config('Quay Works <desk@quay.test>'), brandName: 'Quay Works', appUrl: baseURL, timeZone: TZ, retry: { maxAttempts: 6, baseDelaySeconds: 1 },
  })
  fake.deliverWebhooks({ url: `${baseURL}/api/v1/billing/webhooks/stripe/${tenant.id}`, secret: 'whsec_quay' })
  const desk = await t.signIn({ tenantId: tenant.id, role: 'manager', email: 'desk@quay.test' })
  const login = await t.signIn({ tenantId: tenant.id, role: 'member', email: 'lena@quay.test' })
  await t.adminQuery(`UPDATE tessera.users SET name = 'Lena Park' WHERE id = $1`, [login.userId])
  const api = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await t.request({ method, url: `/api/v1${url}`, session: desk.cookie, ...(payload ? { payload } : {}) })
    assert.ok(res.statusCode < 300, `${url}: ${res.statusCode} ${res.body}`)
    return res.json() as Record<string, any>
  }
  const loc = await api('POST', '/spaces/locations', { name: 'Quay Works Harbourside', timezone: TZ, openingHours: ALL_DAY })
  const rules = { minMinutes: 30, maxMinutes: 600, maxDaysAhead: 60 }
  const room = await api('POST', '/spaces/resources', { locationId: loc.id, name: 'Harbour room', kind: 'meeting_room', capacity: 6, rules, prices: { currency: 'GBP', perHour: 3000 } })
  const lena = await api('POST', '/members/people', { name: 'Lena Park', email: login.email })
  await api('POST', `/members/people/${lena.id}/invite`, {})
  await api('POST', '/pos/products', { sku: 'COF-1', name: 'Flat white', category: 'Drinks', price: 350, taxRateBp: 0, stock: 20 })
  // the day's bookings: Lena's room this afternoon (two hours), confirmed
  const start = Math.ceil(Date.now() / HOUR) * HOUR
  const booking = await api('POST', '/bookings/bookings', { resourceId: room.id, personId: lena.id, startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * HOUR).toISOString() })

  const front = await browser()
  const page = front.page
  await signIn(page, { email: desk.email, password: 'password123' })
  const nav = page.getByRole('navigation', { name: 'Main' })
  await page.getByRole('heading', { level: 1 }).first().waitFor()
  await axe(page, { screen: 'dashboard' })

  // A visitor for Lena: the desk registers him (host found by search) and checks him in; Lena gets the e-mail.
  await nav.getByRole('link', { name: 'Visitors', exact: true }).click()
  await page.getByRole('heading', { name: 'Visitors today', level: 1 }).waitFor()
  await page.getByRole('button', { name: 'Register visitor' }).click()
  const dialog = page.getByRole('dialog', { name: 'Register a visitor' })
  await dialog.waitFor()
  await page.getByRole('textbox', { name: "Visitor's name" }).fill('Omar Haddad')
  await page.getByRole('textbox', { name: 'Company' }).fill('Tidewater Ltd')
  await page.getByLabel('Find host').fill('lena')
  const host = page.getByRole('combobox', { name: 'Host' })
  await host.locator('option', { hasText: 'Lena Park' }).waitFor({ state: 'attached' })
  await host.selectOption({ label: `Lena Park (${login.email})` })
  await axe(page, { screen: 'visitors: register dialog' })
  await page.getByRole('button', { name: 'Register', exact: true }).click()
  await dialog.waitFor({ state: 'hidden' })
  const omar = page.getByRole('table', { name: 'Visitors today' }).getByRole('row').filter({ hasText: 'Omar Haddad' })
  await omar.getByText('Lena Park').waitFor()
  await omar.getByRole('button', { name: 'Check in Omar Haddad' }).click()
  await page.getByText(/Omar Haddad checked in: badge \d+\./).waitFor()
  await omar.getByText('In the building').waitFor()
  await axe(page, { screen: 'visitors' })
  const arrived = await smtp.next((m) => m.to.includes(login.email) && /Omar Haddad has arrived/.test(m.subject), { timeoutMs: 30_000 })
  assert.match(arrived.text, /Omar Haddad \(Tidewater Ltd\) checked in at Quay Works/)

  // A coffee on Lena's account at the POS; her profile shows it among the open charges.
  await nav.getByRole('link', { name: 'Point of sale' }).click()
  await page.getByRole('heading', { name: 'Point of sale', level: 1 }).waitFor()
  await page.getByRole('button', { name: 'Add Flat white' }).click()
  await page.getByRole('combobox', { name: 'Member' }).selectOption({ label: `Lena Park (${login.email})` })
  await axe(page, { screen: 'point of sale' })
  await page.getByRole('button', { name: 'Complete sale · £3.50' }).click()
  await page.getByText('Sold £3.50 on account.').waitFor()
  await nav.getByRole('link', { name: 'Members', exact: true }).click()
  await page.getByRole('link', { name: 'Lena Park' }).click()
  await page.getByRole('heading', { name: 'Lena Park', level: 1 }).waitFor()
  const account = page.getByRole('region', { name: 'Memberships, invoices and credits' })
  const openCharges = account.locator('[data-part="open-charges"]')
  await openCharges.getByText('Flat white').waitFor()
  await openCharges.getByText('£3.50').first().waitFor()
  await axe(page, { screen: 'member profile' })

  // Staff invoice Lena (the draft takes her open charges: the booking and the coffee) and issue it; the e-mail carries the PDF.
  await waitFor(async () => (await t.adminQuery('SELECT 1 FROM billing.booking_charges WHERE booking_id = $1', [booking.id])).rowCount ? true : undefined, { timeoutMs: 20_000, message: 'the booking is charged' })
  await nav.getByRole('link', { name: 'Invoices', exact: true }).click()
  await page.getByRole('heading', { name: 'Invoices', level: 1 }).waitFor()
  await page.getByRole('button', { name: 'New invoice' }).click()
  await page.getByRole('combobox', { name: 'Bill to' }).selectOption({ label: `Lena Park (${login.email})` })
  await page.getByRole('button', { name: 'Create draft' }).click()
  await page.getByRole('heading', { name: 'Draft invoice', level: 1 }).waitFor()
  const lines = page.getByRole('table', { name: 'Lines' })
  await lines.getByText('Flat white').waitFor()
  await lines.getByText(/Harbour room/).waitFor()
  await axe(page, { screen: 'draft invoice' })
  await page.getByRole('button', { name: 'Issue', exact: true }).click()
  // the app's own confirmation before issuing (issue 14 item 9), where billing has it
  const confirm = page.getByRole('button', { name: 'Issue invoice', exact: true })
  const issued = page.getByRole('heading', { name: 'INV-000001', level: 1 })
  await confirm.or(issued).first().waitFor()
  if (await confirm.isVisible()) {
    await axe(page, { screen: 'issue confirmation' })
    await confirm.click()
  }
  await issued.waitFor()
  await axe(page, { screen: 'issued invoice' })
  const mail = await smtp.next((m) => m.to.includes(login.email) && /INV-000001/.test(m.subject), { timeoutMs: 30_000 })
  assert.equal(mail.attachments.length, 1)
  assert.equal(mail.attachments[0].contentType, 'application/pdf')
  assert.equal(mail.attachments[0].filename, 'INV-000001.pdf')
  assert.equal(mail.attachments[0].content.subarray(0, 5).toString('latin1'), '%PDF-')
  assert.match(mail.text, /invoice INV-000001 of GBP 63\.50/) // two hours at £30.00 and the coffee

  // Lena pays it by card through the card element; the fake's signed webhook records it.
  const member = await browser()
  await signIn(member.page, { email: login.email, password: 'password123' })
  await member.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My invoices' }).click()
  await member.page.getByText('£63.50 is due.').waitFor()
  await axe(member.page, { screen: 'my invoices' })
  await member.page.getByRole('button', { name: 'Pay INV-000001 now' }).click()
  await member.page.getByRole('textbox', { name: 'Card number' }).fill('4242 4242 4242 4242')
  await member.page.getByRole('textbox', { name: 'Expiration date' }).fill('12 / 34')
  await member.page.getByRole('textbox', { name: 'CVC' }).fill('123')
  await axe(member.page, { screen: 'pay by card' })
  await member.page.getByRole('button', { name: 'Pay £63.50' }).click()
  await member.page.getByText('Paid £63.50. Thank you!').waitFor()
  await member.page.getByRole('table', { name: 'My invoices' }).getByText('Paid', { exact: true }).waitFor()
  assert.ok(fake.deliveries.some((d) => d.type === 'payment_intent.succeeded' && d.status === 200), 'the signed webhook was accepted')
  // and the desk's open invoice follows live
  await page.getByRole('definition').filter({ has: page.locator('tz-badge') }).getByText('Paid').waitFor()

  // The day's occupancy: the report API's figures for the room, then the Reports screen draws them.
  const from = localDate(start)
  const to = localDate(start + 2 * HOUR)
  const report = await api('GET', `/bookings/reports/occupancy?from=${from}&to=${to}&locationId=${loc.id}`)
  const rows = (report.rows as { resourceId: string; bookedHours: number; availableHours: number; utilisation: number | null }[]).filter((r) => r.resourceId === room.id)
  assert.ok(rows.length >= 1, 'the room has a row')
  const booked = rows.reduce((s, r) => s + r.bookedHours, 0)
  const available = rows.reduce((s, r) => s + r.availableHours, 0)
  assert.equal(booked, 2, 'the two hours Lena booked')
  assert.equal(available, await hoursOfDays(from, to), 'one seat, open around the clock (a day the clocks change has 23 or 25 hours)')
  // and the afternoon report on the Reports screen: the occupancy chart draws the room's utilisation of the day
  await page.goto(`/reports?from=${from}&to=${to}`)
  await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor()
  const occupancyCard = page.locator('tz-report-card[data-report="bookings.occupancy"]')
  await occupancyCard.locator('canvas').waitFor()
  await page.waitForFunction(() => !!(document.querySelector('tz-app')?.shadowRoot?.querySelector('tz-reports')?.shadowRoot
    ?.querySelector('tz-report-card[data-report="bookings.occupancy"]') as unknown as { chart?: unknown } | null)?.chart)
  const drawn = await occupancyCard.evaluate((el) => (el as unknown as { chart: { data: { datasets: { label: string; data: (number | null)[] }[] } } })
    .chart.data.datasets.map((d) => ({ label: d.label, data: d.data })))
  assert.deepEqual(drawn.find((d) => d.label === 'Harbour room')?.data.filter((v) => v !== null && v > 0), rows.map((r) => r.utilisation).filter((v) => v !== null && v > 0))
  await occupancyCard.getByRole('table', { name: /figures/ }).getByText('Harbour room').first().waitFor()
  await axe(page, { screen: 'reports' })

  // a session probe's 401 before sign-in is expected
  assert.deepEqual(errors.filter((e) => !e.startsWith('console: Failed to load resource: the server responded with a status of')), [])
}
