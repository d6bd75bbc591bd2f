/**
 * Tracking by location, through the real xero-node SDK against the fake: billing's invoice lines know where they were
 * sold (a plan's location here), the mapping names Xero's tracking category of locations and the option of each
 * location, and every line reaches Xero with its location's option — checked by the fake against the organisation's
 * tracking categories like Xero does. A line at a location without an option fails its document with a message
 * naming the location; an option Xero does not have fails it with Xero's message; saving the mapping retries it.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FakeOrganisation } from '@tessera/plugin-xero/testing'
import { connectOrganisation, fakeAndKernel, holdSyncLock, waitFor, world } from './helpers.ts'
import type { World } from './helpers.ts'

let k: Awaited<ReturnType<typeof fakeAndKernel>>
before(async () => { k = await fakeAndKernel() })
after(() => k?.close())

const ALL_DAY = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ from: '00:00', to: '24:00' }]]))

/** A connected tenant whose Xero organisation tracks by "Location" with the given options. */
async function trackedWorld(name: string, options: string[]): Promise<{ w: World; org: FakeOrganisation }> {
  const w = await world(k.t)
  const org = k.fake.addOrganisation(`${name} ${Date.now()}`)
  k.fake.addTrackingCategory(org, 'Location', options)
  await connectOrganisation(w, k.fake, org)
  return { w, org }
}

/** A location of spaces. */
async function location(w: World, name: string): Promise<string> {
  return (await w.ok('POST', '/spaces/locations', { name, timezone: 'Europe/London', openingHours: ALL_DAY })).id
}

/** One person on one plan per location (from January), invoiced for January: one invoice, a line per location. */
async function invoiceAt(w: World, prefix: string, locations: string[]): Promise<string> {
  const person = await w.ok('POST', '/members/people', { name: `${prefix} Member`, email: `${prefix.toLowerCase()}@example.test` })
  for (const [i, locationId] of locations.entries()) {
    const plan = await w.ok('POST', '/billing/plans', { code: `${prefix}-${i}`, name: `Desk ${i + 1}`, monthlyPrice: 10000 * (i + 1), taxRateBp: 2000, locationId })
    assert.equal(plan.locationId, locationId)
    await w.ok('POST', '/billing/memberships', { payerType: 'person', payerId: person.id, planId: plan.id, startsOn: '2026-01-01' })
  }
  const run = await w.ok('POST', '/billing/invoice-runs', { period: '2026-01' })
  assert.equal(run.invoices.length, 1, JSON.stringify(run.failed))
  const inv = await w.ok('GET', `/billing/invoices/${run.invoices[0]}`)
  assert.deepEqual(inv.lines.map((l: { locationId: string }) => l.locationId), locations, 'billing: each line knows its location')
  return inv.number
}

const invoiceDoc = async (w: World) => (await w.ok('GET', '/xero/documents?kind=invoice')).items[0]

test('an invoice with lines at two locations reaches Xero with each location\'s tracking option on its line', async () => {
  const { w, org } = await trackedWorld('Two Sites Ltd', ['Shoreditch', 'Canal Side', 'Head office'])
  const shoreditch = await location(w, 'Shoreditch')
  const canal = await location(w, 'Canal Side')
  // the mapping screen's data: the tenant's locations and the organisation's categories, read from Xero
  const tracking = await w.ok('GET', '/xero/tracking')
  assert.deepEqual(tracking.locations.map((l: { name: string }) => l.name).sort(), ['Canal Side', 'Shoreditch'])
  assert.deepEqual(tracking.categories, [{ name: 'Location', options: ['Shoreditch', 'Canal Side', 'Head office'] }])
  const saved = await w.ok('PUT', '/xero/mapping', {
    trackingCategory: 'Location', locationOptions: [{ locationId: shoreditch, option: 'Shoreditch' }, { locationId: canal, option: 'Canal Side' }],
  })
  assert.equal(saved.trackingCategory, 'Location')
  const bad = await w.call('PUT', '/xero/mapping', { trackingCategory: 'Location', locationOptions: [{ locationId: '00000000-0000-4000-8000-000000000000', option: 'X' }] })
  assert.equal(bad.statusCode, 422, 'a location that is not the tenant\'s is refused')
  assert.equal(bad.json().errors[0].pointer, '/body/locationOptions/0/locationId')

  const number = await invoiceAt(w, 'twosites', [shoreditch, canal])
  await waitFor(async () => (await invoiceDoc(w))?.state === 'synced', 20_000, 'invoice synced')
  const inv = org.invoices.find((i) => i.InvoiceNumber === number)!
  const category = org.trackingCategories[0]
  assert.deepEqual(inv.LineItems.map((l) => l.Tracking), [
    [{ TrackingCategoryID: category.TrackingCategoryID, TrackingOptionID: category.Options[0].TrackingOptionID, Name: 'Location', Option: 'Shoreditch' }],
    [{ TrackingCategoryID: category.TrackingCategoryID, TrackingOptionID: category.Options[1].TrackingOptionID, Name: 'Location', Option: 'Canal Side' }],
  ])
})

test('a line at an unmapped location fails its document with a clear message; an option Xero lacks fails with Xero\'s; mapping it syncs it', async () => {
  const { w, org } = await trackedWorld('Unmapped Ltd', ['Shoreditch', 'Harbour'])
  const shoreditch = await location(w, 'Shoreditch')
  const harbour = await location(w, 'Harbour')
  const mapping = (locationOptions: { locationId: string; option: string }[]) => w.ok('PUT', '/xero/mapping', { trackingCategory: 'Location', locationOptions })
  await mapping([{ locationId: shoreditch, option: 'Shoreditch' }])
  await invoiceAt(w, 'unmapped', [shoreditch, harbour])

  await waitFor(async () => (await invoiceDoc(w))?.state === 'failed', 20_000, 'invoice failed')
  const first = await invoiceDoc(w)
  assert.match(first.error, /^Line 2 \("Desk 2 2026-01"\) was sold at the location Harbour \([0-9a-f-]{36}\), which has no option of the Xero tracking category "Location": map the location on the mapping screen\.$/)
  assert.equal(org.invoices.length, 0, 'nothing written to Xero')

  // mapped to an option the organisation does not have: Xero's own validation message
  await mapping([{ locationId: shoreditch, option: 'Shoreditch' }, { locationId: harbour, option: 'Harbor' }])
  await waitFor(async () => (await invoiceDoc(w))?.error?.includes('Harbor') === true, 20_000, 'refused by Xero')
  assert.equal((await invoiceDoc(w)).error, "The tracking option 'Harbor' does not exist in the tracking category 'Location'.")
  assert.equal(org.invoices.length, 0)

  // mapped right: saving the mapping retries it
  await mapping([{ locationId: shoreditch, option: 'Shoreditch' }, { locationId: harbour, option: 'Harbour' }])
  await waitFor(async () => (await invoiceDoc(w))?.state === 'synced', 20_000, 'synced after mapping')
  assert.equal(org.invoices.length, 1)
  assert.deepEqual(org.invoices[0].LineItems.map((l) => l.Tracking?.map((x) => x.Option)), [['Shoreditch'], ['Harbour']])
})

test('while a sync holds the conversation with Xero, the tracking view says it may be asked again shortly; then it lists the categories', async () => {
  const { w } = await trackedWorld('Busy Sites Ltd', ['North', 'South'])
  const release = await holdSyncLock(k.t.databaseUrl, w.tenantId)
  try {
    const busy = await w.ok('GET', '/xero/tracking')
    assert.equal(busy.categories, null)
    assert.equal(busy.categoriesRetryable, true)
    assert.match(busy.categoriesError, /sync is talking to Xero/)
  } finally {
    await release()
  }
  // the first sync after connecting may hold it for a moment too
  let free: { categories: unknown; categoriesRetryable?: boolean } | undefined
  await waitFor(async () => Boolean((free = await w.ok('GET', '/xero/tracking')).categories), 20_000, 'the categories once no sync holds Xero')
  assert.deepEqual(free!.categories, [{ name: 'Location', options: ['North', 'South'] }])
  assert.equal(free!.categoriesRetryable, undefined)
})
