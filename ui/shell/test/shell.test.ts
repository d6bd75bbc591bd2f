/**
 * Browser tests of the shell and the kit in real Chromium: the sign-in screen, the manifest-driven navigation
 * with plugin modules loaded on demand (a fixture plugin built by the real plugin build), not-found and
 * not-enabled states, tenant switching, the operator screens, and `tz-schema-form` field errors by pointer.
 * The kernel is replaced by `fake-kernel.ts` behind a node:http server. Screenshots go to
 * `test-results/ui/`.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { openBrowser, screenshot, signIn } from './browser.ts'
import type { BrowserSession } from './browser.ts'
import { axe } from './axe.ts'
import { startTestServer } from './static-server.ts'
import type { TestServer } from './static-server.ts'
import { createFakeKernel, operatorCredentials, staffCredentials } from './fake-kernel.ts'
import { ensureShellBuilt } from './ensure-built.ts'
import { buildPluginUi } from '../build/build-plugins.ts'
import { sharedSpecifiers } from '../build/shared-modules.ts'

const repoRoot = join(import.meta.dirname, '..', '..', '..')
const shots = join(repoRoot, 'test-results', 'ui')
const fixtureVersion = '1.0.0'

let server: TestServer
let browser: BrowserSession
let page: Page
let pluginOut: string
const errors: string[] = []

before(async () => {
  const distDir = await ensureShellBuilt(repoRoot)
  pluginOut = mkdtempSync(join(tmpdir(), 'tessera-plugin-ui-'))
  const fixtureDir = join(import.meta.dirname, 'fixtures', 'demo-plugin')
  await buildPluginUi(
    { id: 'demo', dir: fixtureDir, entry: join(fixtureDir, 'ui', 'index.ts') },
    new Set(sharedSpecifiers(join(repoRoot, 'ui', 'shell'))),
    pluginOut,
  )
  const ids = ['members', 'spaces', 'bookings', 'access']
  const versions: Record<string, string> = { members: '1.2.0', spaces: '1.0.3', bookings: '1.4.1', access: '0.9.0' }
  const kernel = createFakeKernel({ pluginModule: (id, version) => `/ui/plugins/${id}/${version}/index.js` })
  server = await startTestServer({
    distDir,
    pagesDir: join(import.meta.dirname, 'pages'),
    plugins: Object.fromEntries(ids.map((id) => [id, { version: versions[id] ?? fixtureVersion, dir: pluginOut }])),
    api: (req, res, body) => kernel.handle(req, res, body),
  })
  browser = await openBrowser({ baseURL: server.url, errors })
  page = browser.page
  page.setDefaultTimeout(5000)
})

after(async () => {
  await browser?.close()
  await server?.close()
  if (pluginOut) rmSync(pluginOut, { recursive: true, force: true })
})

async function signOutIfNeeded(): Promise<void> {
  await browser.context.clearCookies()
}

/** Text content of an element's error paragraph inside the shadow root of the control labelled `label`. */
async function describedText(page: Page, label: string): Promise<string> {
  return page.getByLabel(label, { exact: true }).evaluate((input) => {
    const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)
    const root = input.getRootNode() as ShadowRoot
    return ids.map((id) => root.getElementById(id)?.textContent?.trim() ?? '').join(' | ')
  })
}

describe('plugin UI build', () => {
  test('keeps lit and the kit external and stays small', () => {
    const code = readFileSync(join(pluginOut, 'index.js'), 'utf8')
    assert.match(code, /from\s*["']lit["']/)
    assert.match(code, /from\s*["']@tessera\/ui-kit["']/)
    assert.doesNotMatch(code, /lit-html|ReactiveElement|_\$litElement\$/, 'Lit must not be bundled into the plugin')
    assert.ok(code.length < 8000, `plugin bundle is ${code.length} bytes`)
  })
})

describe('shell in Chromium', () => {
  test('sign-in screen renders labelled inputs and explains a wrong password', async () => {
    await signOutIfNeeded()
    await page.goto('/')
    const email = page.getByLabel('Email', { exact: true })
    const password = page.getByLabel('Password', { exact: true })
    await email.waitFor()
    assert.equal(await email.getAttribute('type'), 'email')
    assert.equal(await password.getAttribute('type'), 'password')
    assert.equal(await email.getAttribute('autocomplete'), 'username')
    await axe(page)
    await screenshot(page, join(shots, 'sign-in.png'))

    await email.fill(operatorCredentials.email)
    await password.fill('wrong')
    await password.press('Enter')
    await page.getByRole('alert').filter({ hasText: 'Incorrect email or password' }).waitFor()
    await axe(page)
    await screenshot(page, join(shots, 'sign-in-error.png'))
  })

  test('navigation comes from the manifest and plugin screens load on demand', async () => {
    await signOutIfNeeded()
    await signIn(page, operatorCredentials)
    const nav = page.getByRole('navigation', { name: 'Main' })
    for (const label of ['Members', 'Spaces', 'Bookings']) await nav.getByRole('link', { name: label }).waitFor()
    assert.equal(await nav.getByRole('link', { name: 'Doors' }).count(), 0, 'access is not enabled for Harbour Works')
    await axe(page)
    await screenshot(page, join(shots, 'home.png'))

    await nav.getByRole('link', { name: 'Bookings' }).click()
    await page.getByRole('heading', { name: 'Bookings', level: 1 }).waitFor()
    await page.getByText('Upcoming bookings at Harbour Works').waitFor()
    assert.equal(new URL(page.url()).pathname, '/bookings')
    assert.equal(await nav.getByRole('link', { name: 'Bookings' }).getAttribute('aria-current'), 'page')
    await axe(page)
    await screenshot(page, join(shots, 'plugin-bookings.png'))

    await page.getByRole('link', { name: 'Boardroom' }).click()
    await page.getByRole('heading', { name: 'Booking b-1041' }).waitFor()
    await page.goBack()
    await page.getByRole('heading', { name: 'Bookings', level: 1 }).waitFor()

    await page.goto('/no-such-page')
    await page.getByRole('heading', { name: 'Page not found' }).waitFor()
    await page.goto('/access')
    await page.getByRole('heading', { name: 'Door access is not enabled for Harbour Works' }).waitFor()
    await axe(page)
    await screenshot(page, join(shots, 'not-enabled.png'))
  })

  test('switching tenant reloads the navigation', async () => {
    await signOutIfNeeded()
    await signIn(page, operatorCredentials)
    await page.goto('/bookings')
    await page.getByRole('heading', { name: 'Bookings', level: 1 }).waitFor()
    await page.getByLabel('Tenant').selectOption({ label: 'Northside Studios' })
    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('heading', { name: 'Northside Studios' }).waitFor()
    await nav.getByRole('link', { name: 'Members' }).waitFor()
    assert.equal(await nav.getByRole('link', { name: 'Bookings' }).count(), 0)
    assert.equal(new URL(page.url()).pathname, '/', 'a screen the new tenant lacks sends you home')
  })

  test('staff without the operator flag see no Operator section', async () => {
    await signOutIfNeeded()
    await signIn(page, staffCredentials)
    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('link', { name: 'Bookings' }).waitFor()
    assert.equal(await nav.getByRole('link', { name: 'Tenants' }).count(), 0)
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByLabel('Email', { exact: true }).waitFor()
  })

  test('operator: tenants paginate; plugin config errors appear next to their field; 409s are explained', async () => {
    await signOutIfNeeded()
    await signIn(page, operatorCredentials)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tenants' }).click()
    await page.getByText('Showing 1–20 of 23').waitFor()
    assert.equal(await page.getByRole('table', { name: 'Tenants' }).locator('tbody tr').count(), 20)
    await axe(page)
    await screenshot(page, join(shots, 'operator-tenants.png'))
    await page.getByRole('button', { name: 'Next' }).click()
    await page.getByText('Showing 21–23 of 23').waitFor()
    assert.match(page.url(), /\?page=2$/)

    await page.goto('/operator/tenants/t-harbour')
    await page.getByRole('heading', { name: 'Harbour Works · Plugins' }).waitFor()
    await page.getByText('Install failed: Migration 0003_invoice_lines failed').waitFor()
    await axe(page)
    await screenshot(page, join(shots, 'operator-plugins.png'), { fullPage: true })

    // Disabling a plugin others depend on: 409, shown on that row.
    await page.getByRole('button', { name: 'Disable Spaces' }).click()
    // the app's own confirmation first: Cancel keeps it, Disable goes on
    await page.getByRole('button', { name: 'Cancel', exact: true }).click()
    assert.equal(await page.getByRole('button', { name: 'Disable', exact: true }).count(), 0, 'cancelled: the dialog is gone')
    await page.getByRole('button', { name: 'Disable Spaces' }).click()
    await page.getByRole('button', { name: 'Disable', exact: true }).click()
    await page.getByRole('alert').filter({ hasText: 'Plugin is in use' }).waitFor()
    await page.getByText('Bookings depends on Spaces. Disable it first.').waitFor()

    // Config rejected by the server: the error sits under the field its pointer names.
    await page.getByRole('button', { name: 'Configure Bookings' }).click()
    const dialog = page.getByRole('dialog', { name: 'Configure Bookings' })
    await dialog.waitFor()
    // Slotted dialog content is not a DOM descendant of the shadow <dialog>, so locate from the page.
    const hours = page.getByLabel('Maximum booking length (hours)')
    assert.equal(await hours.inputValue(), '4')
    await hours.fill('20')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.getByText('Invalid plugin configuration').waitFor()
    assert.match(await describedText(page, 'Maximum booking length (hours)'), /Must be <= 12 on this deployment/)
    await axe(page)
    await screenshot(page, join(shots, 'operator-plugin-config-error.png'))

    await hours.fill('8')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.getByText('Bookings settings saved.').waitFor()
    assert.equal(await page.getByRole('dialog').count(), 0)
  })

  test('tz-schema-form renders fields from a schema and shows a server error next to the named field', async () => {
    await page.goto('/test/kit.html')
    await page.waitForFunction(() => (window as unknown as { kitReady?: boolean }).kitReady === true)
    for (const label of ['Site name', 'Max seats', 'Plan', 'Allow guests', 'Day rate']) {
      await page.getByLabel(label, { exact: true }).waitFor()
    }
    await page.getByRole('group', { name: 'Allowed domains' }).waitFor()
    assert.equal(await page.getByLabel('Max seats', { exact: true }).inputValue(), '20', 'default applied')
    assert.equal(await page.getByLabel('Allow guests', { exact: true }).isChecked(), true)
    assert.match(await describedText(page, 'Site name'), /Shown on receipts\./)

    await page.evaluate(() => {
      const form = document.querySelector('tz-schema-form') as HTMLElement & { errors: unknown }
      form.errors = [
        { pointer: '/config/maxSeats', detail: 'must be <= 500' },
        { pointer: '/config', detail: "must have required property 'plan'" },
        { pointer: '/config/unknownThing', detail: 'is not allowed here' },
      ]
    })
    await page.getByText('Must be <= 500').waitFor()
    assert.match(await describedText(page, 'Max seats'), /Must be <= 500/)
    assert.match(await describedText(page, 'Plan'), /Must have required property 'plan'/)
    assert.doesNotMatch(await describedText(page, 'Site name'), /500/)
    await page.getByText('Some settings were not accepted').waitFor()
    await page.getByText('Unknown thing: is not allowed here').waitFor()
    await axe(page)
    await screenshot(page, join(shots, 'schema-form-errors.png'), { fullPage: true })

    // Client-side checks before anything is emitted.
    await page.getByLabel('Max seats', { exact: true }).fill('')
    await page.getByRole('button', { name: 'Enable' }).click()
    assert.match(await describedText(page, 'Max seats'), /Enter a value\./)
    assert.equal(await page.locator('#submitted').textContent(), '')

    await page.getByLabel('Max seats', { exact: true }).fill('12')
    await page.getByLabel('Plan', { exact: true }).selectOption('growth')
    await page.getByRole('button', { name: 'Add an item' }).click()
    await page.getByLabel('Allowed domains, item 1').fill('harbour.works')
    await page.getByRole('button', { name: 'Enable' }).click()
    await page.locator('#submitted').filter({ hasText: 'growth' }).waitFor()
    assert.deepEqual(JSON.parse((await page.locator('#submitted').textContent()) ?? ''), {
      maxSeats: 12,
      allowGuests: true,
      plan: 'growth',
      domains: ['harbour.works'],
    })
  })

  test('no uncaught errors in the page', () => {
    const unexpected = errors.filter((e) => !/401|Failed to load resource/.test(e))
    assert.deepEqual(unexpected, [])
  })
})
