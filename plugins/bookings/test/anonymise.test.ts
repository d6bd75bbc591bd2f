/**
 * When members anonymises a person, the bookings plugin (subscribed to `members.person.anonymised`) erases booking
 * titles and the person's feed tokens, and keeps the bookings themselves.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { TestKernel } from '@tessera/sdk/testing'
import { boot, world, hoursFromNow, waitFor } from './helpers.ts'

let t: TestKernel

before(async () => { t = await boot({ workers: true }) })
after(() => t.close())

test('anonymising a person erases their booking titles and feed links, keeps the bookings', async () => {
  const w = await world(t)
  const m = await w.member('Anna Nonymous')
  const b = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, startsAt: hoursFromNow(3).toISOString(), endsAt: hoursFromNow(4).toISOString(), title: 'Interview with Anna' }, m.cookie)
  assert.equal(b.statusCode, 201)
  const feed = (await w.call('POST', '/bookings/feeds/me', {}, m.cookie)).json().path
  const admin = (await t.signIn({ tenantId: w.tenantId, role: 'admin' })).cookie
  assert.equal((await w.call('POST', `/members/people/${m.personId}/anonymise`, { confirm: true }, admin)).statusCode, 200)
  await waitFor(async () => ((await w.call('GET', `/bookings/bookings/${b.json().id}`)).json().title === null ? true : undefined))
  assert.equal((await t.request({ method: 'GET', url: feed })).statusCode, 404)
  assert.equal((await w.call('GET', `/bookings/bookings/${b.json().id}`)).json().personId, m.personId)
})
