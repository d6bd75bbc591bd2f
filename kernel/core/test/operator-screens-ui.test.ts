/**
 * The operator and admin screens in a real browser (Debian Chromium through `@tessera/ui-shell/testing`) on a real
 * kernel serving the built shell (issue 14 items 8, 9, 10):
 * - Health: readiness checks, a queue with its dead letter, plugin states (screenshot `docs/screenshots/health.png`);
 * - the platform audit log filtered by plugin; the tenant's audit log filtered by action;
 * - Users and roles: invite (confirmed in the app's own dialog), change a role, a refusal by the server shown in words,
 *   remove (Cancel keeps the user, Remove removes them);
 * - API tokens: issue, revoke after a confirmation; disabling a plugin for a tenant after a confirmation;
 * - focus: the sign-in screen starts in its first field, a navigation lands on the new page's heading;
 * - a phone (390 px): the menu is collapsed behind "Menu", tables become label/value cards without sideways scrolling
 *   (screenshot `docs/screenshots/mobile.png`);
 * - axe-core on every screen visited: no serious or critical violation.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { definePlugin } from '@tessera/sdk'
import { ensureShellBuilt, openBrowser, signIn, screenshot, axe } from '@tessera/ui-shell/testing'
import type { BrowserSession } from '@tessera/ui-shell/testing'

type Page = BrowserSession['page']
import { createTestKernel, waitFor } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'
import notes from './fixtures/notes-plugin.ts'

const repoRoot = join(import.meta.dirname, '..', '..', '..')
const shots = join(repoRoot, 'docs', 'screenshots')
const boom = definePlugin({
  id: 'boom', version: '1.0.0', kernel: '^1.0.0', name: 'Boom',
  jobs: { explode: { retryLimit: 0, async handler() { throw new Error('always fails') } } },
})

let t: TestKernel
let baseURL = ''
let tenantId = ''
const sessions: BrowserSession[] = []
const errors: string[] = []

before(async () => {
  const shellDir = await ensureShellBuilt(repoRoot)
  t = await createTestKernel({ plugins: [notes, boom], workers: true, config: { ui: { shellDir } } as never })
  baseURL = await t.listen()
  tenantId = (await t.createTenant(undefined, 'Harbour Works')).id
  await t.enable(tenantId, 'notes', { title: 'Notes' })
  await t.enable(tenantId, 'boom')
})

after(async () => {
  for (const s of sessions) await s.close().catch(() => {})
  await t?.close()
})

async function browser(viewport?: { width: number; height: number }): Promise<Page> {
  const s = await openBrowser({ baseURL, errors, viewport })
  s.context.setDefaultTimeout(15_000)
  sessions.push(s)
  return s.page
}

/** The focused element's tag and text, through shadow roots. */
const focused = (page: Page) => page.evaluate(() => {
  let el: Element | null = document.activeElement
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
  return { tag: el?.tagName.toLowerCase() ?? '', text: (el?.textContent ?? '').trim(), label: el?.getAttribute('aria-label') ?? (el as HTMLInputElement | null)?.labels?.[0]?.textContent?.trim() ?? '' }
})

test('operator: health with a dead letter, the platform audit log, disabling a plugin after a confirmation', async () => {
  const operator = await t.signIn({ operator: true, tenantId, role: 'owner' })
  await t.sendJob('boom.explode', { tenantId })
  await waitFor(async () => (await t.adminQuery(`SELECT 1 FROM pgboss.job WHERE name = 'boom.explode.dead'`)).rowCount, { timeoutMs: 20_000, message: 'dead letter' })
  const page = await browser()
  await page.goto('/')
  await page.getByLabel('Email').waitFor()
  await waitFor(async () => ((await focused(page)).tag === 'input' ? true : undefined), { message: 'sign-in starts in the Email field' })
  assert.match((await focused(page)).label, /Email/)
  await axe(page, { screen: 'sign-in' })
  await signIn(page, { email: operator.email, password: 'password123' })

  const nav = page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('link', { name: 'Health' }).click()
  await page.getByRole('heading', { name: 'Health', level: 1 }).waitFor()
  await waitFor(async () => ((await focused(page)).tag === 'h1' ? true : undefined), { message: 'focus on the page heading after navigation' })
  assert.equal((await focused(page)).text, 'Health')
  const queue = page.getByRole('table', { name: 'Job queues' }).getByRole('row').filter({ hasText: 'boom.explode' })
  await queue.getByRole('cell', { name: 'Boom', exact: true }).waitFor()
  assert.equal(await queue.locator('td').nth(6).innerText(), '1', 'one dead letter')
  await page.getByRole('list', { name: 'Readiness checks' }).getByText('Database (request pool)').waitFor()
  await page.getByRole('table', { name: 'Plugin states' }).getByRole('row').filter({ hasText: 'Notes' }).getByText('1 enabled').waitFor()
  await axe(page)
  await screenshot(page, join(shots, 'health.png'), { fullPage: true })

  await nav.getByRole('link', { name: 'Audit log' }).last().click()
  await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor()
  await page.getByRole('textbox', { name: 'Plugin' }).fill('tessera')
  await page.getByRole('button', { name: 'Filter' }).click()
  const entries = page.getByRole('table', { name: 'Audit log entries' })
  await entries.getByText('plugin.enable').first().waitFor()
  assert.match(page.url(), /plugin=tessera/, 'the filter is in the address')
  await axe(page)

  await page.goto(`/operator/tenants/${tenantId}`)
  const notesRow = page.getByRole('row').filter({ hasText: 'Notes' })
  await page.getByRole('button', { name: 'Disable Notes' }).click()
  await page.getByRole('heading', { name: 'Disable Notes for Harbour Works?' }).waitFor()
  await axe(page, { screen: 'disable confirmation' })
  await page.getByRole('button', { name: 'Cancel', exact: true }).click()
  await page.getByRole('button', { name: 'Disable Notes' }).waitFor()
  assert.equal((await t.adminQuery('SELECT state FROM tessera.tenant_plugins WHERE tenant_id = $1 AND plugin_id = $2', [tenantId, 'notes'])).rows[0].state, 'enabled', 'cancel keeps it')
  await page.getByRole('button', { name: 'Disable Notes' }).click()
  await page.getByRole('button', { name: 'Disable', exact: true }).click()
  await notesRow.getByRole('button', { name: 'Enable Notes' }).waitFor()
  await t.enable(tenantId, 'notes', { title: 'Notes' })
})

test('a tenant admin: users and roles with confirmations and the server\'s refusals in words, the audit log, API tokens', async () => {
  const admin = await t.signIn({ tenantId, role: 'admin' })
  const colleague = await t.signIn({ tenantId, role: 'manager', email: `casey-${Date.now()}@example.test` })
  const page = await browser()
  await signIn(page, { email: admin.email, password: 'password123' })
  const nav = page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('link', { name: 'Users and roles' }).click()
  await page.getByRole('heading', { name: 'Users and roles', level: 1 }).waitFor()
  const users = page.getByRole('table', { name: 'Users' })
  await users.getByText(colleague.email).waitFor()
  await axe(page)

  // invite: the form, then the app's own confirmation
  const email = `nia-${Date.now()}@example.test`
  await page.getByRole('button', { name: 'Invite someone' }).click()
  await page.getByRole('textbox', { name: 'Name' }).fill('Nia New')
  await page.getByRole('textbox', { name: 'E-mail' }).fill('not-an-address')
  await page.getByRole('button', { name: 'Send invitation' }).click()
  await page.getByRole('button', { name: 'Send invitation' }).last().click()
  await page.getByText('Email: must be an e-mail address').waitFor()
  assert.equal(await page.getByText(/must match format|Body ›|Unprocessable/).count(), 0, 'no schema wording')
  await page.getByRole('textbox', { name: 'E-mail' }).fill(email)
  await page.getByRole('combobox', { name: 'Role' }).selectOption('support')
  await page.getByRole('button', { name: 'Send invitation' }).first().click()
  await page.getByRole('heading', { name: `Send an invitation to ${email}?` }).waitFor()
  await axe(page, { screen: 'invite confirmation' })
  await page.getByRole('button', { name: 'Send invitation' }).last().click()
  const nia = users.getByRole('row').filter({ hasText: email })
  await nia.getByText('Password not set yet').waitFor()
  await nia.getByText('Support').waitFor()

  // change a role in its dialog
  await nia.getByRole('button', { name: 'Change role of Nia New' }).click()
  await page.getByRole('combobox', { name: 'New role' }).selectOption('finance')
  await page.getByRole('button', { name: 'Change role' }).last().click()
  await nia.getByText('Finance').waitFor()

  // the screen is stale (an owner just made Casey an admin): the server refuses, in words
  const owner = await t.signIn({ tenantId, role: 'owner' })
  const promote = await t.request({ method: 'PATCH', url: `/api/v1/tenant/users/${colleague.userId}`, session: owner.cookie, payload: { role: 'admin' } })
  assert.equal(promote.statusCode, 200, promote.body)
  const casey = users.getByRole('row').filter({ hasText: colleague.email })
  await casey.getByRole('button', { name: /Change role of/ }).click()
  await page.getByRole('combobox', { name: 'New role' }).selectOption('member')
  await page.getByRole('button', { name: 'Change role' }).last().click()
  await page.getByText('Your role (admin) may not change a admin into a member: nobody grants, lowers or removes a role at or above their own.').waitFor()
  assert.equal(await page.getByText('You do not have permission to do this').count(), 1, 'a 403 titled in words')
  await page.getByRole('button', { name: 'Cancel', exact: true }).click()

  // remove: Cancel keeps, Remove removes
  await nia.getByRole('button', { name: 'Remove Nia New' }).click()
  await page.getByRole('heading', { name: 'Remove Nia New from this space?' }).waitFor()
  await page.getByRole('button', { name: 'Cancel', exact: true }).click()
  await nia.waitFor()
  await nia.getByRole('button', { name: 'Remove Nia New' }).click()
  await page.getByRole('button', { name: 'Remove', exact: true }).click()
  await nia.waitFor({ state: 'detached' })

  // the tenant's audit log, filtered
  await nav.getByRole('link', { name: 'Audit log' }).click()
  await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor()
  await page.getByRole('textbox', { name: 'Action starts with' }).fill('tenant.user')
  await page.getByRole('button', { name: 'Filter' }).click()
  const entries = page.getByRole('table', { name: 'Audit log entries' })
  await entries.getByText('tenant.user.remove').waitFor()
  await entries.getByText('tenant.user.role').first().waitFor()
  assert.equal(await entries.getByText('identity.invite').count(), 0, 'filtered by action')
  await axe(page)

  // API tokens: issue, then revoke after a confirmation
  await nav.getByRole('link', { name: 'API tokens' }).click()
  await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor()
  await page.getByRole('button', { name: 'New token' }).click()
  await page.getByRole('textbox', { name: 'Name' }).fill('Door sync')
  await page.getByRole('button', { name: 'Issue token' }).click()
  await page.getByText('Copy the token now').waitFor()
  const token = page.getByRole('table', { name: 'API tokens' }).getByRole('row').filter({ hasText: 'Door sync' })
  await token.getByRole('button', { name: 'Revoke' }).click()
  await page.getByRole('heading', { name: 'Revoke Door sync?' }).waitFor()
  await page.getByRole('button', { name: 'Revoke token' }).click()
  await token.getByText('revoked').waitFor()
  await axe(page)
})

test('on a phone (390 px) the menu is collapsed and tables read as cards without sideways scrolling', async () => {
  const admin = await t.signIn({ tenantId, role: 'admin' })
  for (let i = 0; i < 3; i++) await t.signIn({ tenantId, role: 'member', email: `member-${i}-${Date.now()}@harbour.example` })
  const page = await browser({ width: 390, height: 844 })
  await signIn(page, { email: admin.email, password: 'password123' })
  const menu = page.getByRole('button', { name: 'Menu' })
  await menu.waitFor()
  assert.equal(await menu.getAttribute('aria-expanded'), 'false')
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).isVisible(), false, 'collapsed: the content comes first')
  await menu.click()
  assert.equal(await menu.getAttribute('aria-expanded'), 'true')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users and roles' }).click()
  await page.getByRole('heading', { name: 'Users and roles', level: 1 }).waitFor()
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).isVisible(), false, 'following a link closes the menu')
  const table = page.getByRole('table', { name: 'Users' })
  await table.getByText(admin.email).waitFor()
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px too wide)`)
  const cell = table.getByRole('row').filter({ hasText: admin.email }).locator('td').first()
  const box = await cell.boundingBox()
  assert.ok(box && box.width > 300, `a cell takes the card's width (${box?.width}px), not a narrow column`)
  assert.equal(await cell.evaluate((td: Element) => getComputedStyle(td, '::before').content), '"Name"', 'each value is labelled')
  await axe(page)
  await screenshot(page, join(shots, 'mobile.png'))
})

test('no uncaught errors in the pages', () => {
  assert.deepEqual(errors.filter((e) => !/status of (401|403|400)/.test(e)), [])
})
