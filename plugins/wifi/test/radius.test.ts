/**
 * Members' Wi-Fi against a real FreeRADIUS (started by this test, rlm_sql on the test database as `tessera_radius`):
 * a member with an active membership logs in with PAP and with PEAP/MSCHAPv2 (eapol_test); a wrong password is
 * refused; two tenants' members with the same local part are distinct logins; a suspended or ended membership is
 * refused within 5 s, a reactivated one accepted again; an organisation's membership gives each of its people Wi-Fi
 * (suspended: refused within 5 s; leaving the organisation: refused); a plan whose features say `wifi: false` gives
 * none, and with `requirePlanFeature` only `wifi: true` does; a rotated password replaces the old one; RADIUS accounting
 * start/interim/stop shows on the member's own Wi-Fi (sessions and data used). The application role cannot read the
 * NT hashes; `tessera_radius` cannot write them.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createHash, randomUUID } from 'node:crypto'
import { createSocket } from 'node:dgram'
import { createTestKernel, waitFor } from '@tessera/kernel/testing'
import members from '@tessera/plugin-members'
import { startFreeRadius } from '@tessera/plugin-wifi/testing'
import type { FreeRadius } from '@tessera/plugin-wifi/testing'
import type { MyWifi } from '@tessera/plugin-wifi/contract'
import wifi from '../src/index.ts'
import billing from './support/billing-stand-in.ts'

let t: Awaited<ReturnType<typeof createTestKernel>>
let radius: FreeRadius

before(async () => {
  t = await createTestKernel({ plugins: [members, billing, wifi], workers: true })
  radius = await startFreeRadius(t.databaseUrl)
})
after(async () => {
  await radius?.close()
  await t?.close()
})

const today = () => new Date().toISOString().slice(0, 10)
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)

/** A tenant with members, the billing stand-in and Wi-Fi (realm = slug), and a signed-in member of it. */
async function space(email = `alice.${randomUUID().slice(0, 6)}@example.com`, config: Record<string, unknown> = {}) {
  const tenant = await t.createTenant()
  for (const p of ['members', 'billing']) await t.enable(tenant.id, p)
  await t.enable(tenant.id, 'wifi', { realm: tenant.slug, ...config })
  const admin = (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, session = admin) =>
    t.request({ method, url: `/api/v1${url}`, session, ...(payload ? { payload } : {}) })
  const login = await t.signIn({ tenantId: tenant.id, role: 'member', email })
  const person = (await call('POST', '/members/people', { name: 'Alice Example', email })).json() as { id: string }
  await call('POST', `/members/people/${person.id}/invite`, {})
  const membershipId = randomUUID()
  const publish = async (event: string, payload: Record<string, string>) => {
    const r = await call('POST', '/billing/test-publish', { event, payload: { id: membershipId, payerType: 'person', payerId: person.id, ...payload } })
    assert.equal(r.statusCode, 204, r.body)
  }
  const me = async () => {
    const r = await call('GET', '/wifi/me', undefined, login.cookie)
    return r.statusCode === 200 ? (r.json() as MyWifi) : undefined
  }
  /** Any membership event (an organisation's, another membership's). */
  const publishAs = async (event: string, payload: Record<string, string>) => {
    const r = await call('POST', '/billing/test-publish', { event, payload })
    assert.equal(r.statusCode, 204, r.body)
  }
  return { tenant, call, login, personId: person.id, publish, publishAs, me, admin }
}

const pap = (username: string, password: string) => radius.radclient('auth', { 'User-Name': username, 'User-Password': password })
const accepted = async (username: string, password: string) => /Received Access-Accept/.test((await pap(username, password)).output)

async function activeMember(email?: string, config?: Record<string, unknown>) {
  const s = await space(email, config)
  await s.publish('membershipCreated', { planId: randomUUID(), startsOn: today() })
  const wifi = await waitFor(async () => (await s.me())?.active ? await s.me() : undefined, { timeoutMs: 15_000, message: 'Wi-Fi login issued' })
  return { ...s, wifi: wifi! }
}

test('an active member logs in with PAP; a wrong password is refused', async () => {
  const m = await activeMember()
  assert.match(m.wifi.username, new RegExp(`^alice\\.[a-z0-9]+@${m.tenant.slug}$`))
  assert.equal(m.wifi.password.length, 14)
  assert.ok(await accepted(m.wifi.username, m.wifi.password), radius.output().slice(-2000))
  assert.equal(await accepted(m.wifi.username, `${m.wifi.password}x`), false)
  assert.equal(await accepted(`${m.wifi.username.split('@')[0]}@elsewhere`, m.wifi.password), false)
})

test('two tenants\' members with the same local part are distinct logins', async () => {
  const local = `same.${randomUUID().slice(0, 6)}`
  const a = await activeMember(`${local}@a.example.com`)
  const b = await activeMember(`${local}@b.example.com`)
  assert.equal(a.wifi.username.split('@')[0], b.wifi.username.split('@')[0])
  assert.notEqual(a.wifi.username, b.wifi.username)
  assert.ok(await accepted(a.wifi.username, a.wifi.password))
  assert.ok(await accepted(b.wifi.username, b.wifi.password))
  assert.equal(await accepted(a.wifi.username, b.wifi.password), false)
  assert.equal(await accepted(b.wifi.username, a.wifi.password), false)
})

test('a member logs in with PEAP/MSCHAPv2 (eapol_test); a wrong password fails', async () => {
  const m = await activeMember()
  const ok = await radius.peap(m.wifi.username, m.wifi.password)
  assert.ok(ok.ok, ok.output)
  assert.equal((await radius.peap(m.wifi.username, 'not-the-password')).ok, false)
})

test('a suspended membership is refused within 5 s; reactivation lets the member in again', async () => {
  const m = await activeMember()
  assert.ok(await accepted(m.wifi.username, m.wifi.password))
  await m.publish('membershipSuspended', { invoiceId: randomUUID(), reason: 'payment_failed' })
  const at = Date.now()
  await waitFor(async () => (await accepted(m.wifi.username, m.wifi.password)) ? undefined : true, { timeoutMs: 5000, message: 'refused after suspension' })
  assert.ok(Date.now() - at < 5000)
  await m.publish('membershipReactivated', {})
  await waitFor(async () => (await accepted(m.wifi.username, m.wifi.password)) ? true : undefined, { timeoutMs: 15_000, message: 'accepted after reactivation' })
})

test('an ended membership (last day yesterday) is refused within 5 s', async () => {
  const m = await activeMember()
  await m.publish('membershipEnded', { endsOn: yesterday() })
  await waitFor(async () => (await accepted(m.wifi.username, m.wifi.password)) ? undefined : true, { timeoutMs: 5000, message: 'refused after the end' })
  assert.equal((await m.me())?.active, false)
})

test('an organisation\'s membership gives each of its people Wi-Fi; suspended → refused within 5 s; leaving the organisation → refused', async () => {
  const s = await space()
  const org = (await s.call('POST', '/members/organisations', { name: 'Acme Ltd' })).json() as { id: string }
  const bobLogin = await t.signIn({ tenantId: s.tenant.id, role: 'member', email: `bob.${randomUUID().slice(0, 6)}@example.com` })
  const bob = (await s.call('POST', '/members/people', { name: 'Bob Example', email: bobLogin.email, organisationId: org.id })).json() as { id: string }
  await s.call('POST', `/members/people/${bob.id}/invite`, {})
  assert.equal((await s.call('PATCH', `/members/people/${s.personId}`, { organisationId: org.id })).statusCode, 200)
  const bobsWifi = async () => {
    const r = await s.call('GET', '/wifi/me', undefined, bobLogin.cookie)
    return r.statusCode === 200 ? (r.json() as MyWifi) : undefined
  }
  const membership = { id: randomUUID(), payerType: 'organisation', payerId: org.id }
  await s.publishAs('membershipCreated', { ...membership, planId: randomUUID(), startsOn: today() })
  const alice = await waitFor(async () => ((await s.me())?.active ? s.me() : undefined), { timeoutMs: 15_000, message: 'Alice\'s login from the organisation' })
  const bobs = await waitFor(async () => ((await bobsWifi())?.active ? bobsWifi() : undefined), { timeoutMs: 15_000, message: 'Bob\'s login from the organisation' })
  assert.ok(await accepted(alice!.username, alice!.password), radius.output().slice(-2000))
  assert.ok(await accepted(bobs!.username, bobs!.password))

  await s.publishAs('membershipSuspended', { ...membership, invoiceId: randomUUID(), reason: 'payment_failed' })
  const at = Date.now()
  await waitFor(async () => ((await accepted(alice!.username, alice!.password)) || (await accepted(bobs!.username, bobs!.password)) ? undefined : true),
    { timeoutMs: 5000, message: 'both refused after the organisation\'s suspension' })
  assert.ok(Date.now() - at < 5000)
  await s.publishAs('membershipReactivated', membership)
  await waitFor(async () => ((await accepted(alice!.username, alice!.password)) && (await accepted(bobs!.username, bobs!.password)) ? true : undefined),
    { timeoutMs: 15_000, message: 'both accepted after reactivation' })

  assert.equal((await s.call('PATCH', `/members/people/${s.personId}`, { organisationId: null })).statusCode, 200)
  await waitFor(async () => ((await accepted(alice!.username, alice!.password)) ? undefined : true), { timeoutMs: 5000, message: 'Alice refused after leaving' })
  assert.ok(await accepted(bobs!.username, bobs!.password), 'Bob still in the organisation')
})

test('plan features: wifi: false gives no Wi-Fi; with requirePlanFeature only wifi: true does', async () => {
  const plan = async (s: Awaited<ReturnType<typeof space>>, features: Record<string, boolean>) => {
    const planId = randomUUID()
    assert.equal((await s.call('POST', '/billing/test-plan', { planId, features })).statusCode, 204)
    return planId
  }
  const settled = async (s: Awaited<ReturnType<typeof space>>, planId: string) => {
    const membership = { id: randomUUID(), payerType: 'person', payerId: s.personId }
    await s.publishAs('membershipCreated', { ...membership, planId, startsOn: today() })
    // the event was handled once the membership is in the copy
    await waitFor(async () => ((await t.adminQuery('SELECT 1 FROM wifi.memberships WHERE membership_id = $1 AND plan_id = $2', [membership.id, planId])).rowCount ? true : undefined),
      { timeoutMs: 15_000, message: 'membership heard' })
    return s.me()
  }
  const noWifi = await space()
  assert.equal(await settled(noWifi, await plan(noWifi, { wifi: false })), undefined, 'a plan with wifi: false issues no login')
  const plain = await space()
  assert.equal((await settled(plain, await plan(plain, {})))?.active, true, 'a plan without the flag gives Wi-Fi by default')
  const strict = await space(undefined, { requirePlanFeature: true })
  assert.equal(await settled(strict, await plan(strict, {})), undefined, 'requirePlanFeature: no flag, no Wi-Fi')
  const me = await settled(strict, await plan(strict, { wifi: true }))
  assert.equal(me?.active, true, 'requirePlanFeature: wifi: true gives Wi-Fi')
  assert.ok(await accepted(me!.username, me!.password))
})

test('rotating the password on /wifi/me refuses the old one and accepts the new one', async () => {
  const m = await activeMember()
  const r = await m.call('POST', '/wifi/me/password', {}, m.login.cookie)
  assert.equal(r.statusCode, 200, r.body)
  const next = r.json() as MyWifi
  assert.notEqual(next.password, m.wifi.password)
  assert.equal(await accepted(m.wifi.username, m.wifi.password), false)
  assert.ok(await accepted(m.wifi.username, next.password))
})

test('RADIUS accounting start, interim and stop show on the member\'s Wi-Fi', async () => {
  const m = await activeMember()
  const session = `s-${randomUUID().slice(0, 8)}`
  const base = { 'User-Name': m.wifi.username, 'Acct-Session-Id': session, 'NAS-IP-Address': '127.0.0.1', 'Calling-Station-Id': 'AA-BB-CC-DD-EE-FF' }
  const acct = async (attrs: Record<string, string | number>) => {
    const r = await radius.radclient('acct', { ...base, ...attrs })
    assert.match(r.output, /Received Accounting-Response/, r.output + radius.output().slice(-2000))
  }
  await acct({ 'Acct-Status-Type': 'Start' })
  let wifi = (await m.me())!
  assert.equal(wifi.sessions.length, 1)
  assert.equal(wifi.sessions[0]!.stoppedAt, null)
  assert.equal(wifi.sessions[0]!.device, 'AA-BB-CC-DD-EE-FF')
  await acct({ 'Acct-Status-Type': 'Interim-Update', 'Acct-Session-Time': 60, 'Acct-Input-Octets': 1000, 'Acct-Output-Octets': 5000 })
  assert.equal((await m.me())!.totalBytes, 6000)
  await acct({ 'Acct-Status-Type': 'Stop', 'Acct-Session-Time': 120, 'Acct-Input-Octets': 2000, 'Acct-Output-Octets': 10000, 'Acct-Input-Gigawords': 1 })
  wifi = (await m.me())!
  assert.equal(wifi.sessions[0]!.seconds, 120)
  assert.ok(wifi.sessions[0]!.stoppedAt)
  assert.equal(wifi.sessions[0]!.inputBytes, 2 ** 32 + 2000)
  assert.equal(wifi.totalBytes, 2 ** 32 + 12000)
  // another tenant's member sees none of it
  const other = await activeMember()
  assert.equal((await other.me())!.sessions.length, 0)
})

test('the application role cannot read NT hashes; tessera_radius cannot write them', async () => {
  await activeMember()
  // one simple-protocol query = one implicit transaction: SET LOCAL ROLE ends with it, success or not
  const as = (role: string, sql: string) => t.adminQuery(`SET LOCAL ROLE ${role}; ${sql}`)
  await assert.rejects(as('tessera_app', 'SELECT nt_hash FROM wifi_radius.nt_passwords'), /permission denied/)
  await assert.rejects(as('tessera_app', 'SELECT value FROM wifi.radius_credentials'), /permission denied/)
  const seen = (await as('tessera_radius', 'SELECT count(*)::int AS n FROM wifi.radius_credentials')) as unknown as { rows: { n: number }[] }[]
  assert.ok(seen[1]!.rows[0]!.n > 0)
  const updated = (await as('tessera_radius', "UPDATE wifi_radius.nt_passwords SET nt_hash = '0' WHERE true")) as unknown as { rowCount: number }[]
  assert.equal(updated[1]!.rowCount, 0)
})

test('a person suspended in members is refused within 5 s; anonymising erases the login, hash and sessions', async () => {
  const m = await activeMember()
  const r = await m.call('POST', `/members/people/${m.personId}/status`, { status: 'suspended', reason: 'test' })
  assert.equal(r.statusCode, 200, r.body)
  await waitFor(async () => (await accepted(m.wifi.username, m.wifi.password)) ? undefined : true, { timeoutMs: 5000, message: 'refused after the person was suspended' })
  await m.call('POST', `/members/people/${m.personId}/status`, { status: 'active' })
  await waitFor(async () => (await accepted(m.wifi.username, m.wifi.password)) ? true : undefined, { timeoutMs: 15_000, message: 'accepted again' })
  await radius.radclient('acct', { 'User-Name': m.wifi.username, 'Acct-Session-Id': 'gone-1', 'Acct-Status-Type': 'Start', 'Calling-Station-Id': '11-22-33-44-55-66' })
  const a = await m.call('POST', `/members/people/${m.personId}/anonymise`, { confirm: true })
  assert.equal(a.statusCode, 200, a.body)
  await waitFor(async () => (await t.adminQuery('SELECT count(*)::int AS n FROM wifi_radius.sessions WHERE person_id = $1', [m.personId])).rows[0].n === 0 ? true : undefined,
    { timeoutMs: 15_000, message: 'sessions erased' })
  const left = await t.adminQuery(
    `SELECT (SELECT count(*) FROM wifi.credentials WHERE person_id = $1)::int + (SELECT count(*) FROM wifi_radius.nt_passwords WHERE person_id = $1)::int AS n`, [m.personId])
  assert.equal(left.rows[0].n, 0)
  assert.equal(await accepted(m.wifi.username, m.wifi.password), false)
})

test('a suspension sends a Disconnect-Request (RFC 5176) for the member\'s live session to its NAS', async () => {
  const secret = 'coa-secret'
  const nas = createSocket('udp4')
  const heard: { code: number; username: string; sessionId: string; authOk: boolean }[] = []
  nas.on('message', (msg, from) => {
    const attrs = new Map<number, string>()
    for (let i = 20; i + 2 <= msg.length; i += msg[i + 1]!) attrs.set(msg[i]!, msg.subarray(i + 2, i + msg[i + 1]!).toString())
    const auth = createHash('md5').update(msg.subarray(0, 4)).update(Buffer.alloc(16)).update(msg.subarray(20)).update(secret).digest()
    heard.push({ code: msg[0]!, username: attrs.get(1) ?? '', sessionId: attrs.get(44) ?? '', authOk: auth.equals(msg.subarray(4, 20)) })
    const reply = Buffer.alloc(20)
    reply.writeUInt8(41, 0); reply.writeUInt8(msg[1]!, 1); reply.writeUInt16BE(20, 2)
    createHash('md5').update(reply.subarray(0, 4)).update(msg.subarray(4, 20)).update(secret).digest().copy(reply, 4)
    nas.send(reply, from.port, from.address)
  })
  await new Promise<void>((resolve) => nas.bind(0, '127.0.0.1', resolve))
  try {
    const m = await activeMember(undefined, { disconnect: { port: nas.address().port, secret } })
    const r = await radius.radclient('acct', { 'User-Name': m.wifi.username, 'Acct-Session-Id': 'live-1', 'Acct-Status-Type': 'Start', 'NAS-IP-Address': '127.0.0.1' })
    assert.match(r.output, /Received Accounting-Response/)
    await m.publish('membershipSuspended', { invoiceId: randomUUID(), reason: 'payment_failed' })
    const got = await waitFor(() => heard[0], { timeoutMs: 10_000, message: 'Disconnect-Request at the NAS' })
    assert.deepEqual(got, { code: 40, username: m.wifi.username, sessionId: 'live-1', authOk: true })
  } finally {
    nas.close()
  }
})
