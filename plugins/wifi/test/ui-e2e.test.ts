/**
 * The Wi-Fi screens in a real browser (Debian Chromium via the shell's test helpers), on a real kernel serving the
 * built shell and this plugin's UI bundle. A member with an active membership opens "My Wi-Fi" from the nav, sees
 * their login and password, a session recorded by accounting with its data used, and gets a new password with
 * "New password" (screenshot `docs/screenshots/wifi.png`). Staff open "Guest Wi-Fi", create two vouchers (the
 * UniFi fake receives them) and see their codes in the table, vouchers issued elsewhere appear live, and "Print"
 * queues a voucher's ticket on the vouchers printer (access plugin); members do not get that screen.
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
import spaces from '@tessera/plugin-spaces'
import bookings from '@tessera/plugin-bookings'
import access from '@tessera/plugin-access'
import type { PrintJob } from '@tessera/plugin-access/contract'
import { startUnifiFake } from '@tessera/plugin-wifi/testing'
import type { UnifiFake } from '@tessera/plugin-wifi/testing'
import type { MyWifi } from '@tessera/plugin-wifi/contract'
import wifi from '../src/index.ts'
import billing from './support/billing-stand-in.ts'

const repoRoot = join(import.meta.dirname, '..', '..', '..')
const pluginDir = join(import.meta.dirname, '..')
let t: Awaited<ReturnType<typeof createTestKernel>>
let unifi: UnifiFake
let b: BrowserSession | undefined
let baseURL = ''
const errors: string[] = []
let tenantId = ''
let call: (method: 'GET' | 'POST', url: string, payload?: object, session?: string) => ReturnType<typeof t.request>

before(async () => {
  unifi = await startUnifiFake()
  const distDir = await ensureShellBuilt(repoRoot)
  // every plugin's bundle: the home screen loads the dashboard widgets of each enabled plugin
  const shared = new Set(sharedSpecifiers(join(repoRoot, 'ui', 'shell')))
  const ids = ['members', 'spaces', 'bookings', 'access', 'wifi']
  await Promise.all(findPluginUis(join(repoRoot, 'plugins')).filter((p) => ids.includes(p.id)).map((p) => buildPluginUi(p, shared)))
  const dir = (id: string) => join(repoRoot, 'plugins', id)
  t = await createTestKernel({
    plugins: [
      { definition: members, packageDir: dir('members') }, { definition: spaces, packageDir: dir('spaces') }, { definition: bookings, packageDir: dir('bookings') },
      billing, { definition: access, packageDir: dir('access') }, { definition: wifi, packageDir: pluginDir },
    ],
    workers: true,
    config: { ui: { shellDir: distDir } } as never,
  })
  await t.kernel.listen()
  baseURL = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
  const tenant = await t.createTenant()
  tenantId = tenant.id
  for (const p of ['members', 'billing', 'spaces', 'bookings', 'access']) await t.enable(tenant.id, p)
  await t.enable(tenant.id, 'wifi', { realm: tenant.slug, unifi: { baseUrl: unifi.baseUrl, siteId: unifi.siteId, apiKey: unifi.apiKey } })
  const admin = (await t.signIn({ tenantId, role: 'admin' })).cookie
  call = (method, url, payload, session = admin) => t.request({ method, url: `/api/v1${url}`, session, ...(payload ? { payload } : {}) })
  // a vouchers printer at the front desk (its site agent need not be connected: the job waits in access's queue)
  const openingHours = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ from: '00:00', to: '24:00' }]]))
  const location = (await call('POST', '/spaces/locations', { name: 'Front desk', timezone: 'Europe/Amsterdam', openingHours })).json() as { id: string }
  const agent = (await call('POST', '/access/agents', { name: 'Desk agent' })).json() as { id: string }
  const printer = await call('POST', '/access/printers', { name: 'Tickets', agentId: agent.id, deviceId: 'tickets', driver: 'printer-simulator', locationId: location.id, purposes: ['vouchers'] })
  assert.equal(printer.statusCode, 201, printer.body)
})

after(async () => {
  await b?.close().catch(() => {})
  await t?.close()
  await unifi?.close()
})

const unexpected = () => errors.filter((e) => !e.startsWith('console: Failed to load resource: the server responded with a status of 401'))

test('a member sees their Wi-Fi login, a session with its data, and gets a new password', async () => {
  const login = await t.signIn({ tenantId, role: 'member', email: `mia.member.${randomUUID().slice(0, 4)}@example.com` })
  const person = (await call('POST', '/members/people', { name: 'Mia Member', email: login.email })).json() as { id: string }
  await call('POST', `/members/people/${person.id}/invite`, {})
  const r = await call('POST', '/billing/test-publish', {
    event: 'membershipCreated', payload: { id: randomUUID(), payerType: 'person', payerId: person.id, planId: randomUUID(), startsOn: new Date().toISOString().slice(0, 10) },
  })
  assert.equal(r.statusCode, 204, r.body)
  const me = await waitFor(async () => {
    const res = await call('GET', '/wifi/me', undefined, login.cookie)
    return res.statusCode === 200 ? (res.json() as MyWifi) : undefined
  }, { timeoutMs: 15_000, message: 'Wi-Fi login issued' })
  // an accounting session, as FreeRADIUS's rlm_sql writes it
  await t.adminQuery(
    `INSERT INTO wifi_radius.sessions (tenant_id, person_id, username, acct_session_id, calling_station, started_at, updated_at, stopped_at, session_seconds, input_octets, output_octets)
     VALUES ($1, $2, $3, 'sess-1', 'AA-BB-CC-DD-EE-FF', now() - interval '2 hours', now(), now() - interval '30 minutes', 5400, 120000000, 30000000)`,
    [tenantId, person.id, me.username])

  b = await openBrowser({ baseURL, errors })
  b.context.setDefaultTimeout(10_000)
  const page = b.page
  await signIn(page, { email: login.email, password: 'password123' })
  const nav = page.getByRole('navigation', { name: 'Main' })
  assert.equal(await nav.getByRole('link', { name: 'Guest Wi-Fi' }).count(), 0, 'members do not get the vouchers screen')
  await nav.getByRole('link', { name: 'My Wi-Fi' }).click()
  await page.getByLabel('Wi-Fi username').getByText(me.username).waitFor()
  assert.equal((await page.getByLabel('Wi-Fi password').textContent())?.trim(), me.password)
  const sessions = page.getByRole('table', { name: 'My Wi-Fi sessions' })
  await sessions.getByText('150.0 MB').waitFor()
  await sessions.getByText('1 h 30 min').waitFor()
  await page.getByRole('button', { name: 'New password' }).click()
  await page.getByText('New Wi-Fi password set.').waitFor()
  const next = await waitFor(async () => {
    const shown = (await page.getByLabel('Wi-Fi password').textContent())?.trim()
    return shown && shown !== me.password ? shown : undefined
  }, { message: 'new password shown' })
  const after = (await call('GET', '/wifi/me', undefined, login.cookie)).json() as MyWifi
  assert.equal(after.password, next)
  await axe(page)
  await screenshot(page, join(repoRoot, 'docs', 'screenshots', 'wifi.png'))
  assert.deepEqual(unexpected(), [])
  await b.close()
  b = undefined
})

test('staff create guest vouchers on "Guest Wi-Fi" and see their codes; vouchers issued elsewhere appear live', async () => {
  const staff = await t.signIn({ tenantId, role: 'manager' })
  b = await openBrowser({ baseURL, errors })
  b.context.setDefaultTimeout(10_000)
  const page = b.page
  await signIn(page, { email: staff.email, password: 'password123' })
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Guest Wi-Fi' }).click()
  const form = page.getByRole('form', { name: 'New vouchers' })
  await form.getByLabel('Name').fill('Open day')
  await form.getByLabel('How many').fill('2')
  await form.getByLabel('Valid for (hours)').fill('4')
  await form.getByLabel('Data limit (MB)').fill('500')
  await form.getByRole('button', { name: 'Create vouchers' }).click()
  await page.getByText('2 vouchers created.').waitFor()
  const made = unifi.vouchers().filter((v) => v.name === 'Open day')
  assert.equal(made.length, 2)
  assert.ok(made.every((v) => v.timeLimitMinutes === 240 && v.dataUsageLimitMBytes === 500))
  const table = page.getByRole('table', { name: 'Guest vouchers' })
  for (const v of made) await table.getByText(v.code).waitFor()
  await table.getByText('4 h').first().waitFor()
  // vouchers issued elsewhere (another desk; a day pass at the POS) appear without a reload (wifi.vouchers.issued)
  const other = await t.request({ method: 'POST', url: '/api/v1/wifi/vouchers', session: staff.cookie, headers: { 'idempotency-key': randomUUID() }, payload: { name: 'Other desk', durationMinutes: 60 } })
  assert.equal(other.statusCode, 201, other.body)
  await table.getByText((other.json() as { items: { code: string }[] }).items[0]!.code).waitFor()
  await table.getByRole('button', { name: `Print voucher ${made[0]!.code}` }).click()
  await page.getByText(`Voucher ${made[0]!.code} sent to the printer.`).waitFor()
  const jobs = ((await call('GET', '/access/print-jobs')).json() as { items: PrintJob[] }).items
  assert.equal(jobs.filter((j) => j.source === 'wifi' && j.purpose === 'vouchers').length, 1)
  await axe(page)
  await screenshot(page, join(pluginDir, 'test-results', 'wifi-vouchers.png'))
  assert.deepEqual(unexpected(), [])
})
