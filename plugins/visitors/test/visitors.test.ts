/**
 * The visitors plugin through its real routes on a real kernel and PostgreSQL: pre-registration (a member's own guest,
 * staff for any tenant user), today's list and a member's own guests, check-in with a badge number unique per tenant
 * and day (a second check-in is a 409 saying when and with which badge), check-out, cancel, audit and events; and the
 * ORM under the kernel's rules: a tenant never sees another's visitors, an ORM insert with another tenant's id is
 * refused, and a request that fails after the ORM wrote (a lost check-in race) leaves nothing behind.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createTestKernel, waitFor } from '@tessera/sdk/testing'
import type { TestKernel, TestWorld } from '@tessera/sdk/testing'
import { orm, VisitorEntity } from '../src/store/entities.ts'
import { visitorsDirectoryService } from '../src/domain/visitors-directory.ts'
import { localDate } from '../src/domain/local-day.ts'
import type { VisitorsContext } from '../src/domain/visitors-config.ts'
import visitors from '../src/index.ts'
import type { Visitor, VisitorPage } from '../src/contract/index.ts'

let t: TestKernel
let w: TestWorld
let other: TestWorld

before(async () => {
  t = await createTestKernel({ plugins: [visitors] })
  w = await t.createWorld({ plugins: [{ id: 'visitors', config: { timezone: 'Europe/London' } }] })
  other = await t.createWorld({ plugins: ['visitors'] })
})
after(async () => {
  await t.close()
})

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString()

async function call(method: 'GET' | 'POST', url: string, session: string, payload?: unknown) {
  const res = await t.request({ method, url: `/api/v1/visitors${url}`, session, ...(payload !== undefined ? { payload: payload as object } : {}) })
  return { status: res.statusCode, headers: res.headers, body: res.body ? res.json() : undefined }
}

async function register(session: string, body: Record<string, unknown>): Promise<Visitor> {
  const res = await call('POST', '/visitors', session, { expectedAt: inAnHour(), ...body })
  assert.equal(res.status, 201, JSON.stringify(res.body))
  return res.body
}

test('a member pre-registers their own guest; naming another host is refused', async () => {
  const member = w.users.member
  const guest = await register(member.cookie, { name: 'Ada Lovelace', company: 'Analytical Engines', email: 'ada@engines.example' })
  assert.equal(guest.hostUserId, member.userId)
  assert.equal(guest.status, 'expected')
  assert.equal(guest.registeredBy, member.userId)
  assert.equal(guest.badgeNumber, null)
  const event = await t.events.next('visitors.visitor.registered', { where: (e) => e.payload.visitorId === guest.id })
  assert.equal(event.payload.hostUserId, member.userId)

  const forOther = await call('POST', '/visitors', member.cookie, { name: 'Sneaky', expectedAt: inAnHour(), hostUserId: w.users.manager.userId })
  assert.equal(forOther.status, 403)
  assert.match(forOther.body.detail, /only your own guests/)
})

test('the front desk registers a visitor for any user of the tenant, never for a stranger', async () => {
  const desk = w.users.support.cookie
  const guest = await register(desk, { name: 'Grace Hopper', hostUserId: w.users.finance.userId })
  assert.equal(guest.hostUserId, w.users.finance.userId)
  assert.equal(guest.hostName, w.users.finance.email.split('@')[0])
  for (const hostUserId of [other.users.member.userId, crypto.randomUUID()]) {
    const res = await call('POST', '/visitors', desk, { name: 'Nobody', expectedAt: inAnHour(), hostUserId })
    assert.equal(res.status, 422)
    assert.deepEqual(res.body.errors, [{ pointer: '/body/hostUserId', detail: 'is not a user of this space' }])
  }
  const unbounded = await call('POST', '/visitors', desk, { name: 'x'.repeat(121), expectedAt: inAnHour() })
  assert.equal(unbounded.status, 400)
})

test('check-in hands out the day\'s next badge; a second check-in is a 409 saying when and with which badge', async () => {
  const desk = w.users.manager.cookie
  const a = await register(desk, { name: 'Alan Turing', hostUserId: w.users.member.userId })
  const b = await register(desk, { name: 'Joan Clarke' })
  const first = await call('POST', `/visitors/${a.id}/check-in`, desk, {})
  assert.equal(first.status, 200, JSON.stringify(first.body))
  const second = await call('POST', `/visitors/${b.id}/check-in`, desk, {})
  assert.equal(first.body.status, 'arrived')
  assert.equal(second.body.badgeNumber, first.body.badgeNumber + 1, 'numbers follow each other within a day')
  assert.equal(first.body.badgeDay, new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(first.body.arrivedAt)))

  const again = await call('POST', `/visitors/${a.id}/check-in`, desk, {})
  assert.equal(again.status, 409)
  assert.match(String(again.headers['content-type']), /^application\/problem\+json/)
  assert.match(again.body.detail, new RegExp(`^Alan Turing already checked in at \\d\\d:\\d\\d with badge ${first.body.badgeNumber}\\.$`))

  const arrived = await t.events.next('visitors.visitor.arrived', { where: (e) => e.payload.visitorId === a.id })
  assert.deepEqual(
    { ...arrived.payload, arrivedAt: undefined },
    { visitorId: a.id, name: 'Alan Turing', company: null, hostUserId: w.users.member.userId, badgeNumber: first.body.badgeNumber, arrivedAt: undefined, locationId: null, email: null },
  )
  const audit = await t.adminQuery(`SELECT action, target, data FROM tessera.audit_log WHERE tenant_id = $1 AND target = $2 ORDER BY at`, [w.tenantId, `visitor:${a.id}`])
  assert.deepEqual(audit.rows.map((r) => r.action), ['visitor.check-in'])
  assert.equal(audit.rows[0].data.badgeNumber, first.body.badgeNumber)

  const out = await call('POST', `/visitors/${a.id}/check-out`, desk, {})
  assert.equal(out.status, 200)
  assert.equal(out.body.status, 'left')
  assert.ok(out.body.leftAt)
  const outAgain = await call('POST', `/visitors/${a.id}/check-out`, desk, {})
  assert.equal(outAgain.status, 409)
  assert.match(outAgain.body.detail, /^Alan Turing already checked out at \d\d:\d\d\.$/)
  const left = await t.events.next('visitors.visitor.left', { where: (e) => e.payload.visitorId === a.id })
  assert.equal(left.payload.badgeNumber, first.body.badgeNumber)
  const audited = await t.adminQuery(`SELECT action FROM tessera.audit_log WHERE tenant_id = $1 AND target = $2 ORDER BY at`, [w.tenantId, `visitor:${a.id}`])
  assert.deepEqual(audited.rows.map((r) => r.action), ['visitor.check-in', 'visitor.check-out'])

  const member = await call('POST', `/visitors/${b.id}/check-out`, w.users.member.cookie, {})
  assert.equal(member.status, 403, 'checking out is the front desk\'s')
})

test('concurrent check-ins get distinct badges; of two check-ins of one visitor exactly one wins', async () => {
  const tenant = await t.createWorld({ plugins: ['visitors'] }) // a tenant of its own: badge numbers from 1
  const staff = tenant.users.manager.cookie
  const guests = await Promise.all(['One', 'Two', 'Three', 'Four'].map((name) => register(staff, { name })))
  const badges = await Promise.all(guests.map(async (g) => (await call('POST', `/visitors/${g.id}/check-in`, staff, {})).body.badgeNumber))
  assert.deepEqual([...badges].sort(), [1, 2, 3, 4], 'four concurrent check-ins, four numbers, none shared')

  const twice = await register(staff, { name: 'Twice' })
  const [x, y] = await Promise.all([1, 2].map(() => call('POST', `/visitors/${twice.id}/check-in`, staff, {})))
  assert.deepEqual([x.status, y.status].sort(), [200, 409])
  assert.equal((x.status === 200 ? x : y).body.badgeNumber, 5)
  assert.match((x.status === 409 ? x : y).body.detail, /^Twice already checked in at \d\d:\d\d with badge 5\.$/)
  assert.deepEqual((await t.adminQuery('SELECT last FROM visitors.badge_counters WHERE tenant_id = $1', [tenant.tenantId])).rows, [{ last: 5 }])
  // badge numbers are per tenant: the first check-in of another tenant starts at 1 whatever this one handed out
  const fresh = await t.createWorld({ plugins: ['visitors'] })
  const own = await register(fresh.users.manager.cookie, { name: 'Fresh' })
  assert.equal((await call('POST', `/visitors/${own.id}/check-in`, fresh.users.manager.cookie, {})).body.badgeNumber, 1)
})

test('a day\'s list: its visitors by expected time, filtered and paginated; members see only their own guests', async () => {
  const tenant = await t.createWorld({ plugins: ['visitors'] }) // timezone UTC (the default)
  const desk = tenant.users.manager.cookie
  const member = tenant.users.member
  const day = '2031-05-14'
  const mine = await register(member.cookie, { name: 'Mine', expectedAt: `${day}T10:30:00Z` })
  const theirs = await register(desk, { name: 'Theirs', company: 'Acme', expectedAt: `${day}T09:00:00Z` })
  const cancelled = await register(desk, { name: 'Cancelled', expectedAt: `${day}T11:00:00Z` })
  const nextDay = await register(desk, { name: 'Next day', expectedAt: '2031-05-15T00:00:00Z' })
  const now = await register(desk, { name: 'Now', expectedAt: new Date().toISOString() })
  assert.equal((await call('POST', `/visitors/${cancelled.id}/cancel`, desk, {})).status, 200)
  assert.equal((await call('POST', `/visitors/${theirs.id}/check-in`, desk, {})).status, 200)

  const page = async (query: string) => (await call('GET', `/visitors${query}`, desk)).body as VisitorPage
  const onDay = await page(`?date=${day}`)
  assert.deepEqual(onDay.items.map((v) => v.name), ['Theirs', 'Mine'], 'by expected time; cancelled and the next day\'s left out')
  assert.equal(onDay.total, 2)
  assert.deepEqual((await page(`?date=${day}&status=expected`)).items.map((v) => v.id), [mine.id])
  assert.deepEqual((await page(`?date=${day}&status=cancelled`)).items.map((v) => v.id), [cancelled.id])
  assert.deepEqual((await page(`?date=${day}&q=acm`)).items.map((v) => v.id), [theirs.id], 'name or company, case-insensitive')
  assert.deepEqual((await page(`?date=${day}&hostUserId=${member.userId}`)).items.map((v) => v.id), [mine.id])
  const second = await page(`?date=${day}&limit=1&offset=1`)
  assert.deepEqual([second.items.map((v) => v.id), second.total, second.limit, second.offset], [[mine.id], 2, 1, 1])
  assert.deepEqual((await page('?date=2031-05-15')).items.map((v) => v.id), [nextDay.id])
  const today = await page('')
  assert.ok(today.items.some((v) => v.id === now.id), 'without a date: today')
  // checked in today, expected on another day: listed today (by its badge day) too
  assert.ok(today.items.some((v) => v.id === theirs.id))
  assert.equal((await call('GET', '/visitors?limit=201', desk)).status, 400)

  assert.equal((await call('GET', '/visitors', member.cookie)).status, 403, 'the day list is the front desk\'s')
  const own = (await call('GET', '/visitors/mine', member.cookie)).body as VisitorPage
  assert.deepEqual(own.items.map((v) => v.id), [mine.id])
  assert.equal((await call('GET', `/visitors/${mine.id}`, member.cookie)).status, 200)
  assert.equal((await call('GET', `/visitors/${theirs.id}`, member.cookie)).status, 404, 'another host\'s visitor is not found')
  assert.equal((await call('POST', `/visitors/${theirs.id}/cancel`, member.cookie, {})).status, 404)
  const cancelArrived = await call('POST', `/visitors/${theirs.id}/cancel`, desk, {})
  assert.equal(cancelArrived.status, 409)
  assert.match(cancelArrived.body.detail, /has already arrived \(badge 1\): check them out instead/)
  assert.equal((await call('POST', `/visitors/${mine.id}/cancel`, member.cookie, {})).body.status, 'cancelled', 'a host cancels their own guest')

  const hosts = (await call('GET', `/visitors/hosts?q=${member.email.split('@')[0]}`, desk)).body
  assert.deepEqual(hosts.items.map((h: { id: string }) => h.id), [member.userId])
})

test('a check-in that fails after the ORM wrote (it lost the visitor to a concurrent change) leaves nothing: the kernel rolled back the ORM\'s writes', async () => {
  const tenant = await t.createWorld({ plugins: ['visitors'] })
  const staff = tenant.users.manager.cookie
  const ctx = t.pluginContext('visitors') as VisitorsContext
  const guest = await register(staff, { name: 'Raced' })
  const counter = async () => (await t.adminQuery('SELECT last FROM visitors.badge_counters WHERE tenant_id = $1', [tenant.tenantId])).rows
  // another transaction changes the visitor (cancels it) and keeps its row lock until released
  let release!: () => void
  const gate = new Promise<void>((r) => (release = r))
  let locked!: () => void
  const holding = new Promise<void>((r) => (locked = r))
  const holder = ctx.withTenant(tenant.tenantId, async () => {
    await (await orm.em(ctx)).nativeUpdate(VisitorEntity, { id: guest.id }, { status: 'cancelled', cancelledAt: new Date() })
    locked()
    await gate
  })
  await holding
  const checkIn = call('POST', `/visitors/${guest.id}/check-in`, staff, {})
  // the check-in saw the visitor still expected, took the day's badge number (its ORM upsert wrote the counter), and
  // now waits on the visitor's row for its guarded UPDATE
  await waitFor(async () => (await t.adminQuery(
    `SELECT query FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE 'update "visitors"."visitors"%'`,
  )).rows[0], { timeoutMs: 20_000, message: 'the check-in waiting on the visitor row' })
  release()
  await holder
  const res = await checkIn
  assert.equal(res.status, 409)
  assert.equal(res.body.detail, 'The registration of Raced was cancelled: register the visit again.')
  assert.deepEqual(await counter(), [], 'the badge counter the failed check-in wrote was rolled back with it')
  assert.equal(t.events.all('visitors.visitor.arrived').filter((e) => e.payload.visitorId === guest.id).length, 0, 'and no arrival was announced')
})

test('RLS applies to the ORM: another tenant\'s visitor is not found or listed, and an ORM insert with its tenant id is refused', async () => {
  const mine = await register(w.users.manager.cookie, { name: 'Tenant A guest' })
  const theirDesk = other.users.manager.cookie
  assert.equal((await call('GET', `/visitors/${mine.id}`, theirDesk)).status, 404)
  assert.equal((await call('POST', `/visitors/${mine.id}/check-in`, theirDesk, {})).status, 404)
  const list = (await call('GET', '/visitors', theirDesk)).body as VisitorPage
  assert.ok(!list.items.some((v) => v.id === mine.id))

  const ctx = t.pluginContext('visitors') as VisitorsContext
  await assert.rejects(
    ctx.withTenant(other.tenantId, async () => {
      const em = await orm.em(ctx)
      em.create(VisitorEntity, { tenantId: w.tenantId, name: 'Smuggled', expectedAt: new Date(), hostUserId: w.users.member.userId, hostName: 'x' })
      await em.flush()
    }),
    (err: Error & { code?: string }) => err.code === '42501' || /row-level security/.test(err.message),
  )
  const smuggled = await t.adminQuery(`SELECT count(*)::int AS n FROM visitors.visitors WHERE name = 'Smuggled'`)
  assert.equal(smuggled.rows[0].n, 0)

  const seen = await ctx.withTenant(other.tenantId, () => visitorsDirectoryService(ctx).get(mine.id))
  assert.equal(seen, undefined, 'the directory service sees only the calling tenant')
  // the guest is expected in an hour: after 23:00 in the tenant's timezone that is tomorrow's list
  const date = localDate(new Date(mine.expectedAt), 'Europe/London')
  const own = await ctx.withTenant(w.tenantId, () => visitorsDirectoryService(ctx).listToday({ date }))
  assert.ok(own.some((v) => v.id === mine.id))
})
