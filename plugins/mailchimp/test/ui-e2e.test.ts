/**
 * End to end through the real web UI: a real kernel (members, spaces, billing, Mailchimp) listening on a port and
 * serving the built shell and the plugins' UI bundles, the Mailchimp plugin's real SDK pointed at the local fake.
 * Staff open the Mailchimp screen: the connection lists the account's audiences (through the SDK, with the API key of
 * the config), they choose one — its first sync runs and the last-sync panel shows it finished with its counts —,
 * change the field/tag mapping (schema form), and a contact Mailchimp refuses shows in the errors with Mailchimp's
 * message. Contacts in the fake carry the mapped merge fields and the plan and location tags. The screenshot is
 * docs/screenshots/mailchimp.png.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { createTestKernel, waitFor } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import { ensureShellBuilt, openBrowser, signIn, screenshot, axe } from '@tessera/ui-shell/testing'
import type { BrowserSession } from '@tessera/ui-shell/testing'
import { buildPluginUi, findPluginUis, sharedSpecifiers } from '@tessera/ui-shell/build'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import billing from '@tessera/plugin-billing'
import mailchimp from '@tessera/plugin-mailchimp'
import { startMailchimpFake, subscriberHash } from '@tessera/plugin-mailchimp/testing'
import type { MailchimpFake } from '@tessera/plugin-mailchimp/testing'

const repoRoot = join(import.meta.dirname, '..', '..', '..')
const shots = join(repoRoot, 'docs', 'screenshots')
const extra = join(repoRoot, 'test-results', 'ui-e2e-mailchimp')
const pluginDir = (id: string) => join(repoRoot, 'plugins', id)
const ALL_DAY = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ from: '00:00', to: '24:00' }]]))

let t: TestKernel
let fake: MailchimpFake
let baseURL = ''
let b: BrowserSession
const errors: string[] = []

before(async () => {
  const distDir = await ensureShellBuilt(repoRoot)
  const shared = new Set(sharedSpecifiers(join(repoRoot, 'ui', 'shell')))
  const ids = ['members', 'spaces', 'billing', 'mailchimp']
  await Promise.all(findPluginUis(join(repoRoot, 'plugins')).filter((p) => ids.includes(p.id)).map((p) => buildPluginUi(p, shared)))
  fake = await startMailchimpFake()
  t = await createTestKernel({
    plugins: [
      { definition: members, packageDir: pluginDir('members') },
      { definition: spaces, packageDir: pluginDir('spaces') },
      { definition: billing, packageDir: pluginDir('billing') },
      { definition: mailchimp, packageDir: pluginDir('mailchimp') },
    ],
    config: { ui: { shellDir: distDir }, jobs: { pollingIntervalSeconds: 0.5 } } as never,
  })
  baseURL = await t.listen()
})

after(async () => {
  await b?.close().catch(() => {})
  await t?.close()
  await fake?.close()
})

test('staff choose the audience, see the first sync finish, map fields and tags, and see the contact Mailchimp refused', { timeout: 120_000 }, async () => {
  const tenant = await t.createTenant('canal-mailchimp', 'Canal Side Coworking')
  for (const p of ['members', 'spaces', 'billing']) await t.enable(tenant.id, p)
  await t.enable(tenant.id, 'mailchimp', { apiKey: fake.apiKey, serverPrefix: 'us21', webhookSecret: randomBytes(24).toString('base64url'), apiBasePath: fake.basePath })
  const staff = await t.signIn({ tenantId: tenant.id, role: 'admin', email: 'community@canal-mailchimp.test' })
  const call = async (method: 'POST' | 'PUT' | 'GET', url: string, payload?: object) => {
    const r = await t.request({ method, url: `/api/v1${url}`, session: staff.cookie, ...(payload ? { payload } : {}) })
    if (r.statusCode >= 300) throw new Error(`${url}: ${r.statusCode} ${r.body}`)
    return r.json()
  }
  fake.addList('Events and offers')
  const list = fake.addList('Canal Side newsletter')
  const canal = await call('POST', '/spaces/locations', { name: 'Canal Side', timezone: 'Europe/London', openingHours: ALL_DAY })
  const plan = await call('POST', '/billing/plans', { code: 'resident', name: 'Resident desk', monthlyPrice: 28000, locationId: canal.id })
  const people: [string, string, boolean][] = [['Priya Raman', 'priya@lumen.test', true], ['Tom Okafor', 'tom@lumen.test', true], ['Ines Duarte', 'ines@lumen.test', false]]
  for (const [name, email, consent] of people) {
    const p = await call('POST', '/members/people', { name, email })
    if (consent) await call('PUT', `/members/people/${p.id}/consent`, { granted: true })
    if (name === 'Priya Raman') await call('POST', '/billing/memberships', { payerType: 'person', payerId: p.id, planId: plan.id, startsOn: '2026-01-01' })
  }

  b = await openBrowser({ baseURL, errors })
  b.context.setDefaultTimeout(15_000)
  const page = b.page
  try {
    await signIn(page, { email: staff.email, password: 'password123' })
    // 1. connection: the account's audiences, through the SDK with the config's API key; choose one
    await page.goto('/mailchimp')
    const audience = page.getByLabel('Audience')
    await audience.selectOption({ label: 'Canal Side newsletter (0)' })
    await page.getByRole('button', { name: 'Use this audience' }).click()
    await page.getByText('Audience Canal Side newsletter chosen').waitFor()
    // 2. the first sync: finished, with its operations and counts, on the last-sync panel
    await page.locator('tz-badge', { hasText: 'finished' }).waitFor({ timeout: 30_000 })
    await page.getByText('2 subscribed, 0 unsubscribed or cleaned.').waitFor()
    assert.deepEqual(fake.state.membersWith(list.id, 'subscribed').map((m) => m.email_address).sort(), ['priya@lumen.test', 'tom@lumen.test'], 'only the consenting people')
    assert.deepEqual(list.members.get(subscriberHash('priya@lumen.test'))!.tags.sort(), ['Location: Canal Side', 'Plan: Resident desk'])
    // 3. field/tag mapping (schema form): a tag for every contact, saved
    const tags = page.locator('tz-string-list', { hasText: 'Tags for every contact' })
    await tags.getByRole('button', { name: 'Add' }).click()
    await tags.getByLabel('Tags for every contact, item 1').fill('Newsletter')
    await page.getByRole('button', { name: 'Save mapping' }).click()
    await page.getByText('Mapping saved; it applies from the next sync.').waitFor()
    const settings = await call('GET', '/mailchimp/settings')
    assert.deepEqual(settings.mapping.tags, ['Newsletter'])
    // 4. "Sync now" applies the new tag to every contact
    await page.getByRole('button', { name: 'Sync now' }).click()
    await waitFor(() => fake.state.membersWith(list.id, 'subscribed').every((m) => m.tags.includes('Newsletter')), { timeoutMs: 30_000, message: 'the new tag reaches every contact' })
    await waitFor(async () => (await call('GET', '/mailchimp/status')).lastRun?.status === 'finished', { timeoutMs: 30_000, message: 'the sync finishes' })
    // 5. a contact Mailchimp refuses (deleted for good in Mailchimp before) shows with Mailchimp's message
    list.deleted.add(subscriberHash('gone@lumen.test'))
    const gone = await call('POST', '/members/people', { name: 'Gone Forever', email: 'gone@lumen.test' })
    await call('PUT', `/members/people/${gone.id}/consent`, { granted: true })
    await waitFor(async () => (await call('GET', '/mailchimp/status')).errors.length === 1, { timeoutMs: 30_000, message: 'the refusal is stored' })
    await page.getByRole('row').filter({ hasText: 'was permanently deleted and cannot be re-imported' }).waitFor({ timeout: 10_000 })
    const region = page.getByRole('region', { name: 'Notifications' })
    while ((await region.getByRole('button').count()) > 0) await region.getByRole('button').first().click()
    await page.getByText('2 subscribed, 1 unsubscribed or cleaned.').waitFor()
    // the whole screen in one picture: a viewport as tall as the page (a full-page capture would move the fixed nav)
    await page.setViewportSize({ width: 1280, height: await page.evaluate(() => Math.min(2000, document.documentElement.scrollHeight)) })
    await page.evaluate(() => window.scrollTo(0, 0))
    await axe(page)
    await screenshot(page, join(shots, 'mailchimp.png'))
    assert.deepEqual(errors.filter((e) => !e.startsWith('console: Failed to load resource: the server responded with a status of')), [])
  } catch (err) {
    await axe(page)
    await screenshot(page, join(extra, 'failure.png')).catch(() => {})
    throw err
  }
})
