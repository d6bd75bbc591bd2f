/**
 * Doors setup in a real browser (issue 14 item 8: "doors and site agents — register an agent, add doors, groups and
 * schedules, remote-unlock log — without a curl"), on a real kernel serving the built shell and this plugin's bundle,
 * with a real site agent driving a simulated lock: staff register a second agent (its secret shown once), add the
 * agent's device as a door, create an access group that opens it on Monday mornings, add a member to it, unlock the
 * door from the Doors screen and find the unlock in the remote-unlock log, then revoke the spare agent and delete the
 * group after the app's own confirmation. axe-core finds no serious or critical violation on the screen or its dialogs.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { TestKernel } from '@tessera/sdk/testing'
import { openBrowser, signIn, axe } from '@tessera/ui-shell/testing'
import type { BrowserSession } from '@tessera/ui-shell/testing'
import { bootUi } from './ui-kernel.ts'
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

test('staff set up agents, doors, groups with schedules and members, and read the remote-unlock log', async () => {
  const w = await world(t)
  site = await startAgent(w, agentUrl(port, w), [{ deviceId: 'front', driver: 'simulator', config: {}, unlockDurationMs: 800 }])
  await site.agent.waitUntilConnected(10_000)
  const mia = await w.member('Mia Member')
  const staff = await t.signIn({ tenantId: w.tenantId, role: 'manager' })

  b = await openBrowser({ baseURL: `http://127.0.0.1:${port}`, errors })
  b.context.setDefaultTimeout(15_000)
  const page = b.page
  await signIn(page, { email: staff.email, password: 'password123' })
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Doors setup' }).click()
  await page.getByRole('heading', { name: 'Doors setup', level: 1 }).waitFor()
  const agents = page.getByRole('table', { name: 'Site agents' })
  await agents.getByRole('row').filter({ hasText: 'Site agent' }).getByText('front').waitFor()
  await axe(page)

  // a second agent: its secret is shown once
  await page.getByRole('button', { name: 'Register agent' }).first().click()
  await page.getByRole('textbox', { name: 'Name' }).fill('Back office agent')
  await axe(page, { screen: 'register agent dialog' })
  await page.getByRole('button', { name: 'Register agent' }).last().click()
  await page.getByText('Start Back office agent with this secret — it is shown only once').waitFor()
  await agents.getByRole('row').filter({ hasText: 'Back office agent' }).getByText('Disconnected').waitFor()

  // the agent's device becomes a door
  await page.getByRole('button', { name: 'Add door' }).first().click()
  await page.getByRole('textbox', { name: 'Name' }).fill('Front door')
  await page.getByRole('combobox', { name: 'Site agent' }).selectOption({ label: 'Site agent' })
  await page.getByRole('combobox', { name: 'Device' }).selectOption('front')
  await page.getByRole('textbox', { name: 'Unlock time (seconds)' }).fill('0.8')
  await page.getByRole('button', { name: 'Add door' }).last().click()
  const doors = page.getByRole('table', { name: 'Doors' })
  await doors.getByRole('row').filter({ hasText: 'Front door' }).getByText('0.8 s').waitFor()

  // a group that opens it on Monday mornings, with a member
  await page.getByRole('button', { name: 'New group' }).click()
  await page.getByRole('textbox', { name: 'Name' }).fill('Monday mornings')
  await page.getByRole('checkbox', { name: 'Front door' }).check()
  await page.getByRole('checkbox', { name: 'At any time' }).uncheck()
  await page.getByRole('textbox', { name: 'Mon from' }).fill('08:00')
  await page.getByRole('textbox', { name: 'Mon to' }).fill('12:00')
  await axe(page, { screen: 'group dialog' })
  await page.getByRole('button', { name: 'Save group' }).click()
  const groups = page.getByRole('table', { name: 'Access groups' })
  const group = groups.getByRole('row').filter({ hasText: 'Monday mornings' })
  await group.getByText('Mon 08:00–12:00').waitFor()
  await group.getByText('Front door').waitFor()
  await group.getByRole('button', { name: 'Add member to Monday mornings' }).click()
  await page.getByRole('combobox', { name: 'Who' }).getByRole('option', { name: /Person: Mia Member/ }).waitFor({ state: 'attached' })
  await page.getByRole('combobox', { name: 'Who' }).selectOption(`person:${mia.personId}`)
  await page.getByRole('button', { name: 'Add member' }).last().click()
  await group.getByText(/Person: Mia Member/).waitFor()
  const stored = (await w.call('GET', '/access/groups')).json().items.find((g: { name: string }) => g.name === 'Monday mornings')
  assert.deepEqual(stored.schedule, { mon: [{ from: '08:00', to: '12:00' }] })
  assert.deepEqual(stored.members, [{ kind: 'person', id: mia.personId }])

  // a remote unlock from the Doors screen appears in the remote-unlock log
  await page.getByRole('link', { name: 'Live doors' }).click()
  const row = page.getByRole('table', { name: 'Doors' }).getByRole('row').filter({ hasText: 'Front door' })
  await row.getByRole('button', { name: 'Unlock Front door' }).click()
  await page.getByText('Front door unlocked.').waitFor()
  await page.getByRole('link', { name: 'Set up doors' }).click()
  const unlocks = page.getByRole('table', { name: 'Remote unlocks' })
  await unlocks.getByRole('row').filter({ hasText: 'Front door' }).getByText('Unlocked').waitFor()
  await unlocks.getByText(staff.email).waitFor()

  // revoking and deleting ask first
  await agents.getByRole('button', { name: 'Revoke Back office agent' }).click()
  await page.getByRole('heading', { name: 'Revoke Back office agent?' }).waitFor()
  await axe(page, { screen: 'revoke confirmation' })
  await page.getByRole('button', { name: 'Revoke agent' }).click()
  await agents.getByRole('row').filter({ hasText: 'Back office agent' }).getByText('Revoked').waitFor()
  await group.getByRole('button', { name: 'Delete Monday mornings' }).click()
  await page.getByRole('button', { name: 'Cancel', exact: true }).click()
  await group.waitFor()
  await group.getByRole('button', { name: 'Delete Monday mornings' }).click()
  await page.getByRole('button', { name: 'Delete group' }).click()
  await group.waitFor({ state: 'detached' })
  await axe(page)
  // 401: the signed-out first load; 404: billing's plans, asked for the member list, is not enabled for this tenant
  assert.deepEqual(errors.filter((e) => !/status of (401|404)/.test(e)), [])
})
