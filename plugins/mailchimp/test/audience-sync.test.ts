/**
 * The Mailchimp plugin against the stateful local fake through the real `@mailchimp/mailchimp_marketing` SDK, on a
 * real kernel and PostgreSQL with job workers: consent first (the first sync of 1,000 people subscribes exactly the
 * consenting ones, by batch operations, with progress), withdrawal unsubscribes within a minute, an unsubscribe
 * webhook withdraws consent in members, anonymisation deletes the contact permanently, 429 and 5xx are retried.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { waitFor } from '@tessera/sdk/testing'
import { startMailchimpFake, subscriberHash } from '@tessera/plugin-mailchimp/testing'
import type { MailchimpFake } from '@tessera/plugin-mailchimp/testing'
import { boot, world } from './helpers.ts'
import type { TestKernel } from './helpers.ts'

let t: TestKernel & { origin: string }
let fake: MailchimpFake

before(async () => {
  fake = await startMailchimpFake()
  t = await boot()
})
after(async () => {
  await t?.close()
  await fake?.close()
})

test('1,000 members with mixed consent: the first sync by batch operations subscribes exactly the consenting ones', async () => {
  const w = await world(t, fake)
  // setup data in bulk (1,000 API calls would only slow the test): a third consented, a third withdrew, a third never decided
  await t.adminQuery(
    `INSERT INTO members.people (tenant_id, name, email, marketing_consent, marketing_consent_at, marketing_consent_source)
     SELECT $1, 'Member ' || i || ' Bulk', 'member' || i || '@example.test', i % 3 = 0,
            CASE WHEN i % 3 = 2 THEN NULL ELSE now() END, CASE WHEN i % 3 = 2 THEN NULL WHEN i % 3 = 0 THEN 'import' ELSE 'self' END
       FROM generate_series(1, 1000) i`, [w.tenantId])
  const consenting = new Set(Array.from({ length: 1000 }, (_, k) => k + 1).filter((i) => i % 3 === 0).map((i) => `member${i}@example.test`))

  const audiences = await w.ok('GET', '/mailchimp/audiences')
  assert.ok(audiences.items.some((a: { id: string }) => a.id === w.list.id), 'the account\'s audiences are listed through the SDK')
  const status = await w.firstSync()

  const subscribed = fake.state.membersWith(w.list.id, 'subscribed')
  assert.equal(subscribed.length, consenting.size)
  assert.deepEqual(new Set(subscribed.map((m) => m.email_address)), consenting, 'exactly the consenting people')
  assert.equal(w.list.members.size, consenting.size, 'nobody without consent was sent at all')
  assert.deepEqual(subscribed.find((m) => m.email_address === 'member3@example.test')!.merge_fields, { FNAME: 'Member', LNAME: '3 Bulk', ORG: '' })
  assert.ok(w.list.mergeFields.some((f) => f.tag === 'ORG'), 'the organisation merge field was created')
  assert.ok([...fake.state.batches.values()].filter((b) => b.operations[0]?.path.startsWith(`/lists/${w.list.id}/`)).length >= 1, 'sent as batch operations')
  assert.equal(fake.state.calls.get('PUT /lists/{id}/members/{hash}') ?? 0, 0, 'no single upserts during the first sync')
  assert.equal(status.lastRun!.totalOperations, consenting.size)
  assert.equal(status.lastRun!.finishedOperations, consenting.size, 'progress reached the total')
  assert.equal(status.lastRun!.erroredOperations, 0)
  assert.equal(status.subscribed, consenting.size)
  assert.ok(fake.peak.inFlight <= 10, `at most 10 concurrent calls (saw ${fake.peak.inFlight})`)
})

test('withdrawing consent unsubscribes the contact within a minute; granting it subscribes a new one by subscriber hash', async () => {
  const w = await world(t, fake)
  const ada = await w.person('Ada Lovelace', 'Ada@Example.test', true)
  await w.person('Bob Nobody', 'bob@example.test', false)
  await w.firstSync()
  const hash = subscriberHash('ada@example.test')
  assert.equal(w.list.members.get(hash)?.status, 'subscribed')
  assert.equal(w.list.members.size, 1)

  await w.ok('PUT', `/members/people/${ada}/consent`, { granted: false })
  await waitFor(() => w.list.members.get(hash)?.status === 'unsubscribed', { timeoutMs: 60_000, message: 'unsubscribed within a minute' })

  const cy = await w.person('Cy Newcomer', 'cy@example.test', true)
  await waitFor(() => w.list.members.get(subscriberHash('cy@example.test'))?.status === 'subscribed', { timeoutMs: 60_000, message: 'a new consent subscribes' })
  assert.deepEqual(w.list.members.get(subscriberHash('cy@example.test'))!.merge_fields, { FNAME: 'Cy', LNAME: 'Newcomer', ORG: '' })
  await w.ok('PATCH', `/members/people/${cy}`, { name: 'Cy Renamed' })
  await waitFor(() => w.list.members.get(subscriberHash('cy@example.test'))?.merge_fields.LNAME === 'Renamed', { timeoutMs: 60_000, message: 'profile changes reach the contact' })
})

test('an unsubscribe webhook withdraws consent in Tessera; the validation ping answers and a wrong secret is refused', async () => {
  const w = await world(t, fake)
  const ada = await w.person('Ada Lovelace', 'ada@example.test', true)
  await w.firstSync()

  assert.equal((await fetch(w.webhookUrl)).status, 200, 'Mailchimp\'s GET validation ping')
  const forged = await fake.deliverWebhook(`${t.origin}/api/v1/mailchimp/webhooks/${w.tenantId}/${'x'.repeat(32)}`, 'unsubscribe', { list_id: w.list.id, email: 'ada@example.test' })
  assert.equal(forged.status, 404, 'a wrong secret in the URL is refused')
  assert.equal((await w.ok('GET', `/members/people/${ada}`)).marketingConsent.granted, true, 'nothing changed')

  const res = await fake.unsubscribe(w.webhookUrl, w.list, 'ada@example.test')
  assert.equal(res.status, 200, await res.text())
  const person = await w.ok('GET', `/members/people/${ada}`)
  assert.equal(person.marketingConsent.granted, false)
  assert.equal(person.marketingConsent.source, 'mailchimp')
  const again = await fake.unsubscribe(w.webhookUrl, w.list, 'ada@example.test')
  assert.equal(again.status, 200, 'a repeated delivery is acknowledged')
  assert.equal((await w.ok('GET', '/mailchimp/status')).unsubscribed, 1)
})

test('anonymising a person deletes their contact permanently in Mailchimp', async () => {
  const w = await world(t, fake)
  const ada = await w.person('Ada Lovelace', 'ada@example.test', true)
  await w.person('Grace Hopper', 'grace@example.test', true)
  await w.firstSync()
  const hash = subscriberHash('ada@example.test')
  assert.ok(w.list.members.has(hash))

  await w.ok('POST', `/members/people/${ada}/anonymise`, { confirm: true })
  await waitFor(() => !w.list.members.has(hash) && w.list.deleted.has(hash), { timeoutMs: 60_000, message: 'deleted permanently' })
  assert.ok(w.list.members.has(subscriberHash('grace@example.test')), 'the others stay')
})

test('429 and 5xx answers are retried with backoff until the contact is subscribed', async () => {
  const w = await world(t, fake)
  await w.firstSync()
  fake.failNext(2, 429)
  fake.failNext(2, 503)
  await w.person('Retry Person', 'retry@example.test', true)
  await waitFor(() => w.list.members.get(subscriberHash('retry@example.test'))?.status === 'subscribed', { timeoutMs: 60_000, message: 'subscribed after the retries' })
})

test('the field and tag mapping applies: organisation merge field and tags, added by a second batch phase', async () => {
  const w = await world(t, fake)
  const org = await w.ok('POST', '/members/organisations', { name: 'Acme Ltd' })
  const ada = await w.ok('POST', '/members/people', { name: 'Ada Lovelace', email: 'ada@example.test', organisationId: org.id })
  await w.ok('PUT', `/members/people/${ada.id}/consent`, { granted: true })
  assert.equal((await w.call('PUT', '/mailchimp/mapping', { firstNameField: 'FNAME', lastNameField: 'LNAME', organisationField: 'ORG', tagOrganisation: true, tags: ['Tessera', 'x'.repeat(101)] })).statusCode, 400, 'a tag is at most 100 characters')
  const settings = await w.ok('PUT', '/mailchimp/mapping', { firstNameField: 'FNAME', lastNameField: 'LNAME', organisationField: 'ORG', tagOrganisation: true, tags: ['Tessera'] })
  assert.equal(settings.webhookPath, `/api/v1/mailchimp/webhooks/${w.tenantId}/${w.webhookSecret}`)
  // the consent change queued a one-person sync; let it finish (no audience yet: it sends nothing) so the first sync
  // below is the one that creates the contact, whatever the machine's load
  await waitFor(async () => (await t.adminQuery(
    `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'mailchimp.sync-person' AND data->>'tenantId' = $1 AND state IN ('created', 'retry', 'active')`,
    [w.tenantId],
  )).rows[0].n === 0, { timeoutMs: 60_000, message: 'the consent-triggered sync finished' })
  assert.ok(!w.list.members.has(subscriberHash('ada@example.test')), 'no audience chosen yet: nothing was sent')
  const status = await w.firstSync()
  const m = w.list.members.get(subscriberHash('ada@example.test'))!
  assert.equal(m.merge_fields.ORG, 'Acme Ltd')
  assert.deepEqual(m.tags.sort(), ['Acme Ltd', 'Tessera'])
  assert.equal(status.lastRun!.totalOperations, 2, 'one upsert and one tag operation')
  assert.equal(status.lastRun!.finishedOperations, 2)

  await w.ok('PATCH', `/members/people/${ada.id}`, { organisationId: null })
  await waitFor(() => w.list.members.get(subscriberHash('ada@example.test'))!.tags.join() === 'Tessera', { timeoutMs: 60_000, message: 'the organisation tag is removed' })
})
