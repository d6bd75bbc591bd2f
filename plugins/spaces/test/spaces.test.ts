/**
 * Spaces plugin on a real kernel and PostgreSQL: locations with validated timezone, opening hours and closures;
 * resources with kinds, capacity, amenities, rules (defaults filled) and prices; pagination, permissions, isolation.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createTestKernel } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import members from '@tessera/plugin-members'
import spaces from '../src/index.ts'

let t: TestKernel

before(async () => {
  t = await createTestKernel({ plugins: [members, spaces], workers: false })
})
after(() => t.close())

const weekdays = { mon: [{ from: '08:00', to: '18:00' }], tue: [{ from: '08:00', to: '18:00' }] }

async function tenant() {
  const tn = await t.createTenant()
  await t.enable(tn.id, 'members')
  await t.enable(tn.id, 'spaces')
  const admin = (await t.signIn({ tenantId: tn.id, role: 'admin' })).cookie
  const member = (await t.signIn({ tenantId: tn.id, role: 'member' })).cookie
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, session = admin) =>
    t.request({ method, url: `/api/v1/spaces${url}`, session, ...(payload !== undefined ? { payload: payload as object } : {}) })
  return { tn, admin, member, call }
}

test('locations: validated timezone, opening hours and closures', async () => {
  const { call } = await tenant()
  const bad = await call('POST', '/locations', {
    name: 'Bad', timezone: 'Europe/Atlantis',
    openingHours: { mon: [{ from: '18:00', to: '08:00' }], tue: [{ from: '08:00', to: '12:00' }, { from: '11:00', to: '14:00' }], wed: [{ from: '25:00', to: '26:00' }] },
    closures: [{ from: '2030-01-02', to: '2030-01-01' }],
  })
  assert.equal(bad.statusCode, 400)
  // an unknown zone is refused by the schema itself (the SDK's iana-timezone format)
  assert.deepEqual(bad.json().errors.map((e: { pointer: string }) => e.pointer).filter((p: string) => p === '/body/timezone'), ['/body/timezone'])
  const semantic = await call('POST', '/locations', {
    name: 'Bad', timezone: 'Europe/London',
    openingHours: { mon: [{ from: '18:00', to: '08:00' }], tue: [{ from: '08:00', to: '12:00' }, { from: '11:00', to: '14:00' }] },
    closures: [{ from: '2030-01-02', to: '2030-01-01' }],
  })
  assert.equal(semantic.statusCode, 400)
  assert.deepEqual(semantic.json().errors.map((e: { pointer: string }) => e.pointer).sort(),
    ['/body/closures/0', '/body/openingHours/mon/0', '/body/openingHours/tue/1'])
  const ok = await call('POST', '/locations', {
    name: 'Shoreditch', timezone: 'Europe/London', address: { line1: '1 Old St', city: 'London', postcode: 'EC1', country: 'GB' },
    openingHours: { ...weekdays, sat: [{ from: '00:00', to: '24:00' }] }, closures: [{ from: '2030-12-25', to: '2030-12-26', reason: 'Christmas' }],
  })
  assert.equal(ok.statusCode, 201, ok.body)
  assert.equal(ok.json().timezone, 'Europe/London')
  assert.deepEqual(ok.json().closures, [{ from: '2030-12-25', to: '2030-12-26', reason: 'Christmas' }])
  const upd = await call('PATCH', `/locations/${ok.json().id}`, { timezone: 'America/New_York' })
  assert.equal(upd.json().timezone, 'America/New_York')
  assert.equal((await call('PATCH', `/locations/${ok.json().id}`, { timezone: '+01:00' })).statusCode, 400)
})

test('resources: kinds, defaults, prices, pagination, deactivation; members read but cannot write', async () => {
  const { call, member } = await tenant()
  const loc = (await call('POST', '/locations', { name: 'L', timezone: 'Europe/Berlin', openingHours: weekdays })).json()
  const room = await call('POST', '/resources', {
    locationId: loc.id, name: 'Room A', kind: 'meeting_room', capacity: 8, amenities: ['screen', 'whiteboard'],
    rules: { minMinutes: 30, maxMinutes: 240 }, prices: { perHour: 2500, perDay: 15000, creditsPerHour: 1, currency: 'EUR' },
  })
  assert.equal(room.statusCode, 201, room.body)
  assert.deepEqual(room.json().rules, { minMinutes: 30, maxMinutes: 240, maxDaysAhead: 90, bookableBy: 'members' })
  assert.equal(room.json().prices.perHour, 2500)
  const desks = await call('POST', '/resources', { locationId: loc.id, name: 'Desks', kind: 'hot_desk_area', capacity: 10 })
  assert.equal(desks.json().capacity, 10)
  assert.equal((await call('POST', '/resources', { locationId: loc.id, name: 'X', kind: 'sofa', capacity: 1 })).statusCode, 400)
  assert.equal((await call('POST', '/resources', { locationId: loc.id, name: 'Y', kind: 'meeting_room', capacity: 1, rules: { minMinutes: 60, maxMinutes: 30 } })).statusCode, 400)
  assert.equal((await call('POST', '/resources', { locationId: loc.id, name: 'Z', kind: 'meeting_room', capacity: '1' })).statusCode, 400, 'no coercion of bodies')
  assert.equal((await call('POST', '/resources', { locationId: '00000000-0000-4000-8000-000000000000', name: 'Q', kind: 'meeting_room', capacity: 1 })).statusCode, 422)
  for (let i = 0; i < 4; i++) await call('POST', '/resources', { locationId: loc.id, name: `Office ${i}`, kind: 'private_office', capacity: 4 })
  const page = (await call('GET', `/resources?locationId=${loc.id}&kind=private_office&limit=3&offset=0`)).json()
  assert.equal(page.total, 4)
  assert.equal(page.items.length, 3)
  const off = await call('PATCH', `/resources/${room.json().id}`, { active: false, rules: { maxDaysAhead: 10 } })
  assert.equal(off.json().active, false)
  assert.deepEqual(off.json().rules, { minMinutes: 30, maxMinutes: 240, maxDaysAhead: 10, bookableBy: 'members' })
  assert.equal((await call('GET', '/resources?active=true')).json().total, 5)
  assert.equal((await call('GET', '/resources', undefined, member)).statusCode, 200)
  assert.equal((await call('POST', '/resources', { locationId: loc.id, name: 'M', kind: 'meeting_room', capacity: 1 }, member)).statusCode, 403)
  assert.equal((await call('DELETE', `/locations/${loc.id}`)).statusCode, 409)
})

test('tenants are isolated', async () => {
  const a = await tenant()
  const b = await tenant()
  const loc = (await a.call('POST', '/locations', { name: 'A', timezone: 'UTC', openingHours: weekdays })).json()
  assert.equal((await b.call('GET', `/locations/${loc.id}`)).statusCode, 404)
  assert.equal((await b.call('POST', '/resources', { locationId: loc.id, name: 'R', kind: 'meeting_room', capacity: 1 })).statusCode, 422)
  assert.equal((await b.call('GET', '/locations')).json().total, 0)
})
