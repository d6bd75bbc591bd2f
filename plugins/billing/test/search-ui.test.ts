/**
 * The top-bar search box (`ui/shell/src/search/tz-search.ts`) in the real web UI: a real kernel (members, spaces,
 * bookings, billing) listening on a port, serving the built shell and the plugins' bundles; Debian Chromium drives
 * it with the keyboard only. Ctrl-K focuses the box, a misspelt name finds the person (grouped under People ·
 * Members, an ARIA combobox whose listbox the arrow keys walk through aria-activedescendant), Enter opens the
 * profile /members/:id through the shell's router (no page load), Esc closes and clears, `/` focuses it too, an
 * invoice number opens the invoice (Invoices · Billing), an unknown text says "No results for “…”", a text over 100 characters shows the kernel's 422 in words; axe on the
 * open list; on a phone the list spans the screen under the shrunk box. (Here in billing because billing's tests reach the shell's test kit and every searched plugin.)
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { createTestKernel } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import { ensureShellBuilt, openBrowser, signIn, axe } from '@tessera/ui-shell/testing'
import type { BrowserSession } from '@tessera/ui-shell/testing'
import { buildPluginUi, findPluginUis, sharedSpecifiers } from '@tessera/ui-shell/build'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import bookings from '@tessera/plugin-bookings'
import billing from '../src/index.ts'

const repoRoot = join(import.meta.dirname, '..', '..', '..')
const ids = ['members', 'spaces', 'bookings', 'billing']

let t: TestKernel
let baseURL = ''
let b: BrowserSession | undefined
const errors: string[] = []

before(async () => {
  const distDir = await ensureShellBuilt(repoRoot)
  const shared = new Set(sharedSpecifiers(join(repoRoot, 'ui', 'shell')))
  await Promise.all(findPluginUis(join(repoRoot, 'plugins')).filter((p) => ids.includes(p.id)).map((p) => buildPluginUi(p, shared)))
  const definitions = { members, spaces, bookings, billing } as Record<string, unknown>
  t = await createTestKernel({
    plugins: ids.map((id) => ({ definition: definitions[id], packageDir: join(repoRoot, 'plugins', id) })) as never,
    config: { ui: { shellDir: distDir } } as never,
  })
  baseURL = `http://127.0.0.1:${new URL(await t.listen()).port}`
})

after(async () => {
  await b?.close().catch(() => {})
  await t?.close()
})

test('top-bar search: Ctrl-K, a misspelt name, ArrowDown, Enter opens the profile; Esc closes; empty and 422 states', { timeout: 120_000 }, async () => {
  const tenant = await t.createTenant('search-ui', 'Search Studios')
  for (const id of ids) await t.enable(tenant.id, id, id === 'billing' ? { currency: 'GBP' } : {})
  const admin = await t.signIn({ tenantId: tenant.id, role: 'admin', email: 'admin@search-ui.test' })
  const add = async (name: string, email?: string) => {
    const res = await t.request({ method: 'POST', url: '/api/v1/members/people', session: admin.cookie, payload: { name, ...(email ? { email } : {}) } })
    assert.equal(res.statusCode, 201, res.body)
    return res.json().id as string
  }
  const ada = await add('Ada Lovelace', 'ada@analytical.test')
  await add('Charles Babbage')

  b = await openBrowser({ baseURL, errors })
  b.context.setDefaultTimeout(30_000)
  const page = b.page
  await signIn(page, { email: admin.email, password: 'password123' })
  await page.getByRole('heading', { level: 1 }).first().waitFor()
  let loads = 0
  page.on('load', () => loads++)

  const box = page.getByRole('combobox', { name: 'Search' })
  await page.keyboard.press('Control+k')
  assert.equal(await box.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement), true, 'Ctrl-K focuses the box')
  assert.equal(await box.getAttribute('aria-expanded'), 'false')
  await page.keyboard.type('Ada Lovlace')
  const listbox = page.getByRole('listbox', { name: 'Search results' })
  const option = listbox.getByRole('option', { name: /Ada Lovelace/ })
  await option.waitFor()
  assert.equal(await box.getAttribute('aria-expanded'), 'true')
  await page.getByRole('group', { name: 'People · Members' }).waitFor()
  assert.equal(await option.getAttribute('aria-selected'), 'false')
  await axe(page, { screen: 'search results' })

  await page.keyboard.press('ArrowDown')
  const optionId = await option.getAttribute('id')
  assert.equal(await box.getAttribute('aria-activedescendant'), optionId, 'the active option is the box\'s activedescendant')
  assert.equal(await option.getAttribute('aria-selected'), 'true')
  await page.keyboard.press('Enter')
  await page.waitForURL(`**/members/${ada}`)
  await page.getByRole('heading', { name: 'Ada Lovelace', level: 1 }).waitFor()
  assert.equal(loads, 0, 'opened through the shell\'s router, not a page load')
  assert.equal(await box.inputValue(), '', 'the box is cleared after opening a result')
  assert.equal(await listbox.count(), 0)

  // Esc closes the list and clears the text; `/` focuses the box from the page
  await page.locator('main').focus()
  await page.keyboard.press('/')
  assert.equal(await box.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement), true, '/ focuses the box')
  await page.keyboard.type('babbage')
  await listbox.getByRole('option', { name: /Charles Babbage/ }).waitFor()
  await page.keyboard.press('Escape')
  await listbox.waitFor({ state: 'detached' })
  assert.equal(await box.inputValue(), '')
  assert.equal(await box.getAttribute('aria-expanded'), 'false')

  // an invoice number: its own group under the plugin's name, Enter opens the invoice
  await t.request({ method: 'POST', url: '/api/v1/billing/charges', session: admin.cookie, payload: { payerType: 'person', payerId: ada, description: 'Meeting room', unitAmount: 1250, source: 'search-ui:1' } })
  const draft = (await t.request({ method: 'POST', url: '/api/v1/billing/invoices', session: admin.cookie, payload: { payerType: 'person', payerId: ada } })).json() as { id: string }
  assert.equal((await t.request({ method: 'POST', url: `/api/v1/billing/invoices/${draft.id}/issue`, session: admin.cookie, payload: {} })).statusCode, 200)
  await page.keyboard.press('Control+k')
  await page.keyboard.type('INV-000001')
  await page.getByRole('group', { name: 'Invoices · Billing' }).getByRole('option', { name: /INV-000001.*Ada Lovelace/ }).waitFor()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await page.waitForURL(`**/billing/invoices/${draft.id}`)

  // nothing found; one character asks nothing; over 100 characters the kernel's 422 in words
  await box.fill('zzqqxx')
  await page.getByText('No results for “zzqqxx”').waitFor()
  await box.fill('a')
  await page.getByText('No results for “zzqqxx”').waitFor({ state: 'detached' })
  await box.fill('a'.repeat(101))
  await page.getByRole('alert').getByText('Search for at most 100 characters (this is 101).').waitFor()
  await axe(page, { screen: 'search message' })

  // on a phone the box shrinks but its list spans the screen
  await page.keyboard.press('Escape')
  await page.setViewportSize({ width: 390, height: 800 })
  await page.keyboard.press('Control+k')
  await page.keyboard.type('babbage')
  await listbox.getByRole('option', { name: /Charles Babbage/ }).waitFor()
  const list = (await listbox.boundingBox())!
  assert.ok(list.x >= 0 && list.x + list.width <= 390 && list.width >= 300, `the list fits the phone: ${JSON.stringify(list)}`)
  const boxAt = (await box.boundingBox())!
  assert.ok(list.y >= boxAt.y + boxAt.height, 'below the box')
  assert.deepEqual(errors.filter((e) => !e.startsWith('console: Failed to load resource: the server responded with a status of')), [])
})
