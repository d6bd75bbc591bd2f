/**
 * The Printers screen in a real browser (Debian Chromium via the shell's test helpers), on a real kernel serving the
 * built shell and this plugin's UI bundle, with a real site agent driving the printer simulator. Staff open
 * "Printers" from the nav and see the printer idle; "Print test page" queues a job that shows "Printed" when the
 * agent reports it; pausing the printer shows "Stopped" live; a test page sent then waits at the printer and "Cancel"
 * cancels it there. Members do not get the screen. Screenshot: `docs/screenshots/access-printers.png`.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import type { TestKernel } from '@tessera/sdk/testing'
import { openBrowser, signIn, screenshot, axe } from '@tessera/ui-shell/testing'
import type { BrowserSession } from '@tessera/ui-shell/testing'
import type { SimulatedPrinter } from '@tessera/driver-simulator'
import { bootUi, repoRoot } from './ui-kernel.ts'
import { world, startAgent, agentUrl, waitFor } from './helpers.ts'

let t: TestKernel
let site: Awaited<ReturnType<typeof startAgent>> | undefined
let b: BrowserSession | undefined
let port = 0
const errors: string[] = []

before(async () => {
  ;({ t, port } = await bootUi())
})

after(async () => {
  await b?.close().catch(() => {})
  await site?.close()
  await t?.close()
})

test('staff see the printers\' state, print a test page, see a pause live and cancel a waiting job', async () => {
  const w = await world(t)
  site = await startAgent(w, agentUrl(port, w), [{ deviceId: 'desk', driver: 'printer-simulator', config: { printMs: 300 } }])
  await site.agent.waitUntilConnected(10_000)
  const printer = await w.ok(w.call('POST', '/access/printers', {
    name: 'Front desk printer', agentId: w.agentId, deviceId: 'desk', driver: 'printer-simulator', locationId: w.locationId,
    purposes: ['badges', 'receipts'], defaultFor: ['badges'],
  }))
  await waitFor(async () => ((await w.call('GET', `/access/printers/${printer.id}`)).json().state === 'idle' ? true : undefined), 10_000, 'printer state')
  const staff = await t.signIn({ tenantId: w.tenantId, role: 'manager' })

  b = await openBrowser({ baseURL: `http://127.0.0.1:${port}`, errors })
  b.context.setDefaultTimeout(10_000)
  const page = b.page
  await signIn(page, { email: staff.email, password: 'password123' })
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Printers', exact: true }).click()
  const row = page.getByRole('table', { name: 'Printers' }).getByRole('row').filter({ hasText: 'Front desk printer' })
  await row.getByText('Idle').waitFor()
  await row.getByText('badges (default)').waitFor()

  await row.getByRole('button', { name: 'Print test page on Front desk printer' }).click()
  await page.getByText('Test page sent to Front desk printer.').waitFor()
  const jobs = page.getByRole('table', { name: 'Latest print jobs' })
  await jobs.getByRole('row').filter({ hasText: 'Test page Front desk printer' }).getByText('Printed').waitFor()
  const sim = site.agent.printer('desk') as SimulatedPrinter
  assert.equal(sim.printed.length, 1)

  sim.pause()
  await row.getByText('Stopped').waitFor()
  await row.getByRole('button', { name: 'Print test page on Front desk printer' }).click()
  const waiting = jobs.getByRole('row').filter({ hasText: 'Sent' })
  await waiting.waitFor()
  await axe(page)
  await screenshot(page, join(repoRoot, 'docs', 'screenshots', 'access-printers.png'))
  await waiting.getByRole('button', { name: 'Cancel Test page Front desk printer' }).click()
  await jobs.getByText('Cancelled', { exact: true }).waitFor()
  sim.resume()
  assert.equal(sim.printed.length, 1, 'the cancelled page never printed')

  const login = await t.signIn({ tenantId: w.tenantId, role: 'member' })
  const res = await t.request({ method: 'GET', url: '/api/v1/ui/manifest', session: login.cookie })
  assert.ok(!JSON.stringify(res.json()).includes('access-printers'), 'members do not get the Printers screen')
  assert.deepEqual(errors.filter((e) => !e.startsWith('console: Failed to load resource: the server responded with a status of 401')), [])
})
