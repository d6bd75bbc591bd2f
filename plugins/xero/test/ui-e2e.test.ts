/**
 * End to end through the real web UI: a real kernel (members, spaces, billing, Xero) listening on a port and serving
 * the built shell and the plugins' UI bundles; the Xero plugin points at the local fake. Staff connect Xero from the
 * connection screen through the fake's consent page ("Allow access"), map the sales account and the location's
 * tracking option (picked from the organisation's tracking categories, which the screen asks for again when a sync
 * held the conversation with Xero as it opened) on the mapping screen, issue a draft invoice on
 * billing's invoice screen, and see it synced in the sync log — the screenshot docs/screenshots/xero-sync-log.png.
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
import billing from '@tessera/plugin-billing'
import { startXeroFake } from '@tessera/plugin-xero/testing'
import type { XeroFake, FakeOrganisation } from '@tessera/plugin-xero/testing'
import { APP, holdSyncLock, xeroFor } from './helpers.ts'

const repoRoot = join(import.meta.dirname, '..', '..', '..')
const shots = join(repoRoot, 'docs', 'screenshots')
const extra = join(repoRoot, 'test-results', 'ui-e2e-xero')
const pluginDir = (id: string) => join(repoRoot, 'plugins', id)

let t: TestKernel
let fake: XeroFake
let org: FakeOrganisation
let baseURL = ''
let b: BrowserSession
const errors: string[] = []

before(async () => {
  const distDir = await ensureShellBuilt(repoRoot)
  const shared = new Set(sharedSpecifiers(join(repoRoot, 'ui', 'shell')))
  const ids = ['members', 'spaces', 'billing', 'xero']
  await Promise.all(findPluginUis(join(repoRoot, 'plugins')).filter((p) => ids.includes(p.id)).map((p) => buildPluginUi(p, shared)))
  fake = await startXeroFake()
  org = fake.addOrganisation('Harbour Works Ltd')
  fake.addTrackingCategory(org, 'Location', ['Quayside', 'Old Town'])
  t = await createTestKernel({
    plugins: [
      { definition: members, packageDir: pluginDir('members') },
      { definition: spaces, packageDir: pluginDir('spaces') },
      { definition: billing, packageDir: pluginDir('billing') },
      { definition: xeroFor(fake), packageDir: pluginDir('xero') },
    ],
    config: { ui: { shellDir: distDir }, jobs: { pollingIntervalSeconds: 0.5 }, secrets: { xero_token_key: 'ui-e2e-key' } } as never,
  })
  baseURL = await t.listen()
})

after(async () => {
  await b?.close().catch(() => {})
  await t?.close()
  await fake?.close()
})

test('staff connect Xero through the consent page, map the sales account, issue an invoice and see it synced in the log', { timeout: 120_000 }, async () => {
  const tenant = await t.createTenant('harbour-xero', 'Harbour Works')
  for (const p of ['members', 'spaces', 'billing']) await t.enable(tenant.id, p)
  await t.enable(tenant.id, 'xero', APP)
  const staff = await t.signIn({ tenantId: tenant.id, role: 'admin', email: 'finance@harbour-xero.test' })
  const call = async (method: 'POST' | 'GET', url: string, payload?: object) => {
    const r = await t.request({ method, url: `/api/v1${url}`, session: staff.cookie, ...(payload ? { payload } : {}) })
    if (r.statusCode >= 300) throw new Error(`${url}: ${r.statusCode} ${r.body}`)
    return r.json()
  }
  const person = await call('POST', '/members/people', { name: 'Priya Raman', email: 'priya@lumen.test' })
  const quay = await call('POST', '/spaces/locations', { name: 'Harbour Quay', timezone: 'Europe/London', openingHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from: '08:00', to: '20:00' }]])) })
  await call('POST', '/billing/charges', { payerType: 'person', payerId: person.id, description: 'Meeting room, 2 h', unitAmount: 4500, taxRateBp: 2000, source: 'room-1', locationId: quay.id })
  const draft = await call('POST', '/billing/invoices', { payerType: 'person', payerId: person.id })

  b = await openBrowser({ baseURL, errors })
  b.context.setDefaultTimeout(15_000)
  const page = b.page
  try {
    await signIn(page, { email: staff.email, password: 'password123' })
    // 1. connect: the app's button → Xero's consent page → back on the connection screen, connected
    await page.goto('/xero/connection')
    await page.getByRole('button', { name: 'Connect to Xero' }).click()
    await page.getByRole('heading', { name: 'Tessera wants to access your Xero' }).waitFor()
    await page.getByRole('button', { name: 'Allow access' }).click()
    await page.locator('tz-badge[data-state="connected"]').waitFor()
    assert.ok(await page.getByText('Harbour Works Ltd').isVisible())
    // 2. map the sales account (schema form from the mapping schema); the screen opens while a sync holds the
    // conversation with Xero (held here from another session, as a running sync holds it)
    const release = await holdSyncLock(t.databaseUrl, tenant.id)
    try {
      await page.goto('/xero/mapping')
      await page.getByText('a sync is talking to Xero right now; asking again in a moment').waitFor()
    } finally {
      await release()
    }
    const sales = page.getByLabel('Sales account')
    await sales.fill('260')
    await page.getByRole('button', { name: 'Save mapping' }).click()
    await page.getByText('Mapping saved').waitFor()
    // ... and the location's tracking option, from the categories Xero holds: the screen asks again, and once no sync
    // is in the way the typed-in field becomes the list of Xero's categories
    await page.locator('tz-select[label="Tracking category of locations"]').waitFor()
    await page.getByLabel('Tracking category of locations').selectOption('Location')
    await page.getByLabel('Harbour Quay').selectOption('Quayside')
    await page.getByRole('button', { name: 'Save tracking' }).click()
    await page.getByText('Tracking saved').waitFor()
    await axe(page)
    await screenshot(page, join(extra, 'mapping.png'))
    // 3. issue the draft on billing's screen
    await page.goto(`/billing/invoices/${draft.id}`)
    await page.getByRole('button', { name: 'Issue', exact: true }).click()
    await page.getByRole('button', { name: 'Issue invoice' }).click()
    await page.locator('tz-badge[data-status="issued"]').waitFor()
    const issued = await call('GET', `/billing/invoices/${draft.id}`)
    // 4. the sync log shows it synced (live)
    await page.goto('/xero/sync-log')
    const row = page.getByRole('row').filter({ hasText: issued.number })
    await row.locator('tz-badge[data-state="synced"]').waitFor({ timeout: 30_000 })
    await page.getByRole('row').filter({ hasText: 'Priya Raman' }).locator('tz-badge[data-state="synced"]').waitFor()
    const region = page.getByRole('region', { name: 'Notifications' })
    while ((await region.getByRole('button').count()) > 0) await region.getByRole('button').first().click()
    await axe(page)
    await screenshot(page, join(shots, 'xero-sync-log.png'))
    assert.equal(org.invoices.length, 1)
    assert.equal(org.invoices[0].InvoiceNumber, issued.number)
    assert.equal(org.invoices[0].LineItems[0].AccountCode, '260')
    assert.deepEqual(org.invoices[0].LineItems[0].Tracking?.map((x) => [x.Name, x.Option]), [['Location', 'Quayside']])
    // resource loads the page expects to fail (the session probe before sign-in, the fake's missing favicon) are not errors of the screens
    assert.deepEqual(errors.filter((e) => !e.startsWith('console: Failed to load resource: the server responded with a status of')), [])
  } catch (err) {
    await axe(page)
    await screenshot(page, join(extra, 'failure.png')).catch(() => {})
    throw err
  }
})
