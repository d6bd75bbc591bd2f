/**
 * Marketing consent on a person: staff record it (`PUT /people/:id/consent`, source `staff`), the member themself on
 * `PUT /me/consent` (source `self`); every change publishes `members.person.consent-changed` (a repeat publishes
 * nothing); the GDPR export carries it and anonymisation clears it. The directory service pages through people with
 * their consent and records a decision from another plugin (`recordConsent`, source `mailchimp`).
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { definePlugin, on } from '@tessera/sdk'
import { createTestKernel } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import { membersDirectory, personConsentChanged } from '@tessera/plugin-members/contract'
import members from '@tessera/plugin-members'

/** A consumer of the directory: a route that pages through people and one that records a consent decision. */
const newsletter = definePlugin({
  id: 'newsletter', version: '1.0.0', kernel: '^1.0.0', dependsOn: { members: '^1.0.0' }, consumes: [membersDirectory],
  subscribes: [on(personConsentChanged, async () => {})],
  routes(app, ctx) {
    app.get('/people', {
      config: { permission: 'members.read' },
      schema: { response: { 200: { type: 'object', additionalProperties: true } } },
    }, async () => {
      const dir = ctx.services.get(membersDirectory)
      const all: { id: string; granted: boolean }[] = []
      for (let after: string | null = null; ;) {
        const page = await dir.listPeople({ limit: 2, after })
        all.push(...page.map((p) => ({ id: p.id, granted: p.marketingConsent.granted })))
        if (page.length < 2) break
        after = page[page.length - 1].id
      }
      return { all }
    })
    app.post('/withdraw/:id', {
      config: { permission: 'members.read' },
      schema: { params: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'string', format: 'uuid', maxLength: 36 } } }, body: { type: 'object', additionalProperties: false, properties: {} }, response: { 200: { type: 'object', additionalProperties: true } } },
    }, async (req) => ({ changed: await ctx.services.get(membersDirectory).recordConsent(req.params.id, { granted: false, source: 'mailchimp' }) }))
  },
})

let t: TestKernel

before(async () => {
  t = await createTestKernel({ plugins: [members, newsletter], workers: false })
})
after(() => t.close())

test('marketing consent: set by staff and by the member, published on each change, exported, listed, cleared by anonymise', async () => {
  const tenant = await t.createTenant()
  await t.enable(tenant.id, 'members')
  await t.enable(tenant.id, 'newsletter')
  const admin = (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie
  const member = await t.signIn({ tenantId: tenant.id, role: 'member' })
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, session = admin) =>
    t.request({ method, url: `/api/v1${url}`, session, ...(payload !== undefined ? { payload: payload as object } : {}) })
  const events = async (id: string) => (await t.adminQuery(
    `SELECT data->'event'->'payload' AS p FROM pgboss.job WHERE name = 'newsletter.on.members.person.consent-changed'
      AND data->'event'->>'tenantId' = $1 AND data->'event'->'payload'->>'id' = $2 ORDER BY created_on`, [tenant.id, id])).rows.map((r) => r.p)

  const person = (await call('POST', '/members/people', { name: 'Mia Member', email: member.email })).json()
  assert.deepEqual(person.marketingConsent, { granted: false, at: null, source: null }, 'no decision: no consent')
  await call('POST', '/members/people', { name: 'Other', email: 'other@example.test' })
  await call('POST', '/members/people', { name: 'Third', email: 'third@example.test' })

  const granted = await call('PUT', `/members/people/${person.id}/consent`, { granted: true })
  assert.equal(granted.statusCode, 200, granted.body)
  assert.equal(granted.json().marketingConsent.granted, true)
  assert.equal(granted.json().marketingConsent.source, 'staff')
  assert.ok(Date.parse(granted.json().marketingConsent.at) > 0)
  assert.equal((await call('PUT', `/members/people/${person.id}/consent`, { granted: 'yes' })).statusCode, 400, 'a boolean only')
  await call('PUT', `/members/people/${person.id}/consent`, { granted: true })
  assert.equal((await events(person.id)).length, 1, 'a repeated decision publishes nothing')

  await call('POST', `/members/people/${person.id}/invite`, {})
  assert.equal((await call('PUT', `/members/people/${person.id}/consent`, { granted: false }, member.cookie)).statusCode, 403, 'not on staff routes')
  const self = await call('PUT', '/members/me/consent', { granted: false }, member.cookie)
  assert.equal(self.statusCode, 200, self.body)
  assert.deepEqual([self.json().marketingConsent.granted, self.json().marketingConsent.source], [false, 'self'])
  await call('PUT', '/members/me/consent', { granted: true }, member.cookie)
  const published = await events(person.id)
  assert.deepEqual(published.map((p: { granted: boolean; source: string }) => [p.granted, p.source]), [[true, 'staff'], [false, 'self'], [true, 'self']])

  const listed = (await call('GET', '/newsletter/people')).json().all as { id: string; granted: boolean }[]
  assert.equal(listed.length, 3, 'paged through every person')
  assert.deepEqual(listed.filter((p) => p.granted).map((p) => p.id), [person.id])

  assert.deepEqual((await call('POST', `/newsletter/withdraw/${person.id}`, {})).json(), { changed: true })
  assert.deepEqual((await call('POST', `/newsletter/withdraw/${person.id}`, {})).json(), { changed: false })
  const exported = (await call('GET', `/members/people/${person.id}/export`)).json()
  assert.deepEqual([exported.person.marketingConsent.granted, exported.person.marketingConsent.source], [false, 'mailchimp'])

  await call('PUT', `/members/people/${person.id}/consent`, { granted: true })
  const gone = await call('POST', `/members/people/${person.id}/anonymise`, { confirm: true })
  assert.deepEqual(gone.json().marketingConsent, { granted: false, at: null, source: null })
  assert.equal((await call('GET', '/newsletter/people')).json().all.length, 2, 'anonymised people are not listed')
  assert.deepEqual((await call('POST', `/newsletter/withdraw/${person.id}`, {})).json(), { changed: false }, 'anonymised people never change')
})
