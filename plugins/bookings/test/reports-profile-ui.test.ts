/**
 * The Reports screen and the member profile in the real web UI: a real kernel (members, spaces, bookings, billing,
 * access) listening on a port, serving the built shell and the plugins' bundles; Debian Chromium drives it.
 *
 * Reports: bookings and invoices of January 2025 written straight into the tables (past weeks cannot be booked
 * through the API), hand-computed figures; the manager opens /reports with the range in the URL: four charts drawn
 * by Chart.js (loaded on demand, not with the shell) with the API's points, a table of the figures, each CSV link
 * downloads text/csv, the location filter and the empty state; a member has no Reports (the manifest's permission
 * filter). Screenshot docs/screenshots/report.png.
 *
 * Profile: an admin opens /members/:id — the sections of the enabled plugins (billing's memberships and open charges,
 * bookings, access's door credentials, members' notes and activity), adds a note and sees it, and the activity shows
 * it after a reload. Screenshot docs/screenshots/profile.png.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createTestKernel } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import { ensureShellBuilt, openBrowser, signIn, screenshot, axe } from '@tessera/ui-shell/testing'
import type { BrowserSession } from '@tessera/ui-shell/testing'
import { buildPluginUi, findPluginUis, sharedSpecifiers } from '@tessera/ui-shell/build'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import billing from '@tessera/plugin-billing'
import access from '@tessera/plugin-access'
import bookings from '../src/index.ts'

const repoRoot = join(import.meta.dirname, '..', '..', '..')
const shots = join(repoRoot, 'docs', 'screenshots')
const ids = ['members', 'spaces', 'bookings', 'billing', 'access']
const NINE_TO_FIVE = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from: '09:00', to: '17:00' }]]))

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

async function browser(): Promise<BrowserSession> {
  const b = await openBrowser({ baseURL, errors })
  b.context.setDefaultTimeout(30_000)
  browsers.push(b)
  return b
}

/** A tenant with every plugin of the kernel enabled, a manager's API session and an `ok` call that must succeed. */
async function space(slug: string, name: string) {
  const tenant = await t.createTenant(slug, name)
  for (const id of ids) await t.enable(tenant.id, id, id === 'billing' ? { currency: 'GBP' } : {})
  const manager = await t.signIn({ tenantId: tenant.id, role: 'manager', email: `manager@${slug}.test` })
  const ok = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
    const res = await t.request({ method, url: `/api/v1${url}`, session: manager.cookie, ...(payload ? { payload } : {}) })
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`)
    return res.json() as Record<string, any>
  }
  return { tenant, manager, ok }
}

test('reports: four charts from the API, figures table, CSV downloads, location filter, empty state; none for a member', { timeout: 180_000 }, async () => {
  const { tenant, manager, ok } = await space('quay-reports', 'Quay Studios')
  const loc = await ok('POST', '/spaces/locations', { name: 'Quay Central', timezone: 'Europe/London', openingHours: NINE_TO_FIVE })
  await ok('POST', '/spaces/locations', { name: 'Quay Annex', timezone: 'Europe/London', openingHours: NINE_TO_FIVE })
  const rules = { minMinutes: 30, maxMinutes: 600, maxDaysAhead: 60 }
  const room = await ok('POST', '/spaces/resources', { locationId: loc.id, name: 'Boardroom', kind: 'meeting_room', capacity: 8, rules })
  const desks = await ok('POST', '/spaces/resources', { locationId: loc.id, name: 'Hot desks', kind: 'hot_desk_area', capacity: 4, rules })
  const ada = (await ok('POST', '/members/people', { name: 'Ada Quay' })).id as string
  const book = (resourceId: string, seat: number, start: string, end: string, status: string) => t.adminQuery(
    `INSERT INTO bookings.bookings (tenant_id, resource_id, location_id, person_id, seat, during, status) VALUES ($1, $2, $3, $4, $5, tstzrange($6, $7), $8)`,
    [tenant.id, resourceId, loc.id, ada, seat, start, end, status])
  // week of 6 Jan 2025 (London is UTC in January): boardroom 2 h Mon + 3 h Tue, a no-show Wed; one desk all Monday
  await book(room.id, 1, '2025-01-06T09:00Z', '2025-01-06T11:00Z', 'checked_in')
  await book(room.id, 1, '2025-01-07T13:00Z', '2025-01-07T16:00Z', 'confirmed')
  await book(room.id, 1, '2025-01-08T09:00Z', '2025-01-08T10:00Z', 'released')
  await book(desks.id, 1, '2025-01-06T09:00Z', '2025-01-06T17:00Z', 'checked_in')
  // revenue: a Hot desk membership (£200.00) and a coffee on account (£3.50), invoiced on 10 Jan
  const plan = await ok('POST', '/billing/plans', { code: 'hot', name: 'Hot desk', monthlyPrice: 20000 })
  const membership = await ok('POST', '/billing/memberships', { payerType: 'person', payerId: ada, planId: plan.id, startsOn: '2025-01-01' })
  const { rows: [inv] } = await t.adminQuery(
    `INSERT INTO billing.invoices (tenant_id, kind, payer_type, payer_id, status, currency, issued_at) VALUES ($1, 'invoice', 'person', $2, 'paid', 'GBP', '2025-01-10T10:00Z') RETURNING id`,
    [tenant.id, ada])
  for (const [i, [net, source, description]] of ([[20000, `membership:${membership.id}:2025-01`, 'Hot desk'], [350, 'pos:s1:1', 'Coffee (front desk)']] as const).entries()) {
    await t.adminQuery(
      `INSERT INTO billing.invoice_lines (tenant_id, invoice_id, position, description, quantity, unit_amount, tax_rate_bp, net, tax, gross, source)
       VALUES ($1, $2, $3, $4, 1, $5, 0, $5, 0, $5, $6)`, [tenant.id, inv.id, i + 1, description, net, source])
  }

  // a member's manifest has no reports, and /reports is not a screen for them
  const member = await t.signIn({ tenantId: tenant.id, role: 'member', email: 'member@quay-reports.test' })
  const theirs = (await t.request({ method: 'GET', url: '/api/v1/ui/manifest', session: member.cookie })).json() as { plugins: { reports?: unknown[] }[] }
  assert.deepEqual(theirs.plugins.flatMap((p) => p.reports ?? []), [], 'a member sees no report')

  const b = await browser()
  const page = b.page
  const scripts: string[] = []
  page.on('request', (r) => { if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname) })
  await signIn(page, { email: manager.email, password: 'password123' })
  await page.getByRole('link', { name: 'Reports' }).first().waitFor()
  const beforeReports = scripts.length
  await page.goto('/reports?from=2025-01-06&to=2025-01-19')
  await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor()

  const card = (id: string) => page.locator(`tz-report-card[data-report="${id}"]`)
  const drawn = async (id: string) => {
    await card(id).locator('canvas').waitFor()
    await page.waitForFunction((sel) => !!(document.querySelector('tz-app')?.shadowRoot?.querySelector('tz-reports')?.shadowRoot
      ?.querySelector(sel) as unknown as { chart?: unknown } | null)?.chart, `tz-report-card[data-report="${id}"]`)
    return card(id).evaluate((el) => {
      const chart = (el as unknown as { chart: { config: { type: string }; data: { labels: string[]; datasets: { label: string; data: (number | null)[] }[] }; scales: { y: { ticks: { value: number; label: string }[] } } } }).chart
      const canvas = el.shadowRoot!.querySelector('canvas')!
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
      let painted = 0
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++
      const yTicks = chart.scales.y.ticks.map((t) => ({ value: t.value, label: String(t.label) }))
      return { type: chart.config.type, labels: chart.data.labels, datasets: chart.data.datasets.map((d) => ({ label: d.label, data: d.data })), painted, yTicks }
    })
  }
  // utilisation: boardroom 5 h of 40 open hours (1 seat) = 12.5 %, desks 8 h of 4 × 40 = 5 %; nothing the next week
  const occupancy = await drawn('bookings.occupancy')
  assert.deepEqual(occupancy.labels, ['2025-01-06', '2025-01-13'])
  assert.deepEqual(occupancy.datasets, [{ label: 'Boardroom', data: [0.125, 0] }, { label: 'Hot desks', data: [0.05, 0] }])
  assert.ok(occupancy.painted > 1000, `the canvas is drawn (${occupancy.painted} px)`)
  // revenue: January, the plan and the product (minor units)
  const revenue = await drawn('billing.revenue')
  assert.deepEqual(revenue.labels, ['2025-01'])
  assert.deepEqual(revenue.datasets, [{ label: 'Hot desk', data: [20000] }, { label: 'Coffee', data: [350] }])
  // by local hour: 09:00 three (the no-show counts as booked), 13:00 one
  const hours = await drawn('bookings.hours')
  assert.equal(hours.labels.length, 24)
  assert.equal(hours.labels[9], '09:00')
  assert.deepEqual(hours.datasets[0].data.flatMap((v, h) => (v ? [[h, v]] : [])), [[9, 3], [13, 1]])
  // a count's axis steps by whole bookings (never 0.5 or 1.5 bookings)
  assert.ok(hours.yTicks.length >= 2 && hours.yTicks.every((t) => Number.isInteger(t.value) && /^\d+$/.test(t.label)), JSON.stringify(hours.yTicks))
  // percentages keep their wording
  assert.ok(occupancy.yTicks.every((t) => t.label.endsWith('%')), JSON.stringify(occupancy.yTicks))
  // no-shows: 1 of 4 bookings in the first week, none the next (no rate)
  const noShows = await drawn('bookings.no-shows')
  assert.equal(noShows.type, 'line')
  assert.deepEqual(noShows.datasets, [{ label: 'No-show rate', data: [0.25, null] }])
  assert.ok(scripts.length > beforeReports, 'Chart.js is loaded when the reports are drawn, not with the shell')

  // the figures for screen readers, in words
  const occupancyTable = card('bookings.occupancy').getByRole('table', { name: /figures/ })
  assert.match((await occupancyTable.textContent()) ?? '', /Boardroom[\s\S]*12\.5%/)
  assert.match((await card('billing.revenue').getByRole('table').textContent()) ?? '', /£200\.00/)
  await axe(page, { screen: 'reports' })
  await screenshot(page, join(shots, 'report.png'), { fullPage: true })

  // each CSV link downloads the same figures as text/csv
  const csv = card('bookings.occupancy').getByRole('link', { name: /as CSV/ })
  const href = (await csv.getAttribute('href'))!
  assert.equal(href, '/api/v1/bookings/reports/occupancy?from=2025-01-06&to=2025-01-19&format=csv')
  const [download] = await Promise.all([page.waitForEvent('download'), csv.click()])
  assert.equal(download.suggestedFilename(), 'occupancy-2025-01-06-2025-01-19.csv')
  assert.match(readFileSync((await download.path())!, 'utf8'), /^week,location,resource,booked_hours,available_hours,utilisation\r?\n2025-01-06,Quay Central,Boardroom,5,40,0\.125/)
  for (const id of ['billing.revenue', 'bookings.hours', 'bookings.no-shows']) {
    const res = await page.request.get((await card(id).getByRole('link', { name: /as CSV/ }).getAttribute('href'))!)
    assert.equal(res.status(), 200, id)
    assert.match(res.headers()['content-type'], /^text\/csv/, id)
  }
  const revenueCsv = await (await page.request.get((await card('billing.revenue').getByRole('link', { name: /as CSV/ }).getAttribute('href'))!)).text()
  assert.match(revenueCsv, /2025-01,plan,Hot desk,20000,GBP/)

  // the location filter: the annex has no resources and no invoice lines → every card says so; the URL keeps it
  await page.getByLabel('Location').selectOption({ label: 'Quay Annex' })
  await page.waitForURL(/location=/)
  for (const id of ['bookings.occupancy', 'billing.revenue', 'bookings.hours', 'bookings.no-shows']) await card(id).getByText('No figures in this range').waitFor()
  // an empty range at every location: the empty state, not a flat chart
  await page.goto('/reports?from=2024-06-03&to=2024-06-09')
  await card('bookings.occupancy').getByText('No figures in this range').waitFor()
  await card('billing.revenue').getByText('No figures in this range').waitFor()
  assert.equal(await page.locator('tz-report-card canvas').count(), 0)
  assert.deepEqual(errors.filter((e) => !e.startsWith('console: Failed to load resource: the server responded with a status of')), [])
})

test('profile: the section of every enabled plugin, a note added and shown, the activity from the audit log', { timeout: 120_000 }, async () => {
  const { tenant, ok } = await space('quay-profile', 'Quay Profiles')
  const admin = await t.signIn({ tenantId: tenant.id, role: 'admin', email: 'admin@quay-profile.test' })
  const loc = await ok('POST', '/spaces/locations', { name: 'Quay Central', timezone: 'Europe/London', openingHours: NINE_TO_FIVE })
  const room = await ok('POST', '/spaces/resources', { locationId: loc.id, name: 'Boardroom', kind: 'meeting_room', capacity: 8, rules: { minMinutes: 30, maxMinutes: 600, maxDaysAhead: 60 } })
  const priya = (await ok('POST', '/members/people', { name: 'Priya Lumen', email: 'priya@lumen.test' })).id as string
  const plan = await ok('POST', '/billing/plans', { code: 'fixed', name: 'Fixed desk', monthlyPrice: 35000 })
  await ok('POST', '/billing/memberships', { payerType: 'person', payerId: priya, planId: plan.id, startsOn: '2025-01-01' })
  await ok('POST', '/billing/charges', { payerType: 'person', payerId: priya, description: 'Flat white', unitAmount: 380, source: 'pos:profile-test:1' })
  await ok('POST', '/access/credentials', { personId: priya, type: 'card', value: '04A1B2C3', label: 'Front door fob' })
  await t.adminQuery(
    `INSERT INTO bookings.bookings (tenant_id, resource_id, location_id, person_id, seat, during, status) VALUES ($1, $2, $3, $4, 1, tstzrange('2025-01-06T09:00Z', '2025-01-06T11:00Z'), 'checked_in')`,
    [tenant.id, room.id, loc.id, priya])

  const b = await browser()
  const page = b.page
  await signIn(page, { email: admin.email, password: 'password123' })
  await page.goto(`/members/${priya}`)
  const section = (key: string) => page.locator(`section[data-section="${key}"]`)
  await section('billing/account').getByText('Fixed desk').first().waitFor()
  await section('billing/account').getByText('Flat white').first().waitFor()
  await section('bookings/bookings').getByText('Boardroom').first().waitFor()
  await section('access/credentials').getByText('Card 04A1B2C3 · Front door fob').waitFor()
  await section('members/notes').getByText('No notes yet.').waitFor()

  await section('members/notes').getByLabel('New note').fill('Prefers the quiet corner by the window.')
  await section('members/notes').getByRole('button', { name: 'Add note' }).click()
  await section('members/notes').getByText('Prefers the quiet corner by the window.').waitFor()
  await page.reload()
  await section('members/notes').getByText('Prefers the quiet corner by the window.').waitFor()
  await section('members/activity').getByText('Person note add').waitFor()
  await section('access/credentials').getByText('Card 04A1B2C3 · Front door fob').waitFor()
  await axe(page, { screen: 'member profile' })
  await screenshot(page, join(shots, 'profile.png'), { fullPage: true })
  assert.deepEqual(errors.filter((e) => !e.startsWith('console: Failed to load resource: the server responded with a status of')), [])
})
