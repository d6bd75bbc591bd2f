/**
 * The Wi-Fi section of a member's profile in a real browser (Debian Chromium via the shell's test helpers), on a real
 * kernel serving the built shell and the members and Wi-Fi bundles, with the billing stand-in publishing billing's
 * membership events. A manager opens `/members/:id` of a member with Wi-Fi: the section shows the login, "Active", when
 * the password was set (never the password), the devices from accounting with the data used; "New password", used
 * from the keyboard and confirmed in the app's dialog, rotates it (the member's own view has a new password); a
 * refused action says why in a toast. A person without a membership shows "No Wi-Fi access" with the reason. axe finds no serious or critical violation on the
 * profile, with the dialog open or not.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { createTestKernel, waitFor } from '@tessera/kernel/testing'
import { ensureShellBuilt, openBrowser, signIn, screenshot, axe } from '@tessera/ui-shell/testing'
import type { BrowserSession } from '@tessera/ui-shell/testing'
import { buildPluginUi, findPluginUis, sharedSpecifiers } from '@tessera/ui-shell/build'
import members from '@tessera/plugin-members'
import type { MyWifi } from '@tessera/plugin-wifi/contract'
import wifi from '../src/index.ts'
import billing from './support/billing-stand-in.ts'

const repoRoot = join(import.meta.dirname, '..', '..', '..')
const pluginDir = join(import.meta.dirname, '..')
let t: Awaited<ReturnType<typeof createTestKernel>>
let baseURL = ''
const browsers: BrowserSession[] = []
const errors: string[] = []

before(async () => {
  const distDir = await ensureShellBuilt(repoRoot)
  const shared = new Set(sharedSpecifiers(join(repoRoot, 'ui', 'shell')))
  await Promise.all(findPluginUis(join(repoRoot, 'plugins')).filter((p) => ['members', 'wifi'].includes(p.id)).map((p) => buildPluginUi(p, shared)))
  t = await createTestKernel({
    plugins: [{ definition: members, packageDir: join(repoRoot, 'plugins', 'members') }, billing, { definition: wifi, packageDir: pluginDir }],
    workers: true,
    config: { ui: { shellDir: distDir } } as never,
  })
  await t.kernel.listen()
  baseURL = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
})

after(async () => {
  for (const b of browsers) await b.close().catch(() => {})
  await t?.close()
})

const unexpected = () => errors.filter((e) => !e.startsWith('console: Failed to load resource: the server responded with a status of 401'))

test('staff see a member\'s Wi-Fi on their profile and give them a new password from the keyboard; "No Wi-Fi access" with the reason', { timeout: 120_000 }, async () => {
  const tenant = await t.createTenant()
  for (const p of ['members', 'billing']) await t.enable(tenant.id, p)
  await t.enable(tenant.id, 'wifi', { realm: tenant.slug })
  const admin = (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie
  const call = (method: 'GET' | 'POST', url: string, payload?: object, session = admin) =>
    t.request({ method, url: `/api/v1${url}`, session, ...(payload ? { payload } : {}) })
  const email = `mia.member.${randomUUID().slice(0, 6)}@example.com`
  const login = await t.signIn({ tenantId: tenant.id, role: 'member', email })
  const mia = (await call('POST', '/members/people', { name: 'Mia Member', email })).json() as { id: string }
  await call('POST', `/members/people/${mia.id}/invite`, {})
  const published = await call('POST', '/billing/test-publish', {
    event: 'membershipCreated', payload: { id: randomUUID(), payerType: 'person', payerId: mia.id, planId: randomUUID(), startsOn: new Date().toISOString().slice(0, 10) },
  })
  assert.equal(published.statusCode, 204, published.body)
  const own = await waitFor(async () => {
    const r = await call('GET', '/wifi/me', undefined, login.cookie)
    return r.statusCode === 200 && (r.json() as MyWifi).active ? (r.json() as MyWifi) : undefined
  }, { timeoutMs: 15_000, message: 'Wi-Fi login issued' })
  await t.adminQuery(
    `INSERT INTO wifi_radius.sessions (tenant_id, person_id, username, acct_session_id, calling_station, started_at, updated_at, stopped_at, session_seconds, input_octets, output_octets)
     VALUES ($1, $2, $3, 'sess-1', 'AA-BB-CC-DD-EE-FF', now() - interval '2 hours', now(), NULL, 5400, 120000000, 30000000)`,
    [tenant.id, mia.id, own.username])
  const nora = (await call('POST', '/members/people', { name: 'Nora None', email: `nora.${randomUUID().slice(0, 6)}@example.com` })).json() as { id: string }

  const manager = await t.signIn({ tenantId: tenant.id, role: 'manager' })
  const b = await openBrowser({ baseURL, errors })
  browsers.push(b)
  b.context.setDefaultTimeout(15_000)
  const page = b.page
  await signIn(page, { email: manager.email, password: 'password123' })
  await page.goto(`/members/${mia.id}`)
  const section = page.locator('section[data-section="wifi/wifi"]')
  await section.getByRole('heading', { name: 'Wi-Fi' }).waitFor()
  assert.equal(await section.locator('header .plugin').textContent(), 'Wi-Fi', "labelled with the plugin's name, not its id")
  const access = section.getByRole('definition').filter({ hasText: own.username })
  await access.waitFor()
  await section.getByText('Active', { exact: true }).waitFor()
  await section.getByText('150.0 MB').waitFor()
  const devices = section.getByRole('list', { name: 'Wi-Fi devices' })
  await devices.getByText('AA-BB-CC-DD-EE-FF').waitFor()
  await devices.getByText('Connected').waitFor()
  assert.equal(await section.getByText(own.password).count(), 0, 'the password is never shown to staff')
  await axe(page, { screen: 'member profile (Wi-Fi)' })
  await screenshot(page, join(pluginDir, 'test-results', 'wifi-profile-section.png'), { fullPage: true })

  // "New password" from the keyboard: Enter opens the app's dialog (focus on Cancel), Tab to the confirm button, Enter
  await section.getByRole('button', { name: 'New password' }).focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: `Give ${own.username} a new Wi-Fi password?` })
  await dialog.waitFor()
  await axe(page, { screen: 'member profile, new Wi-Fi password dialog' })
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  await page.getByText('New Wi-Fi password set. The member finds it on My Wi-Fi.').waitFor()
  await dialog.waitFor({ state: 'detached' })
  const after = await waitFor(async () => {
    const r = (await call('GET', '/wifi/me', undefined, login.cookie)).json() as MyWifi
    return r.password !== own.password ? r : undefined
  }, { message: 'the member has a new password' })
  assert.notEqual(after.rotatedAt, undefined)
  assert.equal(await section.getByText(after.password).count(), 0)

  // an action that fails says why in a toast: the login is erased after the profile loaded (as anonymising does)
  await page.goto(`/members/${mia.id}`)
  await section.getByRole('definition').filter({ hasText: own.username }).waitFor()
  await t.adminQuery('DELETE FROM wifi_radius.nt_passwords WHERE person_id = $1', [mia.id])
  await t.adminQuery('DELETE FROM wifi.credentials WHERE person_id = $1', [mia.id])
  await section.getByRole('button', { name: 'New password' }).click()
  await page.locator('tz-confirm-dialog').getByRole('button', { name: 'New password' }).click()
  await page.getByRole('region', { name: 'Notifications' }).getByText('This person has no Wi-Fi login yet: it comes with an active membership.').waitFor()
  errors.splice(0, errors.length, ...errors.filter((e) => !e.includes('status of 409')))

  // a person without a membership: the empty state with the plugin's reason
  await page.goto(`/members/${nora.id}`)
  const empty = page.locator('section[data-section="wifi/wifi"]')
  await empty.getByText('No Wi-Fi access').waitFor()
  await empty.getByText('No membership (their own or their organisation\'s) gives them Wi-Fi yet.').waitFor()
  assert.equal(await empty.getByRole('button', { name: 'New password' }).count(), 0)
  await axe(page, { screen: 'member profile (no Wi-Fi)' })
  assert.deepEqual(unexpected(), [])
})
