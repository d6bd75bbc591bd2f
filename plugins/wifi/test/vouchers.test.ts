/**
 * Guest vouchers against the stateful UniFi fake (`@tessera/plugin-wifi/testing`): staff create vouchers from the
 * vouchers API (count, duration, data limit; `X-API-KEY` sent; listed afterwards); bad input is a 400 naming the
 * field with nothing sent to UniFi; a controller failure is a 502 with nothing stored; members may not create them.
 * A POS cash sale of the configured day-pass product (real POS and billing) creates one voucher per unit sold,
 * shown by sale; a sale without it creates none.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { createTestKernel, waitFor } from '@tessera/kernel/testing'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import billing from '@tessera/plugin-billing'
import pos from '@tessera/plugin-pos'
import { startUnifiFake } from '@tessera/plugin-wifi/testing'
import type { UnifiFake } from '@tessera/plugin-wifi/testing'
import type { Voucher } from '@tessera/plugin-wifi/contract'
import wifi from '../src/index.ts'

let t: Awaited<ReturnType<typeof createTestKernel>>
let unifi: UnifiFake

before(async () => {
  unifi = await startUnifiFake()
  t = await createTestKernel({ plugins: [members, spaces, billing, pos, wifi], workers: true })
})
after(async () => {
  await t?.close()
  await unifi?.close()
})

async function space() {
  const tenant = await t.createTenant()
  for (const p of ['members', 'spaces']) await t.enable(tenant.id, p)
  await t.enable(tenant.id, 'billing', { currency: 'EUR' })
  await t.enable(tenant.id, 'pos', { pricesIncludeTax: true })
  await t.enable(tenant.id, 'wifi', {
    realm: tenant.slug,
    unifi: { baseUrl: unifi.baseUrl, siteId: unifi.siteId, apiKey: unifi.apiKey },
    dayPass: { sku: 'DAYPASS', durationMinutes: 1440, dataLimitMb: 2048 },
  })
  const staff = (await t.signIn({ tenantId: tenant.id, role: 'manager' })).cookie
  const call = (method: 'GET' | 'POST', url: string, payload?: object, session = staff, headers: Record<string, string> = {}) =>
    t.request({ method, url: `/api/v1${url}`, session, headers, ...(payload ? { payload } : {}) })
  return { tenant, staff, call }
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
