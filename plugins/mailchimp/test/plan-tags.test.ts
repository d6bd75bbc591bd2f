/**
 * Plan and location tags, against the fake through the real SDK on a kernel with spaces and billing: a consenting
 * member's contact carries `Plan: <name>` and `Location: <name>` tags and the PLAN merge field from their current
 * plan (billing's contract) and its location (spaces'); a plan change moves them — the new plan's tags active, the
 * old plan's inactive (`POST /lists/{id}/members/{hash}/tags`), so the contact holds only the current ones.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { waitFor } from '@tessera/sdk/testing'
import spaces from '@tessera/plugin-spaces'
import billing from '@tessera/plugin-billing'
import { startMailchimpFake, subscriberHash } from '@tessera/plugin-mailchimp/testing'
import type { MailchimpFake } from '@tessera/plugin-mailchimp/testing'
import { boot, world } from './helpers.ts'
import type { TestKernel } from './helpers.ts'

let t: TestKernel & { origin: string }
let fake: MailchimpFake

before(async () => {
  fake = await startMailchimpFake()
  t = await boot([spaces, billing])
})
after(async () => {
  await t?.close()
  await fake?.close()
})

const ALL_DAY = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ from: '00:00', to: '24:00' }]]))
const today = () => new Date().toISOString().slice(0, 10)

test('a contact is tagged with the current plan and its location; a plan change makes the old tags inactive and the new ones active', async () => {
  const w = await world(t, fake, ['spaces', 'billing'])
  const shoreditch = (await w.ok('POST', '/spaces/locations', { name: 'Shoreditch', timezone: 'Europe/London', openingHours: ALL_DAY })).id
  const canal = (await w.ok('POST', '/spaces/locations', { name: 'Canal Side', timezone: 'Europe/London', openingHours: ALL_DAY })).id
  const hot = await w.ok('POST', '/billing/plans', { code: 'hot', name: 'Hot desk', monthlyPrice: 15000, locationId: shoreditch })
  const fixed = await w.ok('POST', '/billing/plans', { code: 'fixed', name: 'Fixed desk', monthlyPrice: 30000, locationId: canal })
  const ada = await w.person('Ada Lovelace', 'ada@example.test', true)
  await w.person('Bob Planless', 'bob@example.test', true)
  const membership = await w.ok('POST', '/billing/memberships', { payerType: 'person', payerId: ada, planId: hot.id, startsOn: '2026-01-01' })
  await w.ok('PUT', '/mailchimp/mapping', { firstNameField: 'FNAME', lastNameField: 'LNAME', organisationField: null, tagOrganisation: false, tags: ['Member'] })

  await w.firstSync()
  const hash = subscriberHash('ada@example.test')
  const contact = () => w.list.members.get(hash)
  assert.equal(contact()?.status, 'subscribed')
  assert.deepEqual(contact()!.tags.sort(), ['Location: Shoreditch', 'Member', 'Plan: Hot desk'], 'tags from the plan and its location')
  assert.equal(contact()!.merge_fields.PLAN, 'Hot desk')
  assert.ok(w.list.mergeFields.some((f) => f.tag === 'PLAN'), 'the plan merge field was created')
  assert.deepEqual(w.list.members.get(subscriberHash('bob@example.test'))!.tags, ['Member'], 'no plan, no plan tags')

  const tagCalls = fake.state.calls.get('POST /lists/{id}/members/{hash}/tags') ?? 0
  await w.ok('POST', `/billing/memberships/${membership.id}/change-plan`, { planId: fixed.id, effectiveOn: today() })
  await waitFor(() => contact()!.tags.includes('Plan: Fixed desk') && !contact()!.tags.includes('Plan: Hot desk') && contact()!.tags,
    { timeoutMs: 60_000, message: 'the plan change reaches the contact' })
  assert.deepEqual(contact()!.tags.sort(), ['Location: Canal Side', 'Member', 'Plan: Fixed desk'], 'the old plan\'s tags removed, the new ones added')
  assert.equal(contact()!.merge_fields.PLAN, 'Fixed desk')
  assert.ok((fake.state.calls.get('POST /lists/{id}/members/{hash}/tags') ?? 0) > tagCalls, 'through the tags endpoint')
  const status = await w.ok('GET', '/mailchimp/status')
  assert.deepEqual(status.errors, [])
})
