/**
 * End to end through the real web UI: a real kernel (members, spaces, bookings, billing, pos) on a fresh PostgreSQL
 * database, listening on a port and serving the built shell and the plugins' UI bundles; the tenant's billing config
 * points the real Stripe SDK at the local Stripe fake started here; Debian Chromium drives two browsers.
 *
 * Staff make and issue an invoice in Invoices and keep its page open; the member pays it in "My invoices" by card
 * through the Stripe.js stand-in's card element against the fake Stripe; Stripe's `payment_intent.succeeded` webhook
 * (delivered signed by the fake, and posted once more by the test with `generateTestHeaderString`) counts once; the staff page shows the invoice paid without a reload
 * (realtime). Then a front-desk sale on the member's account in the POS screen. Screenshots: docs/screenshots/
 * billing-invoices.png and pos-sale.png (more in test-results/ui-e2e-billing/).
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import Stripe from 'stripe'
import { createTestKernel } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import { ensureShellBuilt, openBrowser, signIn, screenshot, axe } from '@tessera/ui-shell/testing'
import type { BrowserSession } from '@tessera/ui-shell/testing'
import { buildPluginUi, findPluginUis, sharedSpecifiers } from '@tessera/ui-shell/build'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import bookings from '@tessera/plugin-bookings'
import pos from '@tessera/plugin-pos'
import billing from '../src/index.ts'
import { startStripeFake } from './stripe-fake/stripe-fake.ts'
import type { StripeFake } from './stripe-fake/stripe-fake.ts'

const repoRoot = join(import.meta.dirname, '..', '..', '..')
const shots = join(repoRoot, 'docs', 'screenshots')
const extra = join(repoRoot, 'test-results', 'ui-e2e-billing')
const pluginDir = (id: string) => join(repoRoot, 'plugins', id)
const WHSEC = 'whsec_ui_e2e'

let t: TestKernel
let fake: StripeFake
let baseURL = ''
const browsers: BrowserSession[] = []
const errors: string[] = []

before(async () => {
  const distDir = await ensureShellBuilt(repoRoot)
  const shared = new Set(sharedSpecifiers(join(repoRoot, 'ui', 'shell')))
  const ids = ['members', 'spaces', 'bookings', 'billing', 'pos']
  await Promise.all(findPluginUis(join(repoRoot, 'plugins')).filter((p) => ids.includes(p.id)).map((p) => buildPluginUi(p, shared)))
  fake = await startStripeFake()
  t = await createTestKernel({
    plugins: [
      { definition: members, packageDir: pluginDir('members') },
      { definition: spaces, packageDir: pluginDir('spaces') },
      { definition: bookings, packageDir: pluginDir('bookings') },
      // billing's CSP names the Stripe fake's origin, which serves the Stripe.js stand-in
      { definition: { ...billing, csp: { scriptSrc: [`http://${fake.host}:${fake.port}`], connectSrc: [`http://${fake.host}:${fake.port}`] } }, packageDir: pluginDir('billing') },
      { definition: pos, packageDir: pluginDir('pos') },
    ],
    config: { ui: { shellDir: distDir } } as never,
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
  b.context.setDefaultTimeout(10_000)
  browsers.push(b)
  return b
}

/** Dismisses open toasts so screenshots show the screen. */
async function clearToasts(page: BrowserSession['page']): Promise<void> {
  const buttons = page.getByRole('region', { name: 'Notifications' }).getByRole('button')
  while ((await buttons.count()) > 0) await buttons.first().click()
}

test('staff issue an invoice, the member pays it against the Stripe fake, staff see it paid live; a POS sale on account', { timeout: 90_000 }, async () => {
  try {
    await scenario()
  } catch (error) {
    for (const [i, b] of browsers.entries()) await screenshot(b.page, join(extra, `failure-${i}.png`)).catch(() => {})
    throw error
  }
})

async function scenario(): Promise<void> {
  const tenant = await t.createTenant('harbour-works', 'Harbour Works')
  for (const id of ['members', 'spaces', 'bookings']) await t.enable(tenant.id, id)
  await t.enable(tenant.id, 'billing', {
    currency: 'EUR', paymentTermsDays: 14, stripeJsUrl: fake.stripeJsUrl,
    stripe: { secretKey: 'sk_test_ui', webhookSecret: WHSEC, publishableKey: 'pk_test_ui', apiHost: fake.host, apiPort: fake.port, apiProtocol: 'http' },
  })
  fake.deliverWebhooks({ url: `${baseURL}/api/v1/billing/webhooks/stripe/${tenant.id}`, secret: WHSEC })
  await t.enable(tenant.id, 'pos')
  const staff = await t.signIn({ tenantId: tenant.id, role: 'admin', email: 'finance@harbour.test' })
  const memberLogin = await t.signIn({ tenantId: tenant.id, role: 'member', email: 'priya@lumen.test' })
  const asStaff = async (method: 'POST', url: string, payload: object) => {
    const res = await t.request({ method, url: `/api/v1${url}`, session: staff.cookie, payload })
    assert.ok(res.statusCode < 300, `${url}: ${res.statusCode} ${res.body}`)
    return res.json() as { id: string }
  }
  const priya = await asStaff('POST', '/members/people', { name: 'Priya Shah', email: memberLogin.email })
  await asStaff('POST', `/members/people/${priya.id}/invite`, {})
  const tom = await asStaff('POST', '/members/people', { name: 'Tom Becker', email: 'tom@northwind.test' })
  // Some history for the list: a plan and Tom's membership (its first month charged), invoiced and issued.
  const plan = await asStaff('POST', '/billing/plans', { code: 'hot-desk', name: 'Hot desk', monthlyPrice: 19000, includedCredits: 10, taxRateBp: 2000, features: { wifi: true } })
  await asStaff('POST', '/billing/memberships', { payerType: 'person', payerId: tom.id, planId: plan.id, startsOn: new Date().toISOString().slice(0, 10) })
  const tomInvoice = await asStaff('POST', '/billing/invoices', { payerType: 'person', payerId: tom.id })
  await asStaff('POST', `/billing/invoices/${tomInvoice.id}/issue`, {})
  for (const p of [
    { sku: 'COF-1', name: 'Flat white', category: 'Drinks', price: 350, taxRateBp: 2000, stock: 40 },
    { sku: 'SNK-1', name: 'Granola bar', category: 'Snacks', price: 250, taxRateBp: 2000, stock: 3 },
    { sku: 'PRT-1', name: 'Printing, 10 pages', category: 'Services', price: 100, taxRateBp: 2000, trackStock: false },
  ]) await asStaff('POST', '/pos/products', p)

  // Staff: Invoices → New invoice for Priya with a charge → the draft → Issue. The page stays open.
  const desk = await browser()
  await signIn(desk.page, { email: staff.email, password: 'password123' })
  const nav = desk.page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('link', { name: 'Invoices', exact: true }).click()
  await desk.page.getByRole('heading', { name: 'Invoices', level: 1 }).waitFor()
  await desk.page.getByRole('table', { name: 'Invoices' }).getByText('Tom Becker').waitFor()
  await desk.page.getByRole('button', { name: 'New invoice' }).click()
  await desk.page.getByRole('button', { name: 'Create draft' }).click()
  await desk.page.getByText('Choose who the invoice is for.').waitFor()
  await desk.page.getByRole('combobox', { name: 'Bill to' }).selectOption({ label: 'Priya Shah (priya@lumen.test)' })
  await desk.page.getByRole('textbox', { name: 'Charge' }).fill('Event space, launch evening')
  await desk.page.getByRole('spinbutton', { name: 'Amount' }).fill('120')
  await desk.page.getByRole('button', { name: 'Create draft' }).click()
  await desk.page.getByRole('heading', { name: 'Draft invoice', level: 1 }).waitFor()
  await desk.page.getByRole('table', { name: 'Lines' }).getByText('Event space, launch evening').waitFor()
  assert.match(await desk.page.locator('[data-amount-due]').innerText(), /€1\d\d\.\d\d/, 'a draft shows its amount due')
  await desk.page.getByRole('button', { name: 'Issue', exact: true }).click()
  // the app's own confirmation before issuing
  await desk.page.getByRole('heading', { name: 'Issue this invoice?' }).waitFor()
  await desk.page.getByRole('button', { name: 'Issue invoice' }).click()
  await desk.page.getByRole('heading', { name: 'INV-000002', level: 1 }).waitFor()
  const facts = desk.page.getByRole('definition').filter({ has: desk.page.locator('tz-badge') })
  await facts.getByText('Issued').waitFor()
  const invoiceUrl = desk.page.url()
  await desk.page.evaluate(() => { (window as unknown as { noReload: boolean }).noReload = true })
  await clearToasts(desk.page)
  await axe(desk.page)
  await screenshot(desk.page, join(extra, 'invoice-issued.png'), { fullPage: true })

  // The member pays it in "My invoices" against the fake Stripe with a test payment method.
  const member = await browser()
  await signIn(member.page, { email: memberLogin.email, password: 'password123' })
  const memberNav = member.page.getByRole('navigation', { name: 'Main' })
  assert.equal(await memberNav.getByRole('link', { name: 'Invoices', exact: true }).count(), 0, 'members have no staff invoices')
  await memberNav.getByRole('link', { name: 'My invoices' }).click()
  await member.page.getByText('€120.00 is due.').waitFor()
  await member.page.getByRole('button', { name: 'Pay INV-000002 now' }).click()
  // card entry with Stripe Elements (the fake's Stripe.js stand-in): a declining test card, then a good one
  await member.page.getByRole('textbox', { name: 'Card number' }).fill('4000 0000 0000 0002')
  await member.page.getByRole('textbox', { name: 'Expiration date' }).fill('12 / 34')
  await member.page.getByRole('textbox', { name: 'CVC' }).fill('123')
  await member.page.getByRole('button', { name: 'Pay €120.00' }).click()
  await member.page.getByText('The card was declined').waitFor()
  await member.page.getByRole('textbox', { name: 'Card number' }).fill('4242 4242 4242 4242')
  await member.page.getByRole('button', { name: 'Pay €120.00' }).click()
  await member.page.getByText('Paid €120.00. Thank you!').waitFor()
  await member.page.getByRole('table', { name: 'My invoices' }).getByText('Paid').waitFor()
  await clearToasts(member.page)
  await axe(member.page)
  await screenshot(member.page, join(extra, 'my-invoices-paid.png'))

  // Stripe's webhook for the same PaymentIntent, signed as Stripe signs it: accepted, and it counts once.
  const pi = [...fake.paymentIntents.values()].find((p) => p.status === 'succeeded' && p.metadata?.invoiceId === invoiceUrl.split('/').at(-1))
  assert.ok(pi, 'a succeeded PaymentIntent for the invoice')
  const event = fake.events.find((e) => e.type === 'payment_intent.succeeded' && e.data.object.id === pi.id)!
  const payload = JSON.stringify(event)
  const header = new Stripe('sk_test_ui').webhooks.generateTestHeaderString({ payload, secret: WHSEC })
  const hook = await fetch(`${baseURL}/api/v1/billing/webhooks/stripe/${tenant.id}`, { method: 'POST', body: payload, headers: { 'content-type': 'application/json', 'stripe-signature': header } })
  assert.equal(hook.status, 200, await hook.text())

  // Staff's open invoice page shows it paid without a reload (realtime), with one card payment.
  await facts.getByText('Paid').waitFor()
  await desk.page.getByRole('table', { name: 'Payments' }).getByText(pi.id).waitFor()
  assert.equal(await desk.page.getByRole('table', { name: 'Payments' }).getByRole('row').count(), 2, 'one payment (and the header row)')
  assert.equal(await desk.page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload), true, 'the page was not reloaded')
  await clearToasts(desk.page)
  await axe(desk.page)
  await screenshot(desk.page, join(extra, 'invoice-paid.png'), { fullPage: true })
  await nav.getByRole('link', { name: 'Invoices', exact: true }).click()
  const list = desk.page.getByRole('table', { name: 'Invoices' })
  await list.getByRole('link', { name: 'INV-000002' }).waitFor()
  await desk.page.getByRole('combobox', { name: 'State' }).selectOption('paid')
  await list.getByRole('link', { name: 'INV-000001' }).waitFor({ state: 'detached' })
  await desk.page.getByRole('combobox', { name: 'State' }).selectOption('')
  await list.getByRole('link', { name: 'INV-000001' }).waitFor()
  await clearToasts(desk.page)
  await axe(desk.page)
  await screenshot(desk.page, join(shots, 'billing-invoices.png'))

  // POS: a front-desk sale on Priya's account; stock goes down.
  await nav.getByRole('link', { name: 'Point of sale' }).click()
  await desk.page.getByRole('heading', { name: 'Point of sale', level: 1 }).waitFor()
  await desk.page.getByRole('button', { name: 'Add Flat white' }).click()
  await desk.page.getByRole('button', { name: 'Add Flat white' }).click()
  await desk.page.getByRole('button', { name: 'Add Granola bar' }).click()
  await desk.page.getByRole('button', { name: 'Add Printing, 10 pages' }).click()
  await desk.page.getByRole('combobox', { name: 'Member' }).selectOption({ label: 'Priya Shah (priya@lumen.test)' })
  await desk.page.getByRole('button', { name: 'Complete sale · €10.50' }).waitFor()
  await clearToasts(desk.page)
  await axe(desk.page)
  await screenshot(desk.page, join(shots, 'pos-sale.png'))
  await desk.page.getByRole('button', { name: 'Complete sale · €10.50' }).click()
  await desk.page.getByText('Sold €10.50 on account.').waitFor()
  await desk.page.getByText('2 in stock').waitFor()
  assert.equal(await desk.page.getByRole('combobox', { name: 'Member' }).inputValue(), '', 'the customer is cleared after the sale')
  await nav.getByRole('link', { name: 'Products', exact: true }).click()
  await desk.page.getByRole('table', { name: 'Products' }).getByText('38').waitFor()
  await desk.page.getByRole('link', { name: 'Download daily report (CSV)' }).waitFor()

  // Plans, memberships and credits: a plan created in the UI, Priya's membership on it, Tom's ended.
  await nav.getByRole('link', { name: 'Plans', exact: true }).click()
  await desk.page.getByRole('table', { name: 'Plans' }).getByText('Hot desk').waitFor()
  await desk.page.getByRole('button', { name: 'New plan' }).click()
  await desk.page.getByRole('textbox', { name: 'Name', exact: true }).fill('Private office')
  await desk.page.getByRole('textbox', { name: 'Code', exact: true }).fill('office')
  await desk.page.getByRole('spinbutton', { name: 'Monthly price (EUR)' }).fill('650')
  await desk.page.getByRole('spinbutton', { name: 'Included credits' }).fill('40')
  await desk.page.getByRole('button', { name: 'Create plan' }).click()
  await desk.page.getByRole('table', { name: 'Plans' }).getByText('Private office').waitFor()
  await clearToasts(desk.page)
  await axe(desk.page)
  await screenshot(desk.page, join(extra, 'plans.png'))
  await nav.getByRole('link', { name: 'Memberships', exact: true }).click()
  const memberships = desk.page.getByRole('table', { name: 'Memberships' })
  await memberships.getByText('Tom Becker').waitFor()
  await desk.page.getByRole('button', { name: 'New membership' }).click()
  await desk.page.getByRole('combobox', { name: 'Member' }).selectOption({ label: 'Priya Shah (priya@lumen.test)' })
  await desk.page.getByRole('combobox', { name: 'Plan' }).selectOption({ label: 'Private office · €650.00 / month' })
  await desk.page.getByRole('button', { name: 'Create membership' }).click()
  await memberships.getByText('Priya Shah').waitFor()
  await desk.page.getByRole('button', { name: 'End membership of Tom Becker' }).click()
  await desk.page.getByRole('button', { name: 'End membership', exact: true }).click()
  await desk.page.getByText(/Membership ends on \d{4}-\d{2}-\d{2}\./).waitFor()
  await clearToasts(desk.page)
  await axe(desk.page)
  await screenshot(desk.page, join(extra, 'memberships.png'))
  await nav.getByRole('link', { name: 'Credits', exact: true }).click()
  await desk.page.getByRole('button', { name: 'Credits of Priya Shah' }).click()
  await desk.page.getByRole('table', { name: 'Wallet entries' }).getByRole('row').nth(1).waitFor()
  await axe(desk.page)
  await screenshot(desk.page, join(extra, 'credits.png'))
  await member.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My plan' }).click()
  await member.page.getByRole('heading', { name: 'My plan and credits' }).waitFor()
  await member.page.getByText('Private office', { exact: true }).waitFor()
  await axe(member.page)
  await screenshot(member.page, join(extra, 'my-plan.png'))

  // 401 of the session probe and the 402 of the declined card are expected console lines; nothing else is.
  assert.deepEqual(errors.filter((e) => !e.startsWith('console: Failed to load resource: the server responded with a status of')), [])
}
