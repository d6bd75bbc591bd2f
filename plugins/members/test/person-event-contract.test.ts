/**
 * Members' event contracts are enforced at publish: a `members.person.updated` payload that violates its schema
 * (here: it leaks the person's e-mail, which the contract does not carry, and names a field that does not exist) is
 * refused by the kernel with a 500 bug report — the request rolls back and no subscriber queue receives it — while a
 * payload that matches is published. The publisher is members itself, with one extra test route.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { definePlugin, idParams, on } from '@tessera/sdk'
import { createTestKernel } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import { personUpdated } from '@tessera/plugin-members/contract'
import members from '../src/index.ts'

/** Members with a route that renames a person and publishes `members.person.updated` (a wrong payload on request). */
const membersWithProbe = definePlugin({
  ...members,
  routes(app, ctx) {
    members.routes!(app, ctx)
    app.post('/test/people/:id/rename', {
      config: { permission: 'members.write' },
      schema: {
        params: idParams,
        body: { type: 'object', additionalProperties: false, required: ['name', 'wrong'], properties: { name: { type: 'string', maxLength: 200 }, wrong: { type: 'boolean' } } },
        response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } } },
      },
    }, async (req) => {
      const person = await ctx.db.one<{ email: string | null; organisation_id: string | null }>(
        'UPDATE members.people SET name = $2 WHERE id = $1 RETURNING email, organisation_id', [req.params.id, req.body.name])
      if (req.body.wrong) {
        // @ts-expect-error — the contract's payload type refuses it at compile time too
        await ctx.events.publish(personUpdated, { id: req.params.id, fields: ['nickname'], organisationId: person!.organisation_id, email: person!.email })
      } else {
        await ctx.events.publish(personUpdated, { id: req.params.id, fields: ['name'], organisationId: person!.organisation_id })
      }
      return { ok: true }
    })
  },
})

/** A subscriber, so that a published payload lands in a queue (`workers: false` leaves it there to be counted). */
const follower = definePlugin({
  id: 'follower', version: '1.0.0', kernel: '^1.0.0', dependsOn: { members: '^1.0.0' },
  subscribes: [on(personUpdated, async () => {})],
})

let t: TestKernel

before(async () => {
  t = await createTestKernel({ plugins: [membersWithProbe, follower], workers: false })
})
after(() => t.close())

test('a members.person.updated payload that violates its schema is refused at publish: 500, nothing written, nothing queued', async () => {
  const tenant = await t.createTenant()
  await t.enable(tenant.id, 'members')
  await t.enable(tenant.id, 'follower')
  const { cookie } = await t.signIn({ tenantId: tenant.id, role: 'admin' })
  const created = await t.request({ method: 'POST', url: '/api/v1/members/people', session: cookie, payload: { name: 'Ada Lovelace', email: 'ada@example.test' } })
  assert.equal(created.statusCode, 201, created.body)
  const id = created.json().id as string
  const queued = async () => (await t.adminQuery(
    `SELECT 1 FROM pgboss.job WHERE name = 'follower.on.members.person.updated' AND data->'event'->>'tenantId' = $1 AND data->'event'->'payload'->>'id' = $2`,
    [tenant.id, id])).rowCount

  const bad = await t.request({ method: 'POST', url: `/api/v1/members/test/people/${id}/rename`, session: cookie, payload: { name: 'Leaked', wrong: true } })
  assert.equal(bad.statusCode, 500, bad.body)
  assert.equal(bad.headers['content-type'], 'application/problem+json; charset=utf-8')
  assert.equal(bad.json().type, 'urn:tessera:problem:event-payload')
  assert.match(bad.json().detail, /"members\.person\.updated" was not published/)
  const person = await t.request({ method: 'GET', url: `/api/v1/members/people/${id}`, session: cookie })
  assert.equal(person.json().name, 'Ada Lovelace', 'the request rolled back')
  assert.equal(await queued(), 0, 'no queue received the refused payload')

  const good = await t.request({ method: 'POST', url: `/api/v1/members/test/people/${id}/rename`, session: cookie, payload: { name: 'Ada King', wrong: false } })
  assert.equal(good.statusCode, 200, good.body)
  assert.equal((await t.request({ method: 'GET', url: `/api/v1/members/people/${id}`, session: cookie })).json().name, 'Ada King')
  assert.equal(await queued(), 1, 'the valid payload reached the subscriber queue')
})
