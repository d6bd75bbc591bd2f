/**
 * The day of a front desk, end to end through the real web UI: a real kernel (members, spaces, bookings, billing,
 * access) on a fresh PostgreSQL database, listening on a port, serving the built shell and the plugins' UI bundles;
 * Debian Chromium drives it.
 *
 * Morning: the desk's home is the dashboard of today at its location — the widgets of every enabled plugin (now &
 * next, occupancy, arrivals, no-shows, overdue invoices, door alerts); a booking made in another session appears in
 * "Now & next" without a reload. A member checks in from My bookings while the window is open, and the desk's
 * "Arrivals" follows live. On the calendar the desk opens a booking (panel: who, price, actions), moves it by dragging
 * and stretches it by its bottom edge — each confirmed with the price difference — then cancels it; a walk-in is booked
 * by dragging over free cells (no "Myself" for a desk login without a member record, the price shown before booking).
 * When the operator disables access, its "Door alerts" widget is gone. Screenshots: docs/screenshots/dashboard.png and
 * booking-panel.png (in the README).
 *
 * The location's timezone is picked so that it is late morning there whenever the test runs, so the day never ends
 * mid-test (a zone without daylight saving whose local hour is nearest 10).
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { createTestKernel, waitFor } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import { ensureShellBuilt, openBrowser, signIn, screenshot, axe } from '@tessera/ui-shell/testing'
import type { BrowserSession } from '@tessera/ui-shell/testing'
import { buildPluginUi, findPluginUis, sharedSpecifiers } from '@tessera/ui-shell/build'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import billing from '@tessera/plugin-billing'
import access from '@tessera/plugin-access'
import bookings from '../src/index.ts'
import { localTime } from '../ui/time.ts'

const repoRoot = join(import.meta.dirname, '..', '..', '..')
const shots = join(repoRoot, 'docs', 'screenshots')
const ids = ['members', 'spaces', 'bookings', 'billing', 'access']
const ALL_DAY = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ from: '00:00', to: '24:00' }]]))
/** Zones without daylight saving, one per UTC offset from −10 to +14. */
const ZONES = [
  'Pacific/Honolulu', 'Pacific/Gambier', 'Pacific/Pitcairn', 'America/Phoenix', 'America/Regina', 'America/Bogota', 'America/La_Paz',
  'America/Argentina/Buenos_Aires', 'America/Noronha', 'Atlantic/Cape_Verde', 'Africa/Abidjan', 'Africa/Lagos', 'Africa/Johannesburg',
  'Europe/Istanbul', 'Asia/Dubai', 'Asia/Karachi', 'Asia/Dhaka', 'Asia/Bangkok', 'Asia/Singapore', 'Asia/Tokyo', 'Australia/Brisbane',
  'Pacific/Noumea', 'Pacific/Tarawa', 'Pacific/Fakaofo', 'Pacific/Kiritimati',
]
const HALF_HOUR = 30 * 60_000

let t: TestKernel
let baseURL = ''
const browsers: BrowserSession[] = []
const errors: string[] = []

before(async () => {
  const distDir = await ensureShellBuilt(repoRoot)
  const shared = new Set(sharedSpecifiers(join(repoRoot, 'ui', 'shell')))
  await Promise.all(findPluginUis(join(repoRoot, 'plugins')).filter((p) => ids.includes(p.id)).map((p) => buildPluginUi(p, shared)))
  const definitions = { members, spaces, bookings, billing, access } as Record<string, unknown>
  t = await createTestKernel({
    plugins: ids.map((id) => ({ definition: definitions[id], packageDir: join(repoRoot, 'plugins', id) })) as never,
    config: { ui: { shellDir: distDir } } as never,
  })
  baseURL = `http://127.0.0.1:${new URL(await t.listen()).port}`
})

after(async () => {
  for (const b of browsers) await b.close().catch(() => {})
  await t?.close()
})

async function browser(viewport?: { width: number; height: number }): Promise<BrowserSession> {
  const b = await openBrowser({ baseURL, errors, ...(viewport ? { viewport } : {}) })
  b.context.setDefaultTimeout(15_000)
  browsers.push(b)
  return b
}

/** The zone whose local hour is nearest 10:00 right now. */
function lateMorningZone(): string {
  const hourIn = (timeZone: string) => Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(new Date()))
  return ZONES.map((z) => ({ z, d: Math.abs(hourIn(z) + (new Date().getUTCMinutes() / 60) - 10.5) })).sort((a, b) => a.d - b.d)[0].z
}

/** Dismisses open toasts so screenshots show the screen, not the notifications. */
async function clearToasts(page: BrowserSession['page']): Promise<void> {
  const buttons = page.getByRole('region', { name: 'Notifications' }).getByRole('button')
  while ((await buttons.count()) > 0) await buttons.first().click()
}

/** Presses the mouse on one element and releases it over another, moving in steps (a real drag). */
async function drag(page: BrowserSession['page'], from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(to.x, to.y, { steps: 8 })
  await page.mouse.up()
}

/** The box of an element that must be on screen (a drag moves the real pointer). */
async function onScreen(locator: ReturnType<BrowserSession['page']['locator']>): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await locator.boundingBox()
  const size = locator.page().viewportSize()!
  assert.ok(box && box.y >= 0 && box.y + box.height <= size.height && box.x >= 0 && box.x + box.width <= size.width, `on screen: ${JSON.stringify(box)}`)
  return box
}

/** The centre of an element on screen. */
const centre = async (locator: ReturnType<BrowserSession['page']['locator']>) => {
  const box = await onScreen(locator)
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

test('the day of a front desk: dashboard, live widgets, check-in, the booking panel, drag to move, resize and book', { timeout: 150_000 }, async () => {
  try {
    await scenario()
  } catch (error) {
    for (const [i, b] of browsers.entries()) await screenshot(b.page, join(repoRoot, 'test-results', 'front-desk', `failure-${i}.png`)).catch(() => {})
    throw error
  }
})

async function scenario(): Promise<void> {
  const tz = lateMorningZone()
  const tenant = await t.createTenant('harbour-works', 'Harbour Works')
  await t.enable(tenant.id, 'members')
  await t.enable(tenant.id, 'spaces')
  await t.enable(tenant.id, 'bookings', { checkInOpensMinutes: 60, checkInGraceMinutes: 30 })
  await t.enable(tenant.id, 'billing', { currency: 'GBP' })
  await t.enable(tenant.id, 'access')
  const desk = await t.signIn({ tenantId: tenant.id, role: 'support', email: 'frontdesk@harbour.test' }) // no member record
  const manager = await t.signIn({ tenantId: tenant.id, role: 'manager', email: 'manager@harbour.test' })
  const priyaLogin = await t.signIn({ tenantId: tenant.id, role: 'member', email: 'priya@lumen.test' })
  const api = async (method: 'POST' | 'PATCH', url: string, payload: object, session = manager.cookie) => {
    const res = await t.request({ method, url: `/api/v1${url}`, session, payload })
    assert.ok(res.statusCode < 300, `${url}: ${res.statusCode} ${res.body}`)
    return res.json() as Record<string, any>
  }

  // The space: one location open around the clock, a boardroom, a focus room and hot desks, priced in GBP.
  const loc = await api('POST', '/spaces/locations', { name: 'Harbour Works Central', timezone: tz, openingHours: ALL_DAY })
  const rules = { minMinutes: 30, maxMinutes: 600, maxDaysAhead: 60 }
  const boardroom = await api('POST', '/spaces/resources', { locationId: loc.id, name: 'Boardroom', kind: 'meeting_room', capacity: 10, rules, prices: { currency: 'GBP', perHour: 2500 } })
  const focus = await api('POST', '/spaces/resources', { locationId: loc.id, name: 'Focus room', kind: 'meeting_room', capacity: 4, rules, prices: { currency: 'GBP', perHour: 2000 } })
  const desks = await api('POST', '/spaces/resources', { locationId: loc.id, name: 'Hot desks', kind: 'hot_desk_area', capacity: 6, rules, prices: { currency: 'GBP', perDay: 1500 } })
  const priya = await api('POST', '/members/people', { name: 'Priya Shah', email: priyaLogin.email })
  await api('POST', `/members/people/${priya.id}/invite`, {})
  const tom = await api('POST', '/members/people', { name: 'Tom Becker', email: 'tom@northwind.test' })
  const ana = await api('POST', '/members/people', { name: 'Ana Ruiz', email: 'ana@lumen.test' })

  // The morning so far: Priya's focus-room booking starts at the next half hour (check-in open), Ana sits at a desk
  // (a walk-in), Tom did not show up for an early desk booking (released), and Sam owes an overdue invoice.
  const now = Date.now()
  const nextHalf = Math.ceil(now / HALF_HOUR) * HALF_HOUR
  const iso = (ms: number) => new Date(ms).toISOString()
  const priyaBooking = await api('POST', '/bookings/bookings', { resourceId: focus.id, startsAt: iso(nextHalf), endsAt: iso(nextHalf + 2 * HALF_HOUR), title: 'Investor call' }, priyaLogin.cookie)
  assert.equal(priyaBooking.checkInOpen, true)
  await api('POST', '/bookings/bookings', { resourceId: desks.id, personId: ana.id, startsAt: iso(nextHalf - 2 * HALF_HOUR), endsAt: iso(nextHalf + 6 * HALF_HOUR) })
  const noShow = await api('POST', '/bookings/bookings', { resourceId: desks.id, personId: tom.id, startsAt: iso(nextHalf + 12 * HALF_HOUR), endsAt: iso(nextHalf + 14 * HALF_HOUR) })
  const earlier = Math.floor(now / HALF_HOUR) * HALF_HOUR - 4 * HALF_HOUR
  await t.adminQuery(`UPDATE bookings.bookings SET during = tstzrange($2, $3, '[)'), status = 'released', released_at = now() WHERE id = $1`, [noShow.id, iso(earlier), iso(earlier + 2 * HALF_HOUR)])
  const sam = await api('POST', '/members/people', { name: 'Sam Okoro', email: 'sam@okoro.test' }) // no bookings: only this charge
  await api('POST', '/billing/charges', { payerType: 'person', payerId: sam.id, description: 'Private office, November', unitAmount: 12_000, taxRateBp: 0, source: 'nov-office' })
  const draft = await api('POST', '/billing/invoices', { payerType: 'person', payerId: sam.id })
  const invoice = await api('POST', `/billing/invoices/${draft.id}/issue`, {})
  await t.adminQuery(`UPDATE billing.invoices SET due_on = current_date - 5 WHERE id = $1`, [invoice.id])

  // Morning dashboard: every enabled plugin's widget, with today's data.
  const front = await browser({ width: 1280, height: 900 }) // the calendar's grid and the rows dragged over fit on screen
  await signIn(front.page, { email: desk.email, password: 'password123' })
  const page = front.page
  await page.getByRole('heading', { name: 'Today at Harbour Works Central', level: 1 }).waitFor()
  const widget = (title: string) => page.getByRole('region', { name: title, exact: true })
  for (const title of ['Now & next', 'Occupancy now', 'Arrivals', 'No-shows today', 'Overdue invoices', 'Door alerts']) await widget(title).waitFor()
  const nowNext = widget('Now & next')
  await nowNext.getByRole('button', { name: 'Check in Priya Shah' }).waitFor()
  await nowNext.getByText('Ana Ruiz').waitFor()
  await widget('No-shows today').getByText('Tom Becker').waitFor()
  await widget('Overdue invoices').getByText('1 · £120.00').waitFor()
  await widget('Occupancy now').getByText('1 of 6').waitFor()
  await widget('Arrivals').getByText('1 of 2').waitFor() // Ana (a walk-in) is in; Priya is expected
  await widget('Door alerts').getByText('All doors are online').waitFor()
  assert.equal(await page.getByRole('link', { name: '/bookings' }).count(), 0, 'no internal paths on home')

  // Another session books the focus room for Tom after Priya: "Now & next" shows it without a reload.
  const tomBooking = await api('POST', '/bookings/bookings', { resourceId: focus.id, personId: tom.id, startsAt: iso(nextHalf + 4 * HALF_HOUR), endsAt: iso(nextHalf + 6 * HALF_HOUR) })
  await nowNext.locator(`[data-booking="${tomBooking.id}"]`).getByText('Tom Becker').waitFor()
  await clearToasts(page)
  await axe(page)
  await screenshot(page, join(shots, 'dashboard.png'))

  // Priya checks in from My bookings (her window is open); the desk's Arrivals follows live.
  const member = await browser()
  await signIn(member.page, { email: priyaLogin.email, password: 'password123' })
  await member.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My bookings' }).click()
  await member.page.getByRole('heading', { name: 'Book a room or desk' }).waitFor()
  const mine = member.page.getByRole('table', { name: 'My upcoming bookings' })
  await mine.getByText('Investor call').waitFor()
  await mine.getByRole('button', { name: /^Check in to Focus room/ }).click()
  await member.page.getByText('Checked in to Focus room.').waitFor()
  await mine.getByText('Checked in').waitFor()
  await member.page.getByRole('tab', { name: 'Past' }).click()
  await member.page.getByRole('table', { name: 'My past bookings' }).waitFor()
  await member.page.getByText('No past bookings').waitFor()
  await widget('Arrivals').getByText('2 of 3').waitFor() // Ana and Priya; Tom's booking comes later

  // The calendar: Tom's booking opens in the panel — who, what, when, price, and what the desk can do.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calendar' }).click()
  await page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor()
  const block = page.locator(`button.block[data-booking="${tomBooking.id}"]`)
  await block.waitFor()
  await waitFor(async () => (await t.adminQuery('SELECT 1 FROM billing.booking_charges WHERE booking_id = $1', [tomBooking.id])).rowCount ? true : undefined, { timeoutMs: 20_000 })
  await block.click()
  // (a dialog's slotted content is outside its <dialog> in the DOM: the dialog is found by name, its content on the page)
  const panel = page.getByRole('dialog', { name: 'Tom Becker' })
  await panel.waitFor()
  await page.getByText('£20.00').waitFor() // one hour at £20.00, charged by billing
  await page.getByRole('link', { name: 'Open member' }).waitFor()
  for (const action of ['Move…', 'Extend…', 'Cancel…']) await page.getByRole('button', { name: action }).waitFor()
  await clearToasts(page)
  await axe(page)
  await screenshot(page, join(shots, 'booking-panel.png'))
  await panel.getByRole('button', { name: 'Close', exact: true }).click()
  await panel.waitFor({ state: 'hidden' })

  // Drag Tom's booking one hour later: confirmed with its price (unchanged), then it sits at the new time.
  const rowAt = (ms: number) => page.locator('tbody tr', { has: page.locator('th.time', { hasText: localTime(ms, tz) }) })
  // the grid scrolled to the current time when it opened, the page to the grid: every row dragged over is on screen
  await page.locator('.grid-wrap').evaluate((el) => el.scrollIntoView({ block: 'start' }))
  const target = rowAt(nextHalf + 6 * HALF_HOUR).locator('td').nth(1) // the focus room's column (Boardroom is first)
  const grabbed = await onScreen(block)
  const into = await onScreen(target)
  await drag(page, { x: grabbed.x + grabbed.width / 2, y: grabbed.y + 10 }, { x: into.x + into.width / 2, y: into.y + 10 })
  await page.getByRole('dialog', { name: "Move Tom Becker's booking?" }).waitFor()
  await page.getByText('The price stays £20.00.').waitFor()
  await page.getByRole('button', { name: 'Move booking' }).click()
  const movedRange = `${localTime(nextHalf + 6 * HALF_HOUR, tz)}–${localTime(nextHalf + 8 * HALF_HOUR, tz)}`
  await page.locator(`button.block[data-booking="${tomBooking.id}"]`).filter({ hasText: movedRange }).waitFor()

  // Stretch it by its bottom edge by half an hour: £10.00 more.
  await waitFor(async () => (await t.adminQuery('SELECT revision FROM billing.booking_charges WHERE booking_id = $1', [tomBooking.id])).rows[0]?.revision >= 1 ? true : undefined, { timeoutMs: 20_000 })
  const handle = page.locator(`button.block[data-booking="${tomBooking.id}"] .resize`)
  const below = rowAt(nextHalf + 8 * HALF_HOUR).locator('td').nth(1)
  await drag(page, await centre(handle), { x: (await centre(below)).x, y: (await centre(below)).y })
  await page.getByRole('dialog', { name: "Change the length of Tom Becker's booking?" }).waitFor()
  await page.getByText('£10.00 more: £30.00 instead of £20.00.').waitFor()
  await page.getByRole('button', { name: 'Change length' }).click()
  await page.locator(`button.block[data-booking="${tomBooking.id}"]`).filter({ hasText: `${localTime(nextHalf + 6 * HALF_HOUR, tz)}–${localTime(nextHalf + 9 * HALF_HOUR, tz)}` }).waitFor()

  // Then cancel it from its panel, with a reason: its block goes.
  await page.locator(`button.block[data-booking="${tomBooking.id}"]`).click()
  await panel.waitFor()
  await page.getByRole('button', { name: 'Cancel…' }).click()
  await page.getByRole('textbox', { name: 'Reason (optional)' }).fill('Client postponed')
  await page.getByRole('button', { name: 'Cancel booking' }).click()
  await page.getByText('Booking cancelled.').waitFor()
  await page.locator(`button.block[data-booking="${tomBooking.id}"]`).waitFor({ state: 'detached' })

  // A walk-in, booked by dragging over the boardroom's free cells from the current half hour: the lengths stop at
  // nothing before closing, the desk (no member record) must say who it is for, and the price shows first.
  await waitFor(() => Promise.resolve(Date.now() % HALF_HOUR < HALF_HOUR - 60_000 ? true : undefined), { timeoutMs: 70_000, message: 'not in the last minute of a half hour' })
  const current = Math.floor(Date.now() / HALF_HOUR) * HALF_HOUR
  const first = page.getByRole('button', { name: `Book Boardroom at ${localTime(current, tz)}`, exact: true })
  const third = page.getByRole('button', { name: `Book Boardroom at ${localTime(current + 2 * HALF_HOUR, tz)}`, exact: true })
  await drag(page, await centre(first), await centre(third))
  await page.getByRole('dialog', { name: 'Book Boardroom' }).waitFor()
  assert.equal(await page.getByRole('combobox', { name: 'Length' }).inputValue(), '90', 'the dragged length: three half hours')
  const forWhom = page.getByRole('combobox', { name: 'Book for' })
  await forWhom.locator('option', { hasText: 'Tom Becker' }).waitFor({ state: 'attached' })
  assert.equal(await forWhom.locator('option', { hasText: 'Myself' }).count(), 0, 'no Myself for a desk login without a member record')
  const bookButton = page.getByRole('button', { name: 'Book', exact: true })
  assert.equal(await bookButton.isDisabled(), true, 'says who it is for first')
  await forWhom.selectOption({ label: 'Tom Becker (tom@northwind.test)' })
  await page.getByText('Costs £37.50.').waitFor()
  await bookButton.click()
  await page.getByText('Booked.').waitFor()
  const walkIn = page.locator('button.block.checked_in').filter({ hasText: `${localTime(current, tz)}–${localTime(current + 3 * HALF_HOUR, tz)}` })
  await walkIn.waitFor()
  await page.locator('.now-line:not([hidden])').waitFor()

  // The operator disables access: after a reload the dashboard has no "Door alerts", the other widgets stay.
  await t.disable(tenant.id, 'access')
  await page.goto('/')
  await widget('Now & next').waitFor()
  await widget('Overdue invoices').waitFor()
  assert.equal(await widget('Door alerts').count(), 0, 'a disabled plugin contributes nothing')

  assert.deepEqual(errors.filter((e) => !e.startsWith('console: Failed to load resource: the server responded with a status of')), [])
}
