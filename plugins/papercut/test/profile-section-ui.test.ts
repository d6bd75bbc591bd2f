/**
 * The print account section of a member's profile in a real browser (Debian Chromium via the shell's test helpers),
 * on a real kernel serving the built shell and the bundles of every enabled plugin, the PaperCut fake behind it. A
 * manager opens `/members/:id`: a synced member shows their PaperCut username, "Synced", the balance, this period's
 * pages against the allowance and their cost beyond it, and the last sync; a member whose sync failed while PaperCut
 * was down shows "Error — retrying" with the reason, and "Retry sync" (from the keyboard) turns it "Synced" once
 * PaperCut is back; a person without a membership shows "Not set up in PaperCut yet". axe finds no serious or critical
 * violation on each.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { ensureShellBuilt, openBrowser, signIn, screenshot, axe } from '@tessera/ui-shell/testing'
import type { BrowserSession } from '@tessera/ui-shell/testing'
import { buildPluginUi, findPluginUis, sharedSpecifiers } from '@tessera/ui-shell/build'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import bookings from '@tessera/plugin-bookings'
import billing from '@tessera/plugin-billing'
import access from '@tessera/plugin-access'
import papercut from '@tessera/plugin-papercut'
import { startPaperCutFake } from '@tessera/plugin-papercut/testing'
import type { PaperCutFake } from '@tessera/plugin-papercut/testing'
import type { PersonPrint } from '@tessera/plugin-papercut/contract'
import { createTestKernel, waitFor } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import { jobsSettled, world } from './world.ts'
import type { World } from './world.ts'

const repoRoot = join(import.meta.dirname, '..', '..', '..')
const pluginDir = join(import.meta.dirname, '..')
const ids = ['members', 'spaces', 'bookings', 'billing', 'access', 'papercut']
let t: TestKernel
let fake: PaperCutFake
let w: World
let baseURL = ''
const sessions: BrowserSession[] = []
const errors: string[] = []

before(async () => {
  const distDir = await ensureShellBuilt(repoRoot)
  // every enabled plugin's bundle: the profile loads each one's section
  const shared = new Set(sharedSpecifiers(join(repoRoot, 'ui', 'shell')))
  await Promise.all(findPluginUis(join(repoRoot, 'plugins')).filter((p) => ids.includes(p.id)).map((p) => buildPluginUi(p, shared)))
  fake = await startPaperCutFake()
  const definitions: Record<string, unknown> = { members, spaces, bookings, billing, access, papercut }
  t = await createTestKernel({
    plugins: ids.map((id) => ({ definition: definitions[id], packageDir: join(repoRoot, 'plugins', id) })) as never,
    workers: true,
    config: { ui: { shellDir: distDir } } as never,
  })
  baseURL = await t.listen()
  w = await world(t, fake, { pricePerPage: 10, pricePerColourPage: 50 })
})

after(async () => {
  for (const s of sessions) await s.close().catch(() => {})
  await t?.close()
  await fake?.close()
})

const view = async (personId: string) => (await w.ok('GET', `/papercut/accounts/${personId}`)) as PersonPrint
const unexpected = () => errors.filter((e) => !e.startsWith('console: Failed to load resource: the server responded with a status of 401'))

test('staff see a member\'s print account on their profile; a failed sync with its reason is retried from the keyboard; an empty state', { timeout: 120_000 }, async () => {
  const plan = await w.plan({ printPages: 5 })
  const ada = await w.person('Ada Printer')
  await w.membership(ada.personId, plan.id)
  await waitFor(async () => (await view(ada.personId)).allowancePages === 5 || undefined, { timeoutMs: 20_000, message: 'synced and topped up' })
  fake.printJob(ada.email, { pages: 12, colourPages: 2, cost: 2 })
  await w.ok('POST', `/papercut/accounts/${ada.personId}/retry`, {})
  await waitFor(async () => (await view(ada.personId)).pagesUsed === 12 || undefined, { timeoutMs: 20_000, message: 'counters stored' })
  await jobsSettled(t, w.tenantId) // the retry's sync must not meet PaperCut down below
  const dora = await w.person('Dora Down')
  await fake.stop()
  try {
    await w.membership(dora.personId, plan.id)
    await waitFor(async () => (await view(dora.personId)).state === 'error' || undefined, { timeoutMs: 20_000, message: 'error stored' })
  } finally {
    await fake.start()
  }
  const nils = await w.person('Nils None')

  const staff = await t.signIn({ tenantId: w.tenantId, role: 'manager' })
  const s = await openBrowser({ baseURL, errors })
  sessions.push(s)
  s.context.setDefaultTimeout(20_000)
  const page = s.page
  await signIn(page, { email: staff.email, password: 'password123' })

  await page.goto(`/members/${ada.personId}`)
  const section = page.locator('section[data-section="papercut/printing"]')
  await section.getByRole('heading', { name: 'Print account' }).waitFor()
  const account = section.getByRole('definition')
  await account.getByText(ada.email).waitFor()
  await account.getByText('Synced', { exact: true }).waitFor()
  await account.getByText('-1.50').waitFor()
  await account.getByText('12 of 5 (2 colour)').waitFor()
  await account.getByText('1.50 beyond the allowance').waitFor()
  assert.notEqual(await section.locator('[data-part="synced"]').textContent(), 'Never')
  assert.equal(await section.getByRole('button', { name: 'Retry sync' }).count(), 0, 'a synced account has nothing to retry')
  await axe(page, { screen: 'member profile (print account)' })
  await screenshot(page, join(pluginDir, 'test-results', 'papercut-profile-section.png'), { fullPage: true })

  await page.goto(`/members/${dora.personId}`)
  const failed = page.locator('section[data-section="papercut/printing"]')
  await failed.getByText('Error — retrying').waitFor()
  await failed.getByRole('status').getByText(/PaperCut is unreachable/).waitFor()
  await axe(page, { screen: 'member profile (print account, failed sync)' })
  await failed.getByRole('button', { name: 'Retry sync' }).focus()
  await page.keyboard.press('Enter')
  await page.getByText('Sync with PaperCut queued.').waitFor()
  await failed.getByText('Synced', { exact: true }).waitFor({ timeout: 40_000 })
  assert.ok(fake.users.has(dora.email))

  await page.goto(`/members/${nils.personId}`)
  const empty = page.locator('section[data-section="papercut/printing"]')
  await empty.getByText('Not set up in PaperCut yet').waitFor()
  await axe(page, { screen: 'member profile (no print account)' })
  assert.deepEqual(unexpected(), [])
})
