/**
 * The Wi-Fi plugin on real billing (only billing's contract is imported by the plugin): staff create a membership
 * through billing's API → the member gets a Wi-Fi login that a real FreeRADIUS accepts (PAP); staff end it through
 * billing's API with the last day yesterday → RADIUS refuses the login within 5 s and My Wi-Fi shows it inactive. An
 * organisation's membership through billing's API gives its member Wi-Fi when the plan's features say `wifi: true`,
 * none when they say `wifi: false` (read through billing's plans service), and its end is refused within 5 s.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { createTestKernel, waitFor } from '@tessera/kernel/testing'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import billing from '@tessera/plugin-billing'
import { startFreeRadius } from '@tessera/plugin-wifi/testing'
import type { FreeRadius } from '@tessera/plugin-wifi/testing'
import type { MyWifi } from '@tessera/plugin-wifi/contract'
import wifi from '../src/index.ts'

let t: Awaited<ReturnType<typeof createTestKernel>>
let radius: FreeRadius

before(async () => {
  t = await createTestKernel({ plugins: [members, spaces, billing, wifi], workers: true })
  radius = await startFreeRadius(t.databaseUrl)
})
after(async () => {
  await radius?.close()
  await t?.close()
})

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

/** A tenant with members, spaces, real billing and Wi-Fi, and a staff caller. */
async function space() {
  const tenant = await t.createTenant()
  for (const p of ['members', 'spaces']) await t.enable(tenant.id, p)
  await t.enable(tenant.id, 'billing', { currency: 'EUR' })
  await t.enable(tenant.id, 'wifi', { realm: tenant.slug })
  const staff = (await t.signIn({ tenantId: tenant.id, role: 'manager' })).cookie
  const call = async (method: 'GET' | 'POST', url: string, payload?: object, session = staff) => {
    const r = await t.request({ method, url: `/api/v1${url}`, session, ...(payload ? { payload } : {}) })
    return { status: r.statusCode, body: r.body, json: () => r.json() as Record<string, unknown> }
  }
  return { tenant, call }
}

test('a membership created and ended through billing gives, then takes away, Wi-Fi at RADIUS', async () => {
  const { tenant, call } = await space()
  const login = await t.signIn({ tenantId: tenant.id, role: 'member', email: `bo.${randomUUID().slice(0, 6)}@example.com` })
  const person = (await call('POST', '/members/people', { name: 'Bo Member', email: login.email })).json()
  await call('POST', `/members/people/${person.id}/invite`, {})
  const plan = await call('POST', '/billing/plans', { code: `desk-${randomUUID().slice(0, 6)}`, name: 'Desk', monthlyPrice: 20000 })
  assert.equal(plan.status, 201, plan.body)
  const m = await call('POST', '/billing/memberships', { payerType: 'person', payerId: person.id, planId: plan.json().id, startsOn: day(-10) })
  assert.equal(m.status, 201, m.body)

  const me = await waitFor(async () => {
    const r = await call('GET', '/wifi/me', undefined, login.cookie)
    return r.status === 200 && (r.json() as unknown as MyWifi).active ? (r.json() as unknown as MyWifi) : undefined
  }, { timeoutMs: 15_000, message: 'Wi-Fi login from the billing membership' })
  const accepted = async () => /Received Access-Accept/.test((await radius.radclient('auth', { 'User-Name': me.username, 'User-Password': me.password })).output)
  assert.ok(await accepted(), radius.output().slice(-2000))

  const ended = await call('POST', `/billing/memberships/${m.json().id}/end`, { endsOn: day(-1) })
  assert.equal(ended.status, 200, ended.body)
  const at = Date.now()
  await waitFor(async () => ((await accepted()) ? undefined : true), { timeoutMs: 5000, message: 'refused within 5 s of the end' })
  assert.ok(Date.now() - at < 5000)
  assert.equal((await call('GET', '/wifi/me', undefined, login.cookie)).json().active, false)
})

test('an organisation\'s membership through billing gives its people Wi-Fi by the plan\'s wifi feature; its end is refused within 5 s', async () => {
  const { tenant, call } = await space()
  const org = (await call('POST', '/members/organisations', { name: 'Initech' })).json()
  const member = async (name: string, organisationId: unknown) => {
    const login = await t.signIn({ tenantId: tenant.id, role: 'member', email: `${name.toLowerCase()}.${randomUUID().slice(0, 6)}@example.com` })
    const person = (await call('POST', '/members/people', { name, email: login.email, organisationId })).json()
    await call('POST', `/members/people/${person.id}/invite`, {})
    return { login, person }
  }
  const wifiOf = async (m: { login: { cookie: string } }) => {
    const r = await call('GET', '/wifi/me', undefined, m.login.cookie)
    return r.status === 200 ? (r.json() as unknown as MyWifi) : undefined
  }
  const ann = await member('Ann', org.id)
  const noWifiPlan = await call('POST', '/billing/plans', { code: `mail-${randomUUID().slice(0, 6)}`, name: 'Mailbox only', monthlyPrice: 1000, features: { wifi: false } })
  assert.equal(noWifiPlan.status, 201, noWifiPlan.body)
  const mailbox = await call('POST', '/billing/memberships', { payerType: 'organisation', payerId: org.id, planId: noWifiPlan.json().id, startsOn: day(-3) })
  assert.equal(mailbox.status, 201, mailbox.body)
  await waitFor(async () => ((await t.adminQuery('SELECT 1 FROM wifi.memberships WHERE membership_id = $1 AND plan_id IS NOT NULL', [mailbox.json().id])).rowCount ? true : undefined),
    { timeoutMs: 15_000, message: 'mailbox membership heard' })
  assert.equal(await wifiOf(ann), undefined, 'a plan whose features say wifi: false gives no login')

  const officePlan = await call('POST', '/billing/plans', { code: `office-${randomUUID().slice(0, 6)}`, name: 'Team office', monthlyPrice: 90000, features: { wifi: true } })
  const office = await call('POST', '/billing/memberships', { payerType: 'organisation', payerId: org.id, planId: officePlan.json().id, startsOn: day(-3) })
  assert.equal(office.status, 201, office.body)
  const me = await waitFor(async () => ((await wifiOf(ann))?.active ? wifiOf(ann) : undefined), { timeoutMs: 15_000, message: 'Ann\'s login from Initech\'s office plan' })
  const accepted = async () => /Received Access-Accept/.test((await radius.radclient('auth', { 'User-Name': me!.username, 'User-Password': me!.password })).output)
  assert.ok(await accepted(), radius.output().slice(-2000))

  assert.equal((await call('POST', `/billing/memberships/${office.json().id}/end`, { endsOn: day(-1) })).status, 200)
  const at = Date.now()
  await waitFor(async () => ((await accepted()) ? undefined : true), { timeoutMs: 5000, message: 'refused within 5 s of the organisation\'s end' })
  assert.ok(Date.now() - at < 5000)
})
