/**
 * Guest vouchers against the stateful UniFi fake (`@tessera/plugin-wifi/testing`): staff create vouchers from the
 * vouchers API (count, duration, data limit; `X-API-KEY` sent; listed afterwards); bad input is a 400 naming the
 * field with nothing sent to UniFi; a controller failure is a 502 with nothing stored; members may not create them.
 * A POS cash sale of the configured day-pass product (real POS and billing) creates one voucher per unit sold,
 * shown by sale; a sale without it creates none. Printing through the access plugin's printing contract: the screen's
 * Print queues the voucher ticket on the location's `vouchers` printer (once per click), a day pass with `dayPass.print`
 * prints each voucher, no vouchers printer is a 409 saying so. A visitor checked in (real visitors plugin) gets one
 * voucher, once, shown on `GET /wifi/visitors/:visitorId/voucher` and printed with `visitors.print`.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { createTestKernel, waitFor } from '@tessera/kernel/testing'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import billing from '@tessera/plugin-billing'
import pos from '@tessera/plugin-pos'
import bookings from '@tessera/plugin-bookings'
import access from '@tessera/plugin-access'
import visitors from '@tessera/plugin-visitors'
import type { PrintJob } from '@tessera/plugin-access/contract'
import { startUnifiFake } from '@tessera/plugin-wifi/testing'
import type { UnifiFake } from '@tessera/plugin-wifi/testing'
import type { Voucher } from '@tessera/plugin-wifi/contract'
import wifi from '../src/index.ts'

let t: Awaited<ReturnType<typeof createTestKernel>>
let unifi: UnifiFake

before(async () => {
  unifi = await startUnifiFake()
  t = await createTestKernel({ plugins: [members, spaces, bookings, billing, pos, access, visitors, wifi], workers: true })
})
after(async () => {
  await t?.close()
  await unifi?.close()
})

const ALL_DAY = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ from: '00:00', to: '24:00' }]]))

async function space(extra: Record<string, unknown> = {}, options: { printer?: boolean } = {}) {
  const tenant = await t.createTenant()
  for (const p of ['members', 'spaces', 'bookings']) await t.enable(tenant.id, p)
  await t.enable(tenant.id, 'billing', { currency: 'EUR' })
  await t.enable(tenant.id, 'pos', { pricesIncludeTax: true })
  await t.enable(tenant.id, 'access')
  await t.enable(tenant.id, 'visitors')
  await t.enable(tenant.id, 'wifi', {
    realm: tenant.slug,
    unifi: { baseUrl: unifi.baseUrl, siteId: unifi.siteId, apiKey: unifi.apiKey },
    dayPass: { sku: 'DAYPASS', durationMinutes: 1440, dataLimitMb: 2048 },
    ...extra,
  })
  const staffLogin = await t.signIn({ tenantId: tenant.id, role: 'manager' })
  const staff = staffLogin.cookie
  const call = (method: 'GET' | 'POST', url: string, payload?: object, session = staff, headers: Record<string, string> = {}) =>
    t.request({ method, url: `/api/v1${url}`, session, headers, ...(payload ? { payload } : {}) })
  const location = (await call('POST', '/spaces/locations', { name: 'Lobby', timezone: 'Europe/Amsterdam', openingHours: ALL_DAY })).json() as { id: string }
  if (options.printer) {
    const agent = (await call('POST', '/access/agents', { name: 'Desk agent' })).json() as { id: string }
    const p = await call('POST', '/access/printers', { name: 'Tickets', agentId: agent.id, deviceId: 'tickets', driver: 'printer-simulator', locationId: location.id, purposes: ['vouchers'] })
    assert.equal(p.statusCode, 201, p.body)
  }
  const printJobs = async () => ((await call('GET', '/access/print-jobs')).json() as { items: PrintJob[] }).items
  const printed = async (jobId: string) =>
    (await t.adminQuery(`SELECT convert_from(document, 'LATIN1') AS text FROM access.print_jobs WHERE id = $1`, [jobId])).rows[0]?.text as string
  return { tenant, staff, staffLogin, call, locationId: location.id, printJobs, printed }
}

test('staff create vouchers (count, duration, data limit) at UniFi and see them listed', async () => {
  const s = await space()
  const before = unifi.vouchers().length
  const r = await s.call('POST', '/wifi/vouchers', { name: 'Workshop', count: 3, durationMinutes: 480, dataLimitMb: 500 }, s.staff, { 'idempotency-key': randomUUID() })
  assert.equal(r.statusCode, 201, r.body)
  const items = (r.json() as { items: Voucher[] }).items
  assert.equal(items.length, 3)
  const atUnifi = unifi.vouchers().slice(before)
  assert.deepEqual(items.map((v) => v.code).sort(), atUnifi.map((v) => v.code).sort())
  assert.ok(atUnifi.every((v) => v.timeLimitMinutes === 480 && v.dataUsageLimitMBytes === 500 && v.name === 'Workshop'))
  assert.ok(unifi.requests.at(-1)!.authorized)
  const list = (await s.call('GET', '/wifi/vouchers')).json() as { items: Voucher[] }
  assert.deepEqual(list.items.map((v) => v.code).sort(), items.map((v) => v.code).sort())
  assert.ok(list.items.every((v) => v.source === 'staff' && v.durationMinutes === 480 && v.dataLimitMb === 500))
})

test('bad voucher input is a 400 naming the field; a UniFi failure is a 502 with nothing stored; members may not', async () => {
  const s = await space()
  const sent = unifi.requests.length
  const bad = await s.call('POST', '/wifi/vouchers', { count: 0, durationMinutes: 60 }, s.staff, { 'idempotency-key': randomUUID() })
  assert.equal(bad.statusCode, 400)
  assert.match(bad.headers['content-type'] as string, /application\/problem\+json/)
  assert.match(bad.body, /count/)
  assert.equal(unifi.requests.length, sent)
  unifi.failNext(503)
  const down = await s.call('POST', '/wifi/vouchers', { durationMinutes: 60 }, s.staff, { 'idempotency-key': randomUUID() })
  assert.equal(down.statusCode, 502, down.body)
  assert.equal(((await s.call('GET', '/wifi/vouchers')).json() as { items: Voucher[] }).items.length, 0)
  const member = (await t.signIn({ tenantId: s.tenant.id, role: 'member' })).cookie
  assert.equal((await s.call('POST', '/wifi/vouchers', { durationMinutes: 60 }, member, { 'idempotency-key': randomUUID() })).statusCode, 403)
})

test('a day-pass sale at the POS creates one voucher per unit sold; other sales create none', async () => {
  const s = await space()
  const product = async (sku: string, price: number) => {
    const r = await s.call('POST', '/pos/products', { sku, name: sku, price, trackStock: false })
    assert.equal(r.statusCode, 201, r.body)
    return (r.json() as { id: string }).id
  }
  const dayPass = await product('DAYPASS', 1500)
  const coffee = await product('COFFEE', 250)
  const sale = async (lines: { productId: string; quantity: number }[]) => {
    const r = await s.call('POST', '/pos/sales', { method: 'cash', cashTendered: 100000, lines }, s.staff, { 'idempotency-key': randomUUID() })
    assert.equal(r.statusCode, 201, r.body)
    return (r.json() as { id: string }).id
  }
  const coffeeOnly = await sale([{ productId: coffee, quantity: 1 }])
  const withPass = await sale([{ productId: dayPass, quantity: 2 }, { productId: coffee, quantity: 1 }])
  const vouchers = await waitFor(async () => {
    const items = ((await s.call('GET', `/wifi/vouchers?saleId=${withPass}`)).json() as { items: Voucher[] }).items
    return items.length === 2 ? items : undefined
  }, { timeoutMs: 15_000, message: 'day-pass vouchers' })
  assert.ok(vouchers.every((v) => v.source === 'pos' && v.durationMinutes === 1440 && v.dataLimitMb === 2048 && v.saleId === withPass))
  const codes = new Set(unifi.vouchers().map((v) => v.code))
  assert.ok(vouchers.every((v) => codes.has(v.code)))
  // the coffee-only sale was delivered before the day pass's (same queue order is not assumed: its job is done)
  await waitFor(async () => (await t.adminQuery(`SELECT 1 FROM pgboss.job WHERE name = 'wifi.on.pos.sale.completed' AND state = 'completed' AND data::text LIKE $1`, [`%${coffeeOnly}%`])).rows[0], { timeoutMs: 15_000, message: 'coffee sale handled' })
  assert.equal(((await s.call('GET', `/wifi/vouchers?saleId=${coffeeOnly}`)).json() as { items: Voucher[] }).items.length, 0)
})

test('Print queues a voucher ticket on the vouchers printer (once per click); a day pass prints its vouchers; no printer is a 409', async () => {
  const s = await space({ dayPass: { sku: 'DAYPASS', durationMinutes: 1440, print: true } }, { printer: true })
  const made = (await s.call('POST', '/wifi/vouchers', { name: 'Front desk', durationMinutes: 240, dataLimitMb: 300 }, s.staff, { 'idempotency-key': randomUUID() })).json() as { items: Voucher[] }
  const v = made.items[0]!
  const key = randomUUID()
  const r = await s.call('POST', `/wifi/vouchers/${v.id}/print`, {}, s.staff, { 'idempotency-key': key })
  assert.equal(r.statusCode, 201, r.body)
  const job = r.json() as PrintJob
  assert.equal(job.source, 'wifi')
  assert.equal(job.purpose, 'vouchers')
  assert.equal(job.contentType, 'application/pdf')
  const ticket = await s.printed(job.id)
  for (const line of [`Code ${v.code}`, 'Valid for 4 h from first use', 'Data limit 300 MB']) assert.ok(ticket.includes(`(${line})`), line)
  assert.equal((await s.call('POST', `/wifi/vouchers/${v.id}/print`, {}, s.staff, { 'idempotency-key': key })).json().id, job.id, 'the same click prints once')
  assert.notEqual((await s.call('POST', `/wifi/vouchers/${v.id}/print`, {}, s.staff, { 'idempotency-key': randomUUID() })).json().id, job.id, 'another click prints again')

  const pass = (await s.call('POST', '/pos/products', { sku: 'DAYPASS', name: 'Day pass', price: 1500, trackStock: false })).json() as { id: string }
  const sale = (await s.call('POST', '/pos/sales', { method: 'cash', cashTendered: 5000, lines: [{ productId: pass.id, quantity: 2 }] }, s.staff, { 'idempotency-key': randomUUID() })).json() as { id: string }
  const passes = await waitFor(async () => {
    const items = ((await s.call('GET', `/wifi/vouchers?saleId=${sale.id}`)).json() as { items: Voucher[] }).items
    return items.length === 2 ? items : undefined
  }, { timeoutMs: 15_000, message: 'day-pass vouchers' })
  const jobs = await s.printJobs()
  for (const p of passes) assert.ok(jobs.some((j) => j.requestId === `wifi:voucher:${p.id}`), `day-pass voucher ${p.code} printed`)

  const bare = await space()
  const lone = (await bare.call('POST', '/wifi/vouchers', { durationMinutes: 60 }, bare.staff, { 'idempotency-key': randomUUID() })).json() as { items: Voucher[] }
  const refused = await bare.call('POST', `/wifi/vouchers/${lone.items[0]!.id}/print`, {}, bare.staff, { 'idempotency-key': randomUUID() })
  assert.equal(refused.statusCode, 409)
  assert.match(refused.json().detail, /No printer has the purpose "vouchers"/)
})

test('a visitor checked in gets one guest voucher, shown for the visitors screen and printed at their location', async () => {
  const s = await space({ visitors: { durationMinutes: 480, print: true } }, { printer: true })
  const host = await t.signIn({ tenantId: s.tenant.id, role: 'member' })
  const visitor = await s.call('POST', '/visitors/visitors', { name: 'Grace Hopper', company: 'Navy', expectedAt: new Date().toISOString(), hostUserId: host.userId, locationId: s.locationId })
  assert.equal(visitor.statusCode, 201, visitor.body)
  const id = (visitor.json() as { id: string }).id
  assert.equal((await s.call('GET', `/wifi/visitors/${id}/voucher`)).statusCode, 404, 'no voucher before arrival')
  const arrived = await s.call('POST', `/visitors/visitors/${id}/check-in`, { locationId: s.locationId })
  assert.equal(arrived.statusCode, 200, arrived.body)
  const voucher = await waitFor(async () => {
    const r = await s.call('GET', `/wifi/visitors/${id}/voucher`)
    return r.statusCode === 200 ? (r.json() as Voucher) : undefined
  }, { timeoutMs: 15_000, message: 'the visitor\'s voucher' })
  assert.equal(voucher.source, 'visitor')
  assert.equal(voucher.visitorId, id)
  assert.equal(voucher.name, 'Visitor Grace Hopper')
  assert.equal(voucher.durationMinutes, 480)
  assert.ok(unifi.vouchers().some((u) => u.code === voucher.code))
  const job = await waitFor(async () => (await s.printJobs()).find((j) => j.requestId === `wifi:voucher:${voucher.id}`), { timeoutMs: 15_000, message: 'voucher printed' })
  assert.ok((await s.printed(job.id)).includes(`(Code ${voucher.code})`))
  assert.equal(((await s.call('GET', `/wifi/vouchers?visitorId=${id}`)).json() as { items: Voucher[] }).items.length, 1, 'one voucher per visitor')
  const member = (await t.signIn({ tenantId: s.tenant.id, role: 'member' })).cookie
  assert.equal((await s.call('GET', `/wifi/visitors/${id}/voucher`, undefined, member)).statusCode, 403)
})
