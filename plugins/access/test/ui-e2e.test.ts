/**
 * The doors screen in a real browser (Debian Chromium via the shell's test helpers): a real kernel serving the built
 * shell and this plugin's UI bundle, a real site agent with a simulated door. Staff open "Doors" from the nav, see
 * the door locked; when the simulated sensor opens the door, the row shows "Open" without a reload (realtime); the
 * Unlock button unlocks it (toast, "Unlocked"), and it shows "Locked" again after the pulse. A screenshot goes to
 * plugins/access/test-results/ (ignored by git).
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import type { TestKernel } from '@tessera/sdk/testing'
import { openBrowser, signIn, screenshot, axe } from '@tessera/ui-shell/testing'
import type { BrowserSession } from '@tessera/ui-shell/testing'
import type { SimulatedLock } from '@tessera/driver-simulator'
import { bootUi, pluginDir } from './ui-kernel.ts'
import { world, startAgent, agentUrl, waitFor } from './helpers.ts'

let t: TestKernel
let site: Awaited<ReturnType<typeof startAgent>> | undefined
let b: BrowserSession | undefined
let mb: BrowserSession | undefined
let w: Awaited<ReturnType<typeof world>>
let doorId: string
let baseURL = ''
let port = 0
const errors: string[] = []

before(async () => {
  ;({ t, port } = await bootUi())
  baseURL = `http://127.0.0.1:${port}`
})

after(async () => {
  await b?.close().catch(() => {})
  await mb?.close().catch(() => {})
  await site?.close()
  await t?.close()
})

test('staff see a door\'s live state change and unlock it from the UI', async () => {
  w = await world(t)
  doorId = await w.door('front', { name: 'Front door', unlockDurationMs: 1500 })
  site = await startAgent(w, agentUrl(port, w), [
    { deviceId: 'front', driver: 'simulator', config: { heldOpenAfterMs: 60_000 }, unlockDurationMs: 1500 },
  ])
  await site.agent.waitUntilConnected(10_000)
  await waitFor(async () => ((await w.call('GET', `/access/doors/${doorId}`)).json().lockState === 'locked' ? true : undefined), 10_000, 'door status')
  const staff = await t.signIn({ tenantId: w.tenantId, role: 'manager' })

  b = await openBrowser({ baseURL, errors })
  b.context.setDefaultTimeout(10_000)
  const page = b.page
  await signIn(page, { email: staff.email, password: 'password123' })
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Doors', exact: true }).click()
  const doors = page.getByRole('table', { name: 'Doors' })
  const row = doors.getByRole('row').filter({ hasText: 'Front door' })
  await row.getByText('Locked').waitFor()

  const lock = site.agent.device('front') as SimulatedLock
  lock.sensor.setOpen(true)
  await row.getByText('Open').waitFor()
  lock.sensor.setOpen(false)
  await row.getByText('Closed').waitFor()
  await page.getByRole('table', { name: 'Latest door events' }).getByText('opened').waitFor()

  await row.getByRole('button', { name: 'Unlock Front door' }).click()
  await page.getByText('Front door unlocked.').waitFor()
  await row.getByText('Unlocked').waitFor()
  await axe(page)
  await screenshot(page, join(pluginDir, 'test-results', 'access-doors.png'))
  await row.getByText('Locked', { exact: true }).waitFor()
  const audit = await t.adminQuery(`SELECT count(*)::int AS n FROM tessera.audit_log WHERE tenant_id = $1 AND action = 'door.unlock' AND data->>'outcome' = 'ok'`, [w.tenantId])
  assert.equal(audit.rows[0].n, 1)
  // the signed-out first load answers 401 by design; anything else (script errors) fails
  assert.deepEqual(errors.filter((e) => !e.startsWith('console: Failed to load resource: the server responded with a status of 401')), [])
})

test('a member unlocks their door and gets a new PIN on "My doors"', async () => {
  const login = await t.signIn({ tenantId: w.tenantId, role: 'member' })
  const person = await w.ok(w.call('POST', '/members/people', { name: 'Mia Member', email: login.email }))
  await w.ok(w.call('POST', `/members/people/${person.id}/invite`, {}))
  await w.ok(w.call('POST', '/access/groups', { name: 'Members', doorIds: [doorId], members: [{ kind: 'person', id: person.id }] }))

  mb = await openBrowser({ baseURL, errors })
  mb.context.setDefaultTimeout(10_000)
  const page = mb.page
  await signIn(page, { email: login.email, password: 'password123' })
  const nav = page.getByRole('navigation', { name: 'Main' })
  assert.equal(await nav.getByRole('link', { name: 'Doors', exact: true }).count(), 0, 'members do not get the staff screen')
  await nav.getByRole('link', { name: 'My doors' }).click()
  await page.getByRole('table', { name: 'My doors' }).getByRole('button', { name: 'Unlock Front door' }).click()
  await page.getByText('Front door unlocked.').waitFor()

  await page.getByRole('button', { name: 'New PIN' }).click()
  const pin = (await page.getByLabel('New PIN').textContent())?.trim() ?? ''
  assert.match(pin, /^[0-9]{6}$/)
  await axe(page)
  await screenshot(page, join(pluginDir, 'test-results', 'access-my-doors.png'))
  await waitFor(async () => ((await site!.agent.checkCredential({ deviceId: 'front', type: 'pin', value: pin })).granted ? true : undefined), 15_000, 'PIN works at the door')
  assert.deepEqual(errors.filter((e) => !e.startsWith('console: Failed to load resource: the server responded with a status of 401')), [])
})
