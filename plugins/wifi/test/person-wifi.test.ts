/**
 * A person's Wi-Fi for staff (`/wifi/people/:personId`, `wifi.manage`) on a real kernel and PostgreSQL, with the
 * billing stand-in publishing billing's membership events: an active member's login, status, password date, devices
 * and data used — never the password; why a person has no working login (no membership, suspended membership, a plan
 * without Wi-Fi, a suspended member record, a membership that ended); staff "New password" (the member's own view
 * shows the new one; audited) and "Disconnect" (a Disconnect-Request to a fake NAS; 409 when not configured). A member
 * gets 403, another tenant's person and an unknown id 404, a malformed id a 400 naming the field. The profile section
 * is in the UI manifest for staff of a tenant with Wi-Fi, not for members, and not in a tenant without Wi-Fi.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createHash, randomUUID } from 'node:crypto'
import { createSocket } from 'node:dgram'
import { createTestKernel, waitFor } from '@tessera/kernel/testing'
import members from '@tessera/plugin-members'
import type { MyWifi, PersonWifi } from '@tessera/plugin-wifi/contract'
import wifi from '../src/index.ts'
import billing from './support/billing-stand-in.ts'

let t: Awaited<ReturnType<typeof createTestKernel>>

before(async () => {
  t = await createTestKernel({ plugins: [members, billing, wifi], workers: true })
})
after(async () => {
  await t?.close()
})

const today = () => new Date().toISOString().slice(0, 10)
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)

/** A tenant with members, the billing stand-in and Wi-Fi (realm = slug, plus `config`), and a manager's session. */
async function space(config: Record<string, unknown> = {}) {
  const tenant = await t.createTenant()
  for (const p of ['members', 'billing']) await t.enable(tenant.id, p)
  await t.enable(tenant.id, 'wifi', { realm: tenant.slug, ...config })
  const admin = (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie
  const manager = (await t.signIn({ tenantId: tenant.id, role: 'manager' })).cookie
  const call = (method: 'GET' | 'POST', url: string, payload?: object, session = manager) =>
    t.request({ method, url: `/api/v1${url}`, session, ...(payload ? { payload } : {}) })
  const publish = async (event: string, payload: Record<string, string>) => {
    const r = await call('POST', '/billing/test-publish', { event, payload }, admin)
    assert.equal(r.statusCode, 204, r.body)
  }
  /** A person with a member login; `membership`: an active membership of a new plan (with `features`) from today. */
  const person = async (name: string, options: { membership?: boolean; features?: Record<string, boolean> } = {}) => {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${randomUUID().slice(0, 6)}@example.com`
    const login = await t.signIn({ tenantId: tenant.id, role: 'member', email })
    const p = (await call('POST', '/members/people', { name, email })).json() as { id: string }
    await call('POST', `/members/people/${p.id}/invite`, {})
    const membershipId = randomUUID()
    const planId = randomUUID()
    if (options.features) assert.equal((await call('POST', '/billing/test-plan', { planId, features: options.features }, admin)).statusCode, 204)
    if (options.membership) await publish('membershipCreated', { id: membershipId, payerType: 'person', payerId: p.id, planId, startsOn: today() })
    const ofMembership = (event: string, payload: Record<string, string> = {}) => publish(event, { id: membershipId, payerType: 'person', payerId: p.id, ...payload })
    return { personId: p.id, login, ofMembership }
  }
  const staffView = async (personId: string) => {
    const r = await call('GET', `/wifi/people/${personId}`)
    assert.equal(r.statusCode, 200, r.body)
    return r.json() as PersonWifi
  }
  return { tenant, admin, manager, call, person, staffView }
}

test('staff see an active member\'s login, status, password date, devices and data used — never the password', async () => {
  const s = await space()
  const mia = await s.person('Mia Member', { membership: true })
  const view = await waitFor(async () => { const v = await s.staffView(mia.personId); return v.active ? v : undefined }, { timeoutMs: 15_000, message: 'login issued' })
  const own = (await s.call('GET', '/wifi/me', undefined, mia.login.cookie)).json() as MyWifi
  assert.equal(view.username, own.username)
  assert.equal(view.refusal, null)
  assert.equal(view.rotatedAt, own.rotatedAt)
  assert.equal(view.canDisconnect, false)
  assert.ok(!JSON.stringify(view).includes(own.password), 'the staff view never carries the password')
  assert.ok(!('password' in view))
  // accounting as FreeRADIUS writes it: two sessions of one laptop (one live), one of a phone
  await t.adminQuery(
    `INSERT INTO wifi_radius.sessions (tenant_id, person_id, username, acct_session_id, calling_station, started_at, updated_at, stopped_at, session_seconds, input_octets, output_octets)
     VALUES ($1, $2, $3, 'a-1', 'AA-BB-CC-00-00-01', now() - interval '5 hours', now() - interval '4 hours', now() - interval '4 hours', 3600, 100000000, 20000000),
            ($1, $2, $3, 'a-2', 'AA-BB-CC-00-00-01', now() - interval '1 hour', now(), NULL, 3600, 10000000, 5000000),
            ($1, $2, $3, 'p-1', '11-22-33-44-55-66', now() - interval '3 hours', now() - interval '2 hours', now() - interval '2 hours', 3600, 4000000, 1000000)`,
    [s.tenant.id, mia.personId, own.username])
  const withSessions = await s.staffView(mia.personId)
  assert.equal(withSessions.totalBytes, 140_000_000)
  assert.equal(withSessions.openSessions, 1)
  assert.deepEqual(withSessions.devices.map((d) => [d.device, d.connected, d.sessions]), [['AA-BB-CC-00-00-01', true, 2], ['11-22-33-44-55-66', false, 1]])
})

test('why a person has no working login: none, suspended membership, plan without Wi-Fi, suspended member, ended membership', async () => {
  const s = await space()
  const none = await s.person('Nora None')
  const v0 = await s.staffView(none.personId)
  assert.equal(v0.username, null)
  assert.equal(v0.active, false)
  assert.equal(v0.refusal?.code, 'no-membership')
  assert.match(v0.refusal!.message, /No membership/)

  const plan = await s.person('Pia Plan', { membership: true, features: { wifi: false } })
  await waitFor(async () => (await s.staffView(plan.personId)).refusal?.code === 'plan-without-wifi' || undefined, { timeoutMs: 15_000, message: 'plan without Wi-Fi' })
  assert.equal((await s.staffView(plan.personId)).refusal?.message, 'Their plan does not include Wi-Fi.')

  const sus = await s.person('Sam Suspended', { membership: true })
  await waitFor(async () => (await s.staffView(sus.personId)).active || undefined, { timeoutMs: 15_000, message: 'login issued' })
  await sus.ofMembership('membershipSuspended', { invoiceId: randomUUID(), reason: 'payment_failed' })
  const vs = await waitFor(async () => { const v = await s.staffView(sus.personId); return v.active ? undefined : v }, { timeoutMs: 15_000, message: 'suspended' })
  assert.ok(vs.username, 'the login is kept')
  assert.deepEqual(vs.refusal, { code: 'membership-suspended', message: 'Their membership is suspended.' })

  const rec = await s.person('Rita Record', { membership: true })
  await waitFor(async () => (await s.staffView(rec.personId)).active || undefined, { timeoutMs: 15_000, message: 'login issued' })
  assert.equal((await s.call('POST', `/members/people/${rec.personId}/status`, { status: 'suspended' }, s.admin)).statusCode, 200)
  await waitFor(async () => (await s.staffView(rec.personId)).refusal?.code === 'person-suspended' || undefined, { timeoutMs: 15_000, message: 'member suspended' })

  const end = await s.person('Ed Ended', { membership: true })
  await waitFor(async () => (await s.staffView(end.personId)).active || undefined, { timeoutMs: 15_000, message: 'login issued' })
  await end.ofMembership('membershipEnded', { endsOn: yesterday() })
  const ve = await waitFor(async () => { const v = await s.staffView(end.personId); return v.active ? undefined : v }, { timeoutMs: 15_000, message: 'ended' })
  assert.deepEqual(ve.refusal, { code: 'membership-ended', message: `Their membership ended on ${yesterday()}.` })
})

test('staff give a member a new password: the member sees it on My Wi-Fi, RADIUS gets a new hash, it is audited', async () => {
  const s = await space()
  const mia = await s.person('Mia Rotate', { membership: true })
  const before = await waitFor(async () => { const v = await s.staffView(mia.personId); return v.active ? v : undefined }, { timeoutMs: 15_000, message: 'login issued' })
  const own = (await s.call('GET', '/wifi/me', undefined, mia.login.cookie)).json() as MyWifi
  const hash = async () => (await t.adminQuery('SELECT nt_hash FROM wifi_radius.nt_passwords WHERE person_id = $1', [mia.personId])).rows[0]!.nt_hash
  const oldHash = await hash()
  const r = await s.call('POST', `/wifi/people/${mia.personId}/password`, {})
  assert.equal(r.statusCode, 200, r.body)
  const after = r.json() as PersonWifi
  assert.ok(!('password' in after))
  assert.ok(Date.parse(after.rotatedAt!) >= Date.parse(before.rotatedAt!))
  const ownAfter = (await s.call('GET', '/wifi/me', undefined, mia.login.cookie)).json() as MyWifi
  assert.notEqual(ownAfter.password, own.password)
  assert.equal(ownAfter.rotatedAt, after.rotatedAt)
  assert.notEqual(await hash(), oldHash)
  const audit = await t.adminQuery(
    `SELECT count(*)::int AS n FROM tessera.audit_log WHERE tenant_id = $1 AND action = 'wifi.password.rotate' AND target = $2`, [s.tenant.id, `person:${mia.personId}`])
  assert.equal(audit.rows[0]!.n, 1)
  // a person without a login: nothing to rotate
  const none = await s.person('Nils None')
  const no = await s.call('POST', `/wifi/people/${none.personId}/password`, {})
  assert.equal(no.statusCode, 409)
  assert.match(no.json().detail, /no Wi-Fi login yet/)
})

test('staff disconnect a member: a Disconnect-Request per live session to its NAS; 409 when the space has not configured it', async () => {
  const secret = 'coa-secret'
  const nas = createSocket('udp4')
  const heard: { code: number; username: string; sessionId: string }[] = []
  nas.on('message', (msg, from) => {
    const attrs = new Map<number, string>()
    for (let i = 20; i + 2 <= msg.length; i += msg[i + 1]!) attrs.set(msg[i]!, msg.subarray(i + 2, i + msg[i + 1]!).toString())
    heard.push({ code: msg[0]!, username: attrs.get(1) ?? '', sessionId: attrs.get(44) ?? '' })
    const reply = Buffer.alloc(20)
    reply.writeUInt8(41, 0); reply.writeUInt8(msg[1]!, 1); reply.writeUInt16BE(20, 2)
    createHash('md5').update(reply.subarray(0, 4)).update(msg.subarray(4, 20)).update(secret).digest().copy(reply, 4)
    nas.send(reply, from.port, from.address)
  })
  await new Promise<void>((resolve) => nas.bind(0, '127.0.0.1', resolve))
  try {
    const s = await space({ disconnect: { port: nas.address().port, secret } })
    const mia = await s.person('Mia Live', { membership: true })
    const v = await waitFor(async () => { const x = await s.staffView(mia.personId); return x.active ? x : undefined }, { timeoutMs: 15_000, message: 'login issued' })
    assert.equal(v.canDisconnect, true)
    await t.adminQuery(
      `INSERT INTO wifi_radius.sessions (tenant_id, person_id, username, acct_session_id, nas_ip, calling_station, started_at, updated_at)
       VALUES ($1, $2, $3, 'live-9', '127.0.0.1', 'AA-BB-CC-00-00-09', now(), now())`, [s.tenant.id, mia.personId, v.username])
    const r = await s.call('POST', `/wifi/people/${mia.personId}/disconnect`, {})
    assert.equal(r.statusCode, 200, r.body)
    assert.deepEqual(r.json(), { sessions: 1, acknowledged: 1 })
    assert.deepEqual(heard, [{ code: 40, username: v.username, sessionId: 'live-9' }])
    const audit = await t.adminQuery(
      `SELECT count(*)::int AS n FROM tessera.audit_log WHERE tenant_id = $1 AND action = 'wifi.sessions.disconnect' AND target = $2`, [s.tenant.id, `person:${mia.personId}`])
    assert.equal(audit.rows[0]!.n, 1)
  } finally {
    nas.close()
  }
  const plain = await space()
  const p = await plain.person('Pat Plain')
  const no = await plain.call('POST', `/wifi/people/${p.personId}/disconnect`, {})
  assert.equal(no.statusCode, 409)
  assert.match(no.json().detail, /Disconnecting is not set up/)
})

test('a member gets 403; another tenant\'s person and an unknown id 404; a malformed id 400 naming the field', async () => {
  const a = await space()
  const b = await space()
  const mia = await a.person('Mia Member', { membership: true })
  const theirs = await b.person('Theo Other', { membership: true })
  for (const [method, url] of [['GET', ''], ['POST', '/password'], ['POST', '/disconnect']] as const) {
    const asMember = await a.call(method, `/wifi/people/${mia.personId}${url}`, method === 'POST' ? {} : undefined, mia.login.cookie)
    assert.equal(asMember.statusCode, 403, `${method} ${url}: ${asMember.body}`)
    assert.match(asMember.headers['content-type'] as string, /application\/problem\+json/)
    const other = await a.call(method, `/wifi/people/${theirs.personId}${url}`, method === 'POST' ? {} : undefined)
    assert.equal(other.statusCode, 404, `${method} ${url}: ${other.body}`)
    assert.equal(other.json().detail, 'There is no such person in this space.')
    const unknown = await a.call(method, `/wifi/people/${randomUUID()}${url}`, method === 'POST' ? {} : undefined)
    assert.equal(unknown.statusCode, 404)
    const bad = await a.call(method, `/wifi/people/not-a-person${url}`, method === 'POST' ? {} : undefined)
    assert.equal(bad.statusCode, 400, bad.body)
    assert.match(bad.headers['content-type'] as string, /application\/problem\+json/)
    assert.deepEqual(bad.json().errors.map((e: { pointer: string }) => e.pointer), ['/params/personId'])
    assert.match(bad.json().errors[0].detail, /valid id/)
  }
})

test('the Wi-Fi profile section is in the UI manifest for staff of a tenant with Wi-Fi; not for members; not without Wi-Fi', async () => {
  const s = await space()
  const sections = async (cookie: string) => {
    const r = await t.request({ method: 'GET', url: '/api/v1/ui/manifest', session: cookie })
    assert.equal(r.statusCode, 200, r.body)
    return (r.json().plugins as { id: string; profileSections: { id: string; element: string; order: number }[] }[]).find((p) => p.id === 'wifi')?.profileSections ?? []
  }
  const staff = await sections(s.manager)
  assert.deepEqual(staff.map((x) => [x.id, x.element]), [['wifi', 'wifi-profile-section']])
  assert.ok(staff[0]!.order > 30 && staff[0]!.order < 900)
  const m = await s.person('Mo Member')
  assert.deepEqual(await sections(m.login.cookie), [])
  // a tenant that has not enabled Wi-Fi: no section (and the route answers 404)
  const tenant = await t.createTenant()
  for (const p of ['members', 'billing']) await t.enable(tenant.id, p)
  const manager = (await t.signIn({ tenantId: tenant.id, role: 'manager' })).cookie
  assert.deepEqual(await sections(manager), [])
  const person = (await t.request({ method: 'POST', url: '/api/v1/members/people', session: manager, payload: { name: 'No Wifi', email: `nowifi.${randomUUID().slice(0, 6)}@example.com` } })).json() as { id: string }
  assert.equal((await t.request({ method: 'GET', url: `/api/v1/wifi/people/${person.id}`, session: manager })).statusCode, 404)
})
