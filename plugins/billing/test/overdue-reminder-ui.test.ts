/**
 * "Send reminder" in the overdue (dunning) view, in the real web UI (issue 14 item 6): a real kernel (members, spaces,
 * billing) on a port serving the built shell and bundles, Debian Chromium. Staff open Overdue, press "Send reminder"
 * for an invoice — the app's own dialog asks "Send a payment reminder to <address> for invoice <number>?"; Cancel
 * sends nothing, Send reminder sends it — and the row shows "Last reminder: <when> by <name>"; a second one within the
 * hour shows the server's reason; a payer without an address cannot be reminded. axe-core: no serious or critical
 * violation on the list, the dialog, after sending, and with the refusal shown.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { createTestKernel } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import { axe, ensureShellBuilt, openBrowser, signIn, screenshot } from '@tessera/ui-shell/testing'
import type { BrowserSession } from '@tessera/ui-shell/testing'
import { buildPluginUi, findPluginUis, sharedSpecifiers } from '@tessera/ui-shell/build'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import billing from '../src/index.ts'

const repoRoot = join(import.meta.dirname, '..', '..', '..')
const extra = join(repoRoot, 'test-results', 'overdue-reminder')
const ids = ['members', 'spaces', 'billing']

let t: TestKernel
let baseURL = ''
let b: BrowserSession | undefined
const errors: string[] = []

before(async () => {
  const distDir = await ensureShellBuilt(repoRoot)
  const shared = new Set(sharedSpecifiers(join(repoRoot, 'ui', 'shell')))
  await Promise.all(findPluginUis(join(repoRoot, 'plugins')).filter((p) => ids.includes(p.id)).map((p) => buildPluginUi(p, shared)))
  const definitions = { members, spaces, billing } as Record<string, unknown>
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

test('staff send a payment reminder from the overdue view, confirmed in the app\'s dialog, and see who sent it when', { timeout: 90_000 }, async () => {
  try {
    await scenario()
  } catch (error) {
    if (b) await screenshot(b.page, join(extra, 'failure.png')).catch(() => {})
    throw error
  }
})

async function scenario(): Promise<void> {
  const tenant = await t.createTenant(`overdue-${crypto.randomUUID().slice(0, 8)}`, 'Overdue Works')
  for (const id of ids) await t.enable(tenant.id, id, id === 'billing' ? { currency: 'EUR' } : {})
  const staff = await t.signIn({ tenantId: tenant.id, role: 'finance', email: `fiona-${crypto.randomUUID().slice(0, 6)}@overdue.test` })
  const staffName = staff.email.split('@')[0]!
  const admin = await t.signIn({ tenantId: tenant.id, role: 'admin' })
  const asStaff = async (url: string, payload: object) => {
    const res = await t.request({ method: 'POST', url: `/api/v1${url}`, session: admin.cookie, payload })
    assert.ok(res.statusCode < 300, `${url}: ${res.statusCode} ${res.body}`)
    return res.json() as { id: string; number: string }
  }
  const overdueInvoice = async (payer: { id: string }, amount: number) => {
    await asStaff('/billing/charges', { payerType: 'person', payerId: payer.id, description: 'Hot desk, March', unitAmount: amount, source: `ui-${crypto.randomUUID()}` })
    const inv = await asStaff(`/billing/invoices/${(await asStaff('/billing/invoices', { payerType: 'person', payerId: payer.id })).id}/issue`, {})
    await t.adminQuery('UPDATE billing.invoices SET due_on = current_date - 12 WHERE id = $1', [inv.id])
    return inv
  }
  const nora = await asStaff('/members/people', { name: 'Nora Quinn', email: 'nora@quinn.test' })
  const otto = await asStaff('/members/people', { name: 'Otto Noaddress' })
  const noraInvoice = await overdueInvoice(nora, 19000)
  const ottoInvoice = await overdueInvoice(otto, 5000)
  const reminders = async () => (await t.adminQuery('SELECT count(*)::int AS n FROM billing.invoice_reminders WHERE invoice_id = $1', [noraInvoice.id])).rows[0].n as number

  b = await openBrowser({ baseURL, errors })
  b.context.setDefaultTimeout(15_000)
  const { page } = b
  await signIn(page, { email: staff.email, password: 'password123' })
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overdue' }).click()
  await page.getByRole('heading', { name: 'Overdue invoices', level: 1 }).waitFor()
  const table = page.getByRole('table', { name: 'Overdue invoices' })
  const noraRow = table.getByRole('row').filter({ hasText: noraInvoice.number })
  const ottoRow = table.getByRole('row').filter({ hasText: ottoInvoice.number })
  await noraRow.getByText('No reminder sent').waitFor()
  await ottoRow.getByText('No e-mail address').waitFor()
  assert.equal(await page.getByRole('button', { name: `Send reminder for ${ottoInvoice.number}` }).isDisabled(), true, 'no address, no reminder')
  await axe(page, { screen: 'overdue list' })

  // Asked first in the app's own dialog; Cancel sends nothing.
  const send = page.getByRole('button', { name: `Send reminder for ${noraInvoice.number}` })
  await send.click()
  const heading = page.getByRole('heading', { name: 'Send a payment reminder?' })
  await heading.waitFor()
  await page.getByText(`Send a payment reminder to nora@quinn.test for invoice ${noraInvoice.number}?`).waitFor()
  await axe(page, { screen: 'reminder confirmation' })
  await page.getByRole('button', { name: 'Cancel', exact: true }).click()
  await heading.waitFor({ state: 'detached' })
  assert.equal(await reminders(), 0, 'cancelled: nothing sent')

  // Confirmed: sent, and the row says when and by whom.
  await send.click()
  await page.getByRole('button', { name: 'Send reminder', exact: true }).click()
  await page.getByText(`Reminder for ${noraInvoice.number} sent to nora@quinn.test.`).waitFor()
  await noraRow.getByText(new RegExp(`^Last reminder: .+ by ${staffName}$`)).waitFor()
  assert.equal(await reminders(), 1)
  await axe(page, { screen: 'overdue list after a reminder' })
  await screenshot(page, join(extra, 'reminder-sent.png'))

  // A second one within the hour: the server's reason is shown, nothing more is sent.
  await send.click()
  await page.getByRole('button', { name: 'Send reminder', exact: true }).click()
  await page.getByText(new RegExp(`A reminder was sent 1 minute ago by ${staffName}\\. At most one reminder an hour per invoice`)).waitFor()
  assert.equal(await reminders(), 1)
  await axe(page, { screen: 'second reminder refused' })

  // the 429 of the refused reminder and the session probe's 401 are expected console lines; nothing else is
  assert.deepEqual(errors.filter((e) => !e.startsWith('console: Failed to load resource: the server responded with a status of')), [])
}
