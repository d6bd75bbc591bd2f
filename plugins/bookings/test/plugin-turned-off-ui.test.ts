/**
 * A plugin turned off for a tenant leaves open browsers live (issue 14): in a real Chromium against a real kernel, a
 * staff member on the dashboard and another on the bookings calendar; an operator disables bookings for the tenant
 * through the API. The kernel tells the tenant's sockets (`tessera.plugins.changed`), the shell re-reads its manifest:
 * the bookings widgets leave the dashboard and the Calendar nav item leaves, without a reload, and the calendar page
 * says "This part of Tessera was turned off for your workspace", and a member's profile open in a third browser loses
 * its Bookings section. Enabling it again brings all of them back. axe-core on every state shown: no serious or
 * critical violation.
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

const repoRoot = join(import.meta.dirname, '..', '..', '..')
const pluginDir = (id: string) => join(repoRoot, 'plugins', id)

let t: TestKernel
let baseURL = ''
const browsers: BrowserSession[] = []
const errors: string[] = []

before(async () => {
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

/** A browser page, and a promise of its realtime socket having joined the tenant's room (the hub's `hello`). */
async function browser(): Promise<{ page: BrowserSession['page']; joined: Promise<void> }> {
  const b = await openBrowser({ baseURL, errors })
  b.context.setDefaultTimeout(10_000)
  browsers.push(b)
  const joined = new Promise<void>((resolve) => {
    b.page.on('websocket', (ws) => ws.on('framereceived', (frame) => { if (String(frame.payload).includes('"hello"')) resolve() }))
  })
  return { page: b.page, joined }
}

test('disabling a plugin takes its widgets, nav item and page away live; enabling brings them back', { timeout: 120_000 }, async () => {
  try {
    await scenario()
  } catch (error) {
    for (const [i, b] of browsers.entries()) await screenshot(b.page, join(repoRoot, 'test-results', 'plugin-turned-off', `failure-${i}.png`)).catch(() => {})
    throw error
  }
})

async function scenario(): Promise<void> {
  const tenant = await t.createTenant(undefined, 'Quay Works')
  for (const id of ['members', 'spaces', 'bookings']) await t.enable(tenant.id, id)
  const operator = await t.signIn({ operator: true })
  const frontDesk = await t.signIn({ tenantId: tenant.id, role: 'manager' })
  const planner = await t.signIn({ tenantId: tenant.id, role: 'manager' })
  const toggle = async (method: 'PUT' | 'DELETE') => {
    const res = await t.request({ method, url: `/api/v1/admin/tenants/${tenant.id}/plugins/bookings`, session: operator.cookie, ...(method === 'PUT' ? { payload: {} } : {}) })
    assert.equal(res.statusCode, 200, res.body)
    assert.equal(res.json().state, method === 'PUT' ? 'enabled' : 'disabled')
  }

  // the front desk on the dashboard, with the bookings widgets and the Calendar in the menu
  const { page: desk, joined: deskJoined } = await browser()
  await signIn(desk, { email: frontDesk.email, password: 'password123' })
  const widget = desk.locator('tz-widget-frame[data-widget="bookings.now"]')
  const calendarLink = desk.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calendar' })
  await widget.waitFor()
  await calendarLink.waitFor()
  await axe(desk, { screen: 'dashboard with bookings' })
  // the planner on the bookings calendar
  const { page: plan, joined: planJoined } = await browser()
  await signIn(plan, { email: planner.email, password: 'password123' })
  await plan.goto('/bookings')
  const calendar = plan.locator('bookings-calendar')
  await calendar.waitFor()
  const turnedOff = plan.getByRole('heading', { name: 'This part of Tessera was turned off for your workspace' })
  // a third on a member's profile, with the Bookings section bookings contributes
  const person = await t.request({ method: 'POST', url: '/api/v1/members/people', session: frontDesk.cookie, payload: { name: 'Ines Harbour', email: 'ines@quay.test' } })
  assert.equal(person.statusCode, 201, person.body)
  const { page: profile, joined: profileJoined } = await browser()
  await signIn(profile, { email: planner.email, password: 'password123' })
  await profile.goto(`/members/${person.json().id}`)
  const bookingsSection = profile.locator('section[data-section="bookings/bookings"]')
  await bookingsSection.waitFor()
  // the shells are in the tenant's realtime room before the change
  await Promise.all([deskJoined, planJoined, profileJoined])

  // an operator disables bookings for the tenant through the API
  const disabledAt = Date.now()
  await toggle('DELETE')
  await widget.waitFor({ state: 'detached', timeout: 5_000 })
  const gone = Date.now() - disabledAt
  await calendarLink.waitFor({ state: 'detached', timeout: 5_000 })
  assert.equal(await desk.locator('tz-widget-frame[data-widget^="bookings."]').count(), 0, 'no bookings widget is left')
  assert.equal(await desk.evaluate(() => performance.getEntriesByType('navigation').length), 1, 'no reload')
  await turnedOff.waitFor({ timeout: 5_000 })
  await plan.getByText('Calendar was turned off for Quay Works while you were here', { exact: false }).waitFor()
  assert.equal(await calendar.count(), 0, 'the calendar is not left half-working')
  assert.equal(await plan.evaluate(() => performance.getEntriesByType('navigation').length), 1, 'no reload')
  assert.ok(gone < 3_000, `the widgets left ${gone} ms after the API answered`)
  await bookingsSection.waitFor({ state: 'detached', timeout: 5_000 })
  assert.equal(await profile.evaluate(() => performance.getEntriesByType('navigation').length), 1, 'no reload')
  await axe(profile, { screen: 'profile without bookings' })
  await axe(desk, { screen: 'dashboard without bookings' })
  await axe(plan, { screen: 'turned off' })

  // enabled again: the widget, the nav item and the calendar come back, still without a reload
  await toggle('PUT')
  await widget.waitFor({ timeout: 5_000 })
  await calendarLink.waitFor({ timeout: 5_000 })
  await calendar.waitFor({ timeout: 5_000 })
  await bookingsSection.waitFor({ timeout: 5_000 })
  assert.equal(await turnedOff.count(), 0)
  assert.equal(await plan.evaluate(() => performance.getEntriesByType('navigation').length), 1, 'no reload')
  await axe(desk, { screen: 'dashboard with bookings again' })
  await axe(plan, { screen: 'calendar again' })
  // (the 401s are the signed-out shells' first /auth/me)
  assert.deepEqual(errors.filter((e) => !/Failed to load resource: the server responded with a status of 401/.test(e)), [])
}
