/**
 * PaperCut's screens in a real browser (Debian Chromium via the shell's test helpers): a real kernel serving the
 * built shell and this plugin's UI bundle, the PaperCut fake behind it. A member opens "My printing" and sees their
 * balance (the period's allowance) and the pages printed this period; staff open "Printing" and see one person
 * synced and one whose sync failed while PaperCut was down, with the reason; once PaperCut is back, Retry syncs
 * that person and the row turns "Synced". The staff screenshot is `docs/screenshots/papercut.png`.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { ensureShellBuilt, openBrowser, signIn, screenshot, axe } from '@tessera/ui-shell/testing'
import type { BrowserSession } from '@tessera/ui-shell/testing'
import { buildPluginUi, sharedSpecifiers } from '@tessera/ui-shell/build'
import members from '@tessera/plugin-members'
import billing from '@tessera/plugin-billing'
import access from '@tessera/plugin-access'
import papercut from '@tessera/plugin-papercut'
import { startPaperCutFake } from '@tessera/plugin-papercut/testing'
import type { PaperCutFake } from '@tessera/plugin-papercut/testing'
import { createTestKernel, waitFor } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import { world } from './world.ts'
import type { World } from './world.ts'

const repoRoot = join(import.meta.dirname, '..', '..', '..')
const pluginDir = join(import.meta.dirname, '..')
let t: TestKernel
let fake: PaperCutFake
let w: World
let baseURL = ''
const sessions: BrowserSession[] = []
const errors: string[] = []

before(async () => {
  const distDir = await ensureShellBuilt(repoRoot)
  await buildPluginUi({ id: 'papercut', dir: pluginDir, entry: join(pluginDir, 'ui', 'index.ts') }, new Set(sharedSpecifiers(join(repoRoot, 'ui', 'shell'))))
  fake = await startPaperCutFake()
  t = await createTestKernel({
    plugins: [members, '@tessera/plugin-spaces', '@tessera/plugin-bookings', billing, access, { definition: papercut, packageDir: pluginDir }],
    workers: true,
    config: { ui: { shellDir: distDir } } as never,
  })
  baseURL = await t.listen()
  w = await world(t, fake, { pricePerPage: 10 })
})

after(async () => {
  for (const s of sessions) await s.close().catch(() => {})
  await t?.close()
  await fake?.close()
})

const account = async (personId: string) => ((await w.ok('GET', '/papercut/accounts')).items as any[]).find((a) => a.personId === personId)
const unexpected = () => errors.filter((e) => !e.startsWith('console: Failed to load resource: the server responded with a status of 401'))

async function browser(email: string) {
  const s = await openBrowser({ baseURL, errors })
  sessions.push(s)
  s.context.setDefaultTimeout(15_000)
  await signIn(s.page, { email, password: 'password123' })
  return s.page
}

test('a member sees their print balance and this period\'s pages on "My printing"', async () => {
  const plan = await w.plan({ printPages: 100 })
  const mia = await w.person('Mia Member', { login: true })
  await w.membership(mia.personId, plan.id)
  await waitFor(() => fake.adjustments.some((a) => a.username === mia.email), { timeoutMs: 20_000, message: 'allowance topped up' })
  fake.printJob(mia.email, { pages: 12, colourPages: 2, cost: 2.2 })

  const page = await browser(mia.email)
  const nav = page.getByRole('navigation', { name: 'Main' })
  assert.equal(await nav.getByRole('link', { name: 'Printing', exact: true }).count(), 0, 'members do not get the staff screen')
  await nav.getByRole('link', { name: 'My printing' }).click()
  await page.getByLabel('Balance').getByText('7.80').waitFor()
  await page.getByLabel('Pages used').getByText('12 / 100').waitFor()
  await page.getByLabel('Colour pages').getByText('2').waitFor()
  await axe(page)
  await screenshot(page, join(pluginDir, 'test-results', 'papercut-me.png'))
  assert.deepEqual(unexpected(), [])
})

test('staff see per-person sync state and a PaperCut error with its reason, and Retry fixes it', async () => {
  const plan = await w.plan({ printPages: 50 })
  const ok = await w.person('Olu Synced')
  await w.membership(ok.personId, plan.id)
  await waitFor(async () => (await account(ok.personId))?.state === 'synced' && fake.adjustments.some((a) => a.username === ok.email), { timeoutMs: 20_000, message: 'synced and topped up' })
  await fake.stop()
  const dora = await w.person('Dora Down')
  try {
    await w.membership(dora.personId, plan.id)
    await waitFor(async () => (await account(dora.personId))?.state === 'error', { timeoutMs: 20_000, message: 'error stored' })
  } finally {
    await fake.start()
  }

  const staff = await t.signIn({ tenantId: w.tenantId, role: 'manager' })
  const page = await browser(staff.email)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Printing', exact: true }).click()
  const table = page.getByRole('table', { name: 'PaperCut accounts' })
  const doraRow = table.getByRole('row').filter({ hasText: 'Dora Down' })
  await doraRow.getByText('Error — retrying').waitFor()
  await doraRow.getByText(/PaperCut is unreachable/).waitFor()
  await table.getByRole('row').filter({ hasText: 'Olu Synced' }).getByText('Synced', { exact: true }).waitFor()
  await axe(page)
  await screenshot(page, join(repoRoot, 'docs', 'screenshots', 'papercut.png'))

  await doraRow.getByRole('button', { name: 'Retry Dora Down' }).click()
  await page.getByText('Retrying Dora Down.').waitFor()
  await doraRow.getByText('Synced', { exact: true }).waitFor({ timeout: 30_000 })
  assert.ok(fake.users.has(dora.email))
  assert.deepEqual(unexpected(), [])
})
