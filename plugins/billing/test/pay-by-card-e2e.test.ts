/**
 * Paying by card from the UI, end to end: a real kernel (members, spaces, billing) serving the built shell, the Stripe
 * fake with its Stripe.js stand-in (billing's manifest CSP pointed at the fake's origin, as an operator's manifest would
 * name a Stripe.js mirror), Debian Chromium. With no keys the member sees no "Pay now"; staff set the keys in Stripe
 * settings (secret write-only) and test the connection; the member pays an issued invoice by card through the card
 * element — a declined card first (Stripe's human message), then a good one — and sees it paid once the fake's signed
 * webhook has been recorded; then opens the invoice's PDF inside the app. axe-core finds no serious or critical
 * violation on any screen shown (my invoices, Stripe settings off and on, the card dialog with its decline, paid, the
 * PDF viewer). Screenshot docs/screenshots/pay-by-card.png.
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
import { startStripeFake } from './stripe-fake/stripe-fake.ts'
import type { StripeFake } from './stripe-fake/stripe-fake.ts'

const repoRoot = join(import.meta.dirname, '..', '..', '..')
const extra = join(repoRoot, 'test-results', 'pay-by-card')
const pluginDir = (id: string) => join(repoRoot, 'plugins', id)

let t: TestKernel
let fake: StripeFake
let baseURL = ''
const browsers: BrowserSession[] = []
const errors: string[] = []

before(async () => {
  const distDir = await ensureShellBuilt(repoRoot)
  const shared = new Set(sharedSpecifiers(join(repoRoot, 'ui', 'shell')))
  await Promise.all(findPluginUis(join(repoRoot, 'plugins')).filter((p) => ['members', 'spaces', 'billing'].includes(p.id)).map((p) => buildPluginUi(p, shared)))
  fake = await startStripeFake()
  const origin = `http://${fake.host}:${fake.port}`
  t = await createTestKernel({
    plugins: [
      { definition: members, packageDir: pluginDir('members') },
      { definition: spaces, packageDir: pluginDir('spaces') },
      { definition: { ...billing, csp: { scriptSrc: [origin], connectSrc: [origin] } }, packageDir: pluginDir('billing') },
    ],
    config: { ui: { shellDir: distDir }, secrets: { billing_key: 'e2e-billing-key-0123456789' } } as never,
  })
  baseURL = `http://127.0.0.1:${new URL(await t.listen()).port}`
})

after(async () => {
  for (const b of browsers) await b.close().catch(() => {})
  await t?.close()
  await fake?.close()
})

async function browser(): Promise<BrowserSession> {
  const b = await openBrowser({ baseURL, errors })
  b.context.setDefaultTimeout(15_000)
  browsers.push(b)
  return b
}

test('staff set the Stripe keys; a member pays an invoice by card through Elements (a decline first) and opens its PDF', { timeout: 120_000 }, async () => {
  try {
    await scenario()
  } catch (error) {
    for (const [i, b] of browsers.entries()) await screenshot(b.page, join(extra, `failure-${i}.png`)).catch(() => {})
    throw error
  }
})

async function scenario(): Promise<void> {
  const tenant = await t.createTenant('card-works', 'Card Works')
  for (const id of ['members', 'spaces']) await t.enable(tenant.id, id)
  await t.enable(tenant.id, 'billing', { currency: 'EUR', stripeJsUrl: fake.stripeJsUrl, stripe: { apiHost: fake.host, apiPort: fake.port, apiProtocol: 'http' } })
  const staff = await t.signIn({ tenantId: tenant.id, role: 'admin', email: 'finance@card.test' })
  const login = await t.signIn({ tenantId: tenant.id, role: 'member', email: 'nora@card.test' })
  const asStaff = async (url: string, payload: object) => {
    const res = await t.request({ method: 'POST', url: `/api/v1${url}`, session: staff.cookie, payload })
    assert.ok(res.statusCode < 300, `${url}: ${res.statusCode} ${res.body}`)
    return res.json() as { id: string }
  }
  const nora = await asStaff('/members/people', { name: 'Nora Quinn', email: login.email })
  await asStaff(`/members/people/${nora.id}/invite`, {})
  await asStaff('/billing/charges', { payerType: 'person', payerId: nora.id, description: 'Meeting room, half day', unitAmount: 2500, source: 'manual:e2e-1' })
  const inv = await asStaff('/billing/invoices', { payerType: 'person', payerId: nora.id })
  await asStaff(`/billing/invoices/${inv.id}/issue`, {})

  // No keys yet: the member sees the invoice but no "Pay now".
  const member = await browser()
  await signIn(member.page, { email: login.email, password: 'password123' })
  await member.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My invoices' }).click()
  await member.page.getByText('€25.00 is due.').waitFor()
  await member.page.getByText('Pay at the front desk').waitFor()
  assert.equal(await member.page.getByRole('button', { name: 'Pay INV-000001 now' }).count(), 0, 'no Pay now while online payment is off')
  await axe(member.page, { screen: 'my invoices, online payment off' })

  // Staff set the keys in Stripe settings and test the connection.
  const desk = await browser()
  await signIn(desk.page, { email: staff.email, password: 'password123' })
  await desk.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stripe settings' }).click()
  await desk.page.getByRole('heading', { name: 'Stripe settings', level: 1 }).waitFor()
  await desk.page.getByText('Online payment is off').waitFor()
  await axe(desk.page, { screen: 'Stripe settings, no keys' })
  await desk.page.getByRole('textbox', { name: 'Publishable key' }).fill('pk_test_cardworks')
  await desk.page.getByLabel('Secret key').fill('sk_test_cardworks4242')
  await desk.page.getByLabel('Webhook signing secret').fill('whsec_cardworks')
  await desk.page.getByRole('button', { name: 'Save' }).click()
  await desk.page.getByText('Online payment is on').waitFor()
  await desk.page.getByText('Set, ends in …4242. Type a new one to replace it.').waitFor()
  assert.equal(await desk.page.getByLabel('Secret key').inputValue(), '', 'the secret is never shown again')
  await desk.page.getByRole('button', { name: 'Test connection' }).click()
  await desk.page.getByText('Connected to Stripe (test mode).').waitFor()
  await axe(desk.page, { screen: 'Stripe settings, keys set and tested' })
  fake.deliverWebhooks({ url: `${baseURL}/api/v1/billing/webhooks/stripe/${tenant.id}`, secret: 'whsec_cardworks' })

  // The member pays by card through the card element: declined first, then paid.
  await member.page.reload()
  await member.page.getByRole('button', { name: 'Pay INV-000001 now' }).click()
  await member.page.getByRole('textbox', { name: 'Card number' }).waitFor()
  await axe(member.page, { screen: 'card payment dialog' })
  const card = member.page.getByRole('textbox', { name: 'Card number' })
  await card.fill('4000 0000 0000 0002')
  await member.page.getByRole('textbox', { name: 'Expiration date' }).fill('12 / 34')
  await member.page.getByRole('textbox', { name: 'CVC' }).fill('123')
  await member.page.getByRole('button', { name: 'Pay €25.00' }).click()
  await member.page.getByText('Your card was declined. Try another card.').waitFor()
  await axe(member.page, { screen: 'card payment dialog, declined' })
  await card.fill('4242 4242 4242 4242')
  await screenshot(member.page, join(repoRoot, 'docs', 'screenshots', 'pay-by-card.png'))
  await member.page.getByRole('button', { name: 'Pay €25.00' }).click()
  await member.page.getByText('Paid €25.00. Thank you!').waitFor()
  await member.page.getByRole('table', { name: 'My invoices' }).getByText('Paid', { exact: true }).waitFor()
  await axe(member.page, { screen: 'my invoices, paid' })
  assert.ok(fake.deliveries.some((d) => d.type === 'payment_intent.succeeded' && d.status === 200), 'the signed webhook was accepted')
  assert.ok(!fake.requests.some((r) => r.path.startsWith('/v1/payment_methods') && r.idempotencyKey), 'the card went from the browser to Stripe')

  // The member opens the PDF inside the app.
  await member.page.getByRole('button', { name: 'View INV-000001' }).click()
  const frame = member.page.locator('iframe[title="INV-000001 (PDF)"]')
  await frame.waitFor()
  const src = await frame.getAttribute('src')
  const pdf = await member.page.request.get(`${baseURL}${src}`)
  assert.equal(pdf.status(), 200)
  assert.equal(pdf.headers()['content-type'], 'application/pdf')
  assert.match(pdf.headers()['content-disposition'] ?? '', /^inline/)
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-')
  await member.page.getByRole('link', { name: 'Download PDF' }).waitFor()
  await axe(member.page, { screen: 'invoice PDF viewer' })
  await screenshot(member.page, join(extra, 'invoice-pdf.png'))

  // the 402 of the declined card and the session probe's 401 are expected console lines
  assert.deepEqual(errors.filter((e) => !e.startsWith('console: Failed to load resource: the server responded with a status of')), [])
}
