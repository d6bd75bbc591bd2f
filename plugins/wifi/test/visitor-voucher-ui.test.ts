/**
 * The visitors screen shows an arrived visitor's guest Wi-Fi voucher when Wi-Fi is enabled (issue 14): a real kernel
 * (members, visitors, wifi) serving the built shell and the visitors UI bundle, the UniFi fake, Debian Chromium. The
 * desk checks a visitor in; Wi-Fi's subscriber issues the voucher at UniFi a moment later and the row shows its code
 * (visitors reads it with a UI fetch of `GET /wifi/visitors/:id/voucher`, importing nothing of Wi-Fi). A tenant without
 * Wi-Fi shows no voucher and asks nothing of it.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { createTestKernel } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import { axe, ensureShellBuilt, openBrowser, signIn } from '@tessera/ui-shell/testing'
import type { BrowserSession } from '@tessera/ui-shell/testing'
import { buildPluginUi, findPluginUis, sharedSpecifiers } from '@tessera/ui-shell/build'
import { startUnifiFake } from '@tessera/plugin-wifi/testing'
import type { UnifiFake } from '@tessera/plugin-wifi/testing'
import wifi from '../src/index.ts'

const repoRoot = join(import.meta.dirname, '..', '..', '..')
const ids = ['members', 'visitors', 'wifi']
let t: TestKernel
let unifi: UnifiFake
let baseURL = ''
const sessions: BrowserSession[] = []
const errors: string[] = []

before(async () => {
  const distDir = await ensureShellBuilt(repoRoot)
  const shared = new Set(sharedSpecifiers(join(repoRoot, 'ui', 'shell')))
  await Promise.all(findPluginUis(join(repoRoot, 'plugins')).filter((p) => ids.includes(p.id)).map((p) => buildPluginUi(p, shared)))
  unifi = await startUnifiFake()
  t = await createTestKernel({
    plugins: ['@tessera/plugin-members', '@tessera/plugin-visitors', { definition: wifi, packageDir: join(import.meta.dirname, '..') }],
    workers: true,
    config: { ui: { shellDir: distDir } } as never,
  })
  baseURL = await t.listen()
})

after(async () => {
  for (const s of sessions) await s.close().catch(() => {})
  await t?.close()
  await unifi?.close()
})

/** A tenant with a visitor expected for a member host, and the desk signed in on the visitors screen. */
async function deskWithVisitor(withWifi: boolean) {
  const tenant = await t.createTenant()
  await t.enable(tenant.id, 'members')
  await t.enable(tenant.id, 'visitors')
  if (withWifi) {
    await t.enable(tenant.id, 'wifi', { realm: tenant.slug, unifi: { baseUrl: unifi.baseUrl, siteId: unifi.siteId, apiKey: unifi.apiKey }, visitors: { durationMinutes: 480 } })
  }
  const desk = await t.signIn({ tenantId: tenant.id, role: 'manager' })
  const host = await t.signIn({ tenantId: tenant.id, role: 'member' })
  const res = await t.request({ method: 'POST', url: '/api/v1/visitors/visitors', session: desk.cookie, payload: { name: 'Grace Hopper', company: 'Navy', expectedAt: new Date().toISOString(), hostUserId: host.userId } })
  assert.equal(res.statusCode, 201, res.body)
  const s = await openBrowser({ baseURL, errors })
  sessions.push(s)
  s.context.setDefaultTimeout(20_000)
  const requests: string[] = []
  s.page.on('request', (r) => requests.push(new URL(r.url()).pathname))
  await signIn(s.page, { email: desk.email, password: 'password123' })
  await s.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Visitors', exact: true }).click()
  const row = s.page.getByRole('table', { name: 'Visitors today' }).getByRole('row').filter({ hasText: 'Grace Hopper' })
  await row.getByRole('button', { name: 'Check in Grace Hopper' }).click()
  await row.getByText('In the building').waitFor()
  return { page: s.page, row, requests, desk: desk.cookie, visitorId: (res.json() as { id: string }).id }
}

test('with Wi-Fi, an arrived visitor\'s row shows the guest voucher code issued at UniFi', { timeout: 90_000 }, async () => {
  const { page, row, visitorId, desk } = await deskWithVisitor(true)
  const voucher = row.locator('[data-wifi-voucher]')
  await voucher.waitFor()
  const answer = await t.request({ method: 'GET', url: `/api/v1/wifi/visitors/${visitorId}/voucher`, session: desk })
  assert.equal(answer.statusCode, 200, answer.body)
  const code = (answer.json() as { code: string }).code
  assert.ok(unifi.vouchers().some((v) => v.code === code), 'the code UniFi issued')
  assert.equal((await voucher.innerText()).trim(), `Wi-Fi ${code}`)
  await axe(page, { screen: 'visitors with a Wi-Fi voucher' })
})

test('without Wi-Fi, no voucher is shown and none is asked for', { timeout: 90_000 }, async () => {
  const { row, requests } = await deskWithVisitor(false)
  await row.getByText('#1').waitFor()
  assert.equal(await row.locator('[data-wifi-voucher]').count(), 0)
  assert.equal(requests.filter((p) => p.startsWith('/api/v1/wifi/')).length, 0, 'no Wi-Fi request when the manifest has no wifi')
  assert.deepEqual(errors.filter((e) => !e.startsWith('console: Failed to load resource: the server responded with a status of')), [])
})
