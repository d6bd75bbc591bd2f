/**
 * End to end through the real web UI: a real kernel (members, spaces, bookings) on a fresh PostgreSQL database,
 * listening on a port, serving the built shell and the plugins' UI bundles; Debian Chromium drives it.
 *
 * An operator enables the plugins for a tenant on the operator screens; staff create a location and a room; a member
 * books a slot in "My bookings"; staff's open calendar (a second browser) shows the booking without a reload
 * (realtime) and their stale attempt at the same slot says "already booked"; staff add, invite and suspend a person
 * in Members; the calendar's Week view shows the booking in its day's column; after the operator disables bookings its nav entries are gone and its API answers 404. Screenshots of
 * the main screens go to docs/screenshots/ (used in the README), a few more to test-results/ui-e2e/.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { createTestKernel } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import { ensureShellBuilt, openBrowser, signIn, screenshot, axe } from '@tessera/ui-shell/testing'
import type { BrowserSession } from '@tessera/ui-shell/testing'
import { buildPluginUi, findPluginUis, sharedSpecifiers } from '@tessera/ui-shell/build'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import bookings from '../src/index.ts'
import { shortDate } from '../ui/time.ts'

const repoRoot = join(import.meta.dirname, '..', '..', '..')
const shots = join(repoRoot, 'docs', 'screenshots')
/** More screens, for review only (not in the README). */
const extra = join(repoRoot, 'test-results', 'ui-e2e')
const pluginDir = (id: string) => join(repoRoot, 'plugins', id)

let t: TestKernel
let baseURL = ''
const browsers: BrowserSession[] = []
const errors: string[] = []

before(async () => {
  // The shell and the shared vendor modules (rebuilt only when stale, so a browser test running alongside keeps its
  // files), and these three plugins' UI bundles (plugins/<id>/dist/ui), which the kernel serves as deployed.
  const distDir = await ensureShellBuilt(repoRoot)
  const shared = new Set(sharedSpecifiers(join(repoRoot, 'ui', 'shell')))
  const ids = ['members', 'spaces', 'bookings']
  await Promise.all(findPluginUis(join(repoRoot, 'plugins')).filter((p) => ids.includes(p.id)).map((p) => buildPluginUi(p, shared)))
  t = await createTestKernel({
    plugins: [
      { definition: members, packageDir: pluginDir('members') },
      { definition: spaces, packageDir: pluginDir('spaces') },
      { definition: bookings, packageDir: pluginDir('bookings') },
    ],
    config: { ui: { shellDir: distDir } } as never,
  })
  baseURL = `http://127.0.0.1:${new URL(await t.listen()).port}`
})

after(async () => {
  for (const b of browsers) await b.close().catch(() => {})
  await t?.close()
})

/** Dismisses open toasts so screenshots show the screen, not the notifications. */
async function clearToasts(page: BrowserSession['page']): Promise<void> {
  const region = page.getByRole('region', { name: 'Notifications' })
  const buttons = region.getByRole('button')
  while ((await buttons.count()) > 0) await buttons.first().click()
}

async function browser(): Promise<BrowserSession> {
  const b = await openBrowser({ baseURL, errors })
  b.context.setDefaultTimeout(10_000)
  browsers.push(b)
  return b
}

/** The closure the staff enter for the location below: no booking on these days. */
const CLOSED = { from: '2030-12-24', to: '2030-12-26' }

/** Next local date (YYYY-MM-DD in UTC, the location's timezone) that is a weekday the location is open, at least one day ahead. */
function nextWeekday(): string {
  const d = new Date(Date.now() + 86_400_000)
  const closed = () => d.toISOString().slice(0, 10) >= CLOSED.from && d.toISOString().slice(0, 10) <= CLOSED.to
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6 || closed()) d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

test('operator enables plugins, staff set up spaces, a member books, calendars update live, disabling removes bookings', { timeout: 90_000 }, async () => {
  try {
    await scenario()
  } catch (error) {
    // Keep what each browser showed when it failed, for the CI artefacts.
    for (const [i, b] of browsers.entries()) await screenshot(b.page, join(repoRoot, 'test-results', 'ui-e2e', `failure-${i}.png`)).catch(() => {})
    throw error
  }
})

async function scenario(): Promise<void> {
  const tenant = await t.createTenant('harbour-works', 'Harbour Works')
  const operator = await t.signIn({ operator: true, email: 'ops@tessera.test' })
  const staff = await t.signIn({ tenantId: tenant.id, role: 'admin', email: 'frontdesk@harbour.test' })
  const memberLogin = await t.signIn({ tenantId: tenant.id, role: 'member', email: 'priya@lumen.test' })

  // Operator: sign in, open the tenant's plugins, enable members, spaces and bookings.
  const ops = await browser()
  await ops.page.goto('/')
  await ops.page.getByLabel('Email', { exact: true }).waitFor()
  await axe(ops.page)
  await screenshot(ops.page, join(shots, 'sign-in.png'))
  await signIn(ops.page, { email: operator.email, password: 'password123' })
  await ops.page.goto(`/operator/tenants/${tenant.id}`)
  await ops.page.getByRole('heading', { name: 'Harbour Works · Plugins' }).waitFor()
  for (const name of ['Members', 'Spaces']) {
    await ops.page.getByRole('button', { name: `Enable ${name}` }).click()
    await ops.page.getByRole('button', { name: `Disable ${name}` }).waitFor()
  }
  await ops.page.getByRole('button', { name: 'Enable Bookings' }).click()
  await ops.page.getByRole('button', { name: 'Enable plugin' }).click()
  await ops.page.getByRole('button', { name: 'Disable Bookings' }).waitFor()
  await clearToasts(ops.page)
  await axe(ops.page)
  await screenshot(ops.page, join(shots, 'operator-tenant-plugins.png'))

  // Staff: create a location and a meeting room through the UI.
  const desk = await browser()
  await signIn(desk.page, { email: staff.email, password: 'password123' })
  const nav = desk.page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('link', { name: 'Spaces' }).click()
  await desk.page.getByRole('heading', { name: 'No locations yet' }).waitFor()
  await desk.page.getByRole('button', { name: 'New location' }).click()
  const locDialog = desk.page // slotted dialog content is outside <dialog> in the DOM, so query the page
  await locDialog.getByLabel('Name', { exact: true }).fill('Harbour Works Central')
  await locDialog.getByLabel('Timezone', { exact: true }).selectOption('UTC')
  await locDialog.getByLabel('Monday', { exact: true }).fill('7-18')
  await locDialog.getByRole('button', { name: 'Create location' }).click()
  await locDialog.getByText('Write times like 08:00-18:00').waitFor()
  await axe(desk.page)
  await screenshot(desk.page, join(extra, 'location-dialog-error.png'))
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) await locDialog.getByLabel(day, { exact: true }).fill('08:00-18:00')
  await locDialog.getByLabel('City', { exact: true }).fill('Bristol')
  await locDialog.getByRole('textbox', { name: 'Closures' }).fill(`${CLOSED.from} to ${CLOSED.to} Christmas`)
  await locDialog.getByRole('button', { name: 'Create location' }).click()
  await desk.page.getByRole('heading', { name: 'Harbour Works Central', level: 1 }).waitFor()
  await desk.page.getByRole('heading', { name: 'No resources yet' }).waitFor()
  await desk.page.getByText(`${CLOSED.from} – ${CLOSED.to} (Christmas)`).waitFor()
  await desk.page.getByRole('button', { name: 'New resource' }).click()
  const resDialog = desk.page
  await resDialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Boardroom')
  await resDialog.getByRole('spinbutton', { name: 'Capacity', exact: true }).fill('10')
  await resDialog.getByRole('textbox', { name: 'Currency', exact: true }).fill('GBP')
  await resDialog.getByRole('spinbutton', { name: 'Price per hour', exact: true }).fill('25')
  await axe(desk.page)
  await screenshot(desk.page, join(extra, 'resource-dialog.png'))
  await resDialog.getByRole('button', { name: 'Create resource' }).click()
  await desk.page.getByRole('table', { name: 'Resources' }).getByRole('link', { name: 'Boardroom' }).waitFor()
  await desk.page.getByRole('table', { name: 'Resources' }).getByText('25.00 GBP').waitFor()
  await axe(desk.page)
  await screenshot(desk.page, join(extra, 'location.png'), { fullPage: true })
  await nav.getByRole('link', { name: 'Spaces' }).click()
  await desk.page.getByRole('table', { name: 'Locations' }).getByRole('link', { name: 'Harbour Works Central' }).waitFor()
  await clearToasts(desk.page)
  await axe(desk.page)
  await screenshot(desk.page, join(shots, 'spaces-locations.png'))

  // A member: a person in Members linked to a login — created and invited through the API, as the front desk does.
  const asStaff = async (method: 'POST', url: string, payload: object) => {
    const res = await t.request({ method, url: `/api/v1${url}`, session: staff.cookie, payload })
    assert.ok(res.statusCode < 300, `${url}: ${res.statusCode} ${res.body}`)
    return res.json() as { id: string }
  }
  const lumen = await asStaff('POST', '/members/organisations', { name: 'Lumen Labs', email: 'hello@lumen.test' })
  const priya = await asStaff('POST', '/members/people', { name: 'Priya Shah', email: memberLogin.email, phone: '+44 117 496 0123', organisationId: lumen.id })
  await asStaff('POST', `/members/people/${priya.id}/invite`, {})
  await asStaff('POST', '/members/people', { name: 'Tom Becker', email: 'tom@northwind.test' })

  // Staff open the day in the calendar and start booking 10:00 for Tom, leaving the dialog open.
  const day = nextWeekday()
  await nav.getByRole('link', { name: 'Calendar' }).click()
  await desk.page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor()
  await desk.page.getByLabel('Date', { exact: true }).fill(day)
  await desk.page.getByRole('button', { name: 'Book Boardroom at 10:00' }).click()
  await desk.page.getByRole('combobox', { name: 'Book for' }).selectOption({ label: 'Tom Becker (tom@northwind.test)' })

  // The member books 10:00–11:00 with the finder on "My bookings".
  const member = await browser()
  await signIn(member.page, { email: memberLogin.email, password: 'password123' })
  const memberNav = member.page.getByRole('navigation', { name: 'Main' })
  assert.equal(await memberNav.getByRole('link', { name: 'Calendar' }).count(), 0, 'members have no staff calendar')
  assert.equal(await nav.getByRole('link', { name: 'My bookings' }).count(), 0, 'staff whose login is no member here get no self-service pages')
  await memberNav.getByRole('link', { name: 'My bookings' }).click()
  await member.page.getByText('Signed in as Priya Shah').waitFor()
  await member.page.getByText('No upcoming bookings').waitFor()
  await member.page.getByLabel('Day', { exact: true }).fill(day)
  await member.page.getByRole('button', { name: 'Find free slots' }).click()
  await member.page.getByRole('button', { name: 'Book Boardroom 10:00–11:00' }).click()
  await member.page.getByRole('textbox', { name: 'Title' }).fill('Investor call')
  await member.page.getByRole('button', { name: 'Book', exact: true }).click()
  await member.page.getByText('Boardroom booked.').waitFor()
  const mine = member.page.getByRole('table', { name: 'My upcoming bookings' })
  await mine.getByText('Investor call').waitFor()
  await mine.getByText('Confirmed').waitFor()
  await member.page.getByRole('button', { name: 'Book Boardroom 10:00–11:00' }).waitFor({ state: 'detached' })
  await clearToasts(member.page)
  await member.page.mouse.wheel(0, -2000)
  await axe(member.page)
  await screenshot(member.page, join(shots, 'my-bookings.png'))

  // Staff's calendar shows it without a reload (realtime), and their stale attempt is refused clearly.
  await desk.page.locator('[data-booking]').filter({ hasText: 'Investor call' }).filter({ hasText: '10:00–11:00' }).waitFor()
  await desk.page.getByRole('button', { name: 'Book', exact: true }).click()
  await desk.page.getByText('Already booked').waitFor()
  await desk.page.getByText('Boardroom is already booked at').waitFor()
  await axe(desk.page)
  await screenshot(desk.page, join(extra, 'already-booked.png'))
  await desk.page.getByRole('button', { name: 'Cancel', exact: true }).click()
  // Staff book 11:00 for Tom instead.
  await desk.page.getByRole('button', { name: 'Book Boardroom at 11:00' }).click()
  await desk.page.getByRole('combobox', { name: 'Book for' }).selectOption({ label: 'Tom Becker (tom@northwind.test)' })
  await desk.page.getByRole('button', { name: 'Book', exact: true }).click()
  await desk.page.locator('[data-booking]').filter({ hasText: 'Tom Becker' }).waitFor()
  await clearToasts(desk.page)
  await axe(desk.page)
  await screenshot(desk.page, join(shots, 'bookings-calendar.png'))
  // The grid is one Tab stop (roving tabindex): the arrow keys move inside it, with a visible focus ring.
  const grid = desk.page.getByRole('table', { name: /^Bookings at / })
  const stops = grid.locator('button[tabindex="0"], a[tabindex="0"]')
  assert.equal(await stops.count(), 1, 'exactly one control of the grid is in the Tab order')
  assert.ok((await grid.locator('button[tabindex="-1"]').count()) > 5, 'the others are reached with the arrow keys')
  const focusedName = () => desk.page.evaluate(() => {
    let el: Element | null = document.activeElement
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
    return { label: el?.getAttribute('aria-label') ?? '', ring: el ? getComputedStyle(el).boxShadow : 'none', tab: (el as HTMLElement | null)?.tabIndex }
  })
  await grid.getByRole('button', { name: 'Book Boardroom at 13:00' }).focus()
  await desk.page.keyboard.press('ArrowDown')
  const below = await focusedName()
  assert.match(below.label, /^Book Boardroom at 13:30/, 'ArrowDown: the next row of the same column')
  assert.equal(below.tab, 0, 'the focused control is the Tab stop now')
  await desk.page.keyboard.press('ArrowUp')
  assert.match((await focusedName()).label, /^Book Boardroom at 13:00/)
  if ((await grid.locator('thead th').count()) > 2) {
    await desk.page.keyboard.press('ArrowRight')
    assert.doesNotMatch((await focusedName()).label, /Boardroom at 13:00/, 'ArrowRight: the next column')
    await desk.page.keyboard.press('ArrowLeft')
  }
  const back = await focusedName()
  assert.match(back.label, /^Book Boardroom at 13:00/)
  assert.notEqual(back.ring, 'none', 'a visible focus ring')
  assert.equal(await stops.count(), 1, 'still one Tab stop')

  // Week view (one resource, Monday–Sunday): the member's booking is in its day's column.
  const views = desk.page.getByRole('group', { name: 'View' })
  await views.getByRole('button', { name: 'Week' }).click()
  await views.getByRole('button', { name: 'Week', pressed: true }).waitFor()
  await desk.page.getByRole('combobox', { name: 'Resource' }).waitFor()
  const block = desk.page.locator(`td[data-date="${day}"] [data-booking]`).filter({ hasText: 'Investor call' })
  await block.waitFor()
  const column = await desk.page.getByRole('columnheader', { name: shortDate(day) }).boundingBox()
  const box = await block.boundingBox()
  assert.ok(column && box && box.x >= column.x && box.x + box.width <= column.x + column.width + 1, 'the booking sits under its day')
  await clearToasts(desk.page)
  await axe(desk.page)
  await screenshot(desk.page, join(shots, 'bookings-week.png'))

  // Staff add a person in Members, invite them and suspend them; the list finds them by organisation.
  await nav.getByRole('link', { name: 'Members' }).click()
  await desk.page.getByRole('table', { name: 'People' }).getByRole('link', { name: 'Priya Shah' }).waitFor()
  await desk.page.getByRole('button', { name: 'New person' }).click()
  await desk.page.getByRole('button', { name: 'Create person' }).click()
  await desk.page.getByText('Enter a name.').waitFor()
  await desk.page.getByRole('textbox', { name: 'Name', exact: true }).fill('Ana Ruiz')
  await desk.page.getByRole('textbox', { name: 'E-mail', exact: true }).fill(memberLogin.email)
  await desk.page.getByRole('combobox', { name: 'Organisation' }).selectOption({ label: 'Lumen Labs' })
  await desk.page.getByRole('button', { name: 'Create person' }).click()
  await desk.page.getByText('Another person already has this e-mail address.').waitFor()
  await desk.page.getByRole('textbox', { name: 'E-mail', exact: true }).fill('ana@lumen.test')
  await desk.page.getByRole('button', { name: 'Create person' }).click()
  await desk.page.getByRole('heading', { name: 'Ana Ruiz', level: 1 }).waitFor()
  await desk.page.getByRole('button', { name: 'Invite', exact: true }).click()
  await desk.page.getByRole('heading', { name: 'Invite Ana Ruiz?' }).waitFor()
  await desk.page.getByRole('button', { name: 'Send invitation' }).click()
  await desk.page.getByText('Invited — can sign in and book').waitFor()
  await desk.page.getByRole('button', { name: 'Change status' }).click()
  await desk.page.getByRole('combobox', { name: 'New status' }).selectOption('suspended')
  await desk.page.getByRole('textbox', { name: 'Reason' }).fill('Unpaid invoice')
  await desk.page.getByRole('button', { name: 'Change status' }).last().click()
  await desk.page.getByText('Ana Ruiz is now suspended.').waitFor()
  await desk.page.getByRole('link', { name: 'Members', exact: true }).last().click()
  await desk.page.getByRole('searchbox', { name: 'Search' }).fill('lumen')
  await desk.page.getByText('Showing 1–2 of 2').waitFor()
  await desk.page.getByRole('searchbox', { name: 'Search' }).fill('')
  await desk.page.getByText('Showing 1–3 of 3').waitFor()
  await clearToasts(desk.page)
  await axe(desk.page)
  await screenshot(desk.page, join(shots, 'members-list.png'))

  // The operator disables bookings: its nav entries are gone after a reload and its API answers 404.
  await ops.page.getByRole('button', { name: 'Disable Bookings' }).click()
  await ops.page.getByRole('button', { name: 'Disable', exact: true }).click()
  await ops.page.getByRole('button', { name: 'Enable Bookings' }).waitFor()
  await desk.page.reload()
  await nav.getByRole('link', { name: 'Spaces' }).waitFor()
  assert.equal(await nav.getByRole('link', { name: 'Calendar' }).count(), 0)
  assert.equal(await nav.getByRole('link', { name: 'My bookings' }).count(), 0)
  assert.equal((await desk.context.request.get(`${baseURL}/api/v1/bookings/bookings`)).status(), 404)
  assert.equal((await member.context.request.get(`${baseURL}/api/v1/bookings/bookings`)).status(), 404)

  // The browser logs every non-2xx response (the session probe's 401, the refused double booking's 409); those are
  // expected. Anything else — an uncaught error, a failed module load — is not.
  assert.deepEqual(errors.filter((e) => !e.startsWith('console: Failed to load resource: the server responded with a status of')), [])
}
