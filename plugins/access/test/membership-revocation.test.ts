/**
 * Issue 5: access by membership plan, and revocation that reaches the agent within seconds when a membership ends or
 * is suspended. A real kernel with members, spaces, bookings, billing and access, and a real site agent. Access does
 * not depend on billing: it keeps its own copy of the membership state from `billing.membership.*` events.
 *
 * - a group "by plan P": a member gets the door while they hold an active membership of P; ending it (billing's
 *   API, as staff, last day yesterday = ends now) makes the agent refuse the PIN within 5 s; an end date in the
 *   future does not revoke early — it travels as the grant's `validUntil`, so the agent itself stops at the end;
 * - suspension through billing's real dunning path (off-session charge declined by the Stripe fake, no retries
 *   configured → suspended at once) revokes within 5 s; staff reactivation gives access back;
 * - an organisation's membership gives the plan's doors to its people;
 * - `requireActiveMembership`: a person in a plain group gets nothing without an active membership once billing
 *   data exists; a tenant without billing data is unaffected.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import billing from '@tessera/plugin-billing'
import { startStripeFake } from '@tessera/plugin-billing/testing'
import type { StripeFake } from '@tessera/plugin-billing/testing'
import { boot, world, startAgent, agentUrl, waitFor } from './helpers.ts'
import type { World } from './helpers.ts'

let t: Awaited<ReturnType<typeof boot>>
let fake: StripeFake
const sites: Awaited<ReturnType<typeof startAgent>>[] = []
/** Added to the agents' clock for one credential check (a look into the future). */
let clockOffset = 0

before(async () => {
  fake = await startStripeFake()
  t = await boot({ extra: [billing] })
})
after(async () => {
  for (const s of sites) await s.close()
  await t?.close()
  await fake?.close()
})

const DAY = 86_400_000
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10)

/** A tenant with billing enabled (no dunning retries: the first declined off-session charge suspends), a door and a connected agent. */
async function site(accessConfig: Record<string, unknown> = {}, withBilling = true) {
  const w = await world(t, accessConfig)
  if (withBilling) {
    await t.enable(w.tenantId, 'billing', {
      currency: 'EUR', dunning: { retryDelaysSeconds: [] },
      stripe: { secretKey: 'sk_test_access', webhookSecret: 'whsec_access', apiHost: fake.host, apiPort: fake.port, apiProtocol: 'http' },
    })
  }
  const doorId = await w.door('front', { unlockDurationMs: 200 })
  const s = await startAgent(w, agentUrl(t.port, w), [{ deviceId: 'front', driver: 'simulator', config: {}, unlockDurationMs: 200 }],
    { now: () => Date.now() + clockOffset })
  sites.push(s)
  await s.agent.waitUntilConnected(10_000)
  const check = (pin: string, inMs = 0) => {
    clockOffset = inMs
    const decision = s.agent.checkCredential({ deviceId: 'front', type: 'pin', value: pin }) // reads the clock synchronously
    clockOffset = 0
    return decision
  }
  /**
   * Polls the agent until `pin` gets the wanted decision. Revocations must arrive within 5 s (the acceptance bound);
   * a new grant may take longer on a loaded machine, so it gets 15 s.
   */
  const until = async (pin: string, granted: boolean, ms = granted ? 15_000 : 5000) => {
    await waitFor(async () => ((await check(pin)).granted === granted ? true : undefined), ms, `PIN ${pin} ${granted ? 'granted' : 'refused'}`)
  }
  return { w, doorId, agent: s.agent, check, until }
}

let n = 0
const plan = (w: World) => w.ok(w.call('POST', '/billing/plans', { code: `plan-${++n}`, name: `Plan ${n}`, monthlyPrice: 20000 }))
const pin = () => String(100000 + Math.floor(Math.random() * 899999))

/** Waits until access has heard of `membershipId`'s end and the agent holds a grant set built after it. */
async function endApplied(s: Awaited<ReturnType<typeof site>>, membershipId: string, endsOn: string) {
  await waitFor(async () => {
    const r = await t.adminQuery('SELECT ends_on::text AS e FROM access.memberships WHERE tenant_id = $1 AND membership_id = $2', [s.w.tenantId, membershipId])
    return r.rows[0]?.e === endsOn ? true : undefined
  }, 5000, 'membership end heard')
  await pushed(s)
}

/** Waits until the agent holds the grant set last pushed (the subscriber pushes in the transaction that applied the event). */
async function pushed(s: Awaited<ReturnType<typeof site>>) {
  const version = Number((await t.adminQuery('SELECT pushed_grants_version AS v FROM access.agents WHERE id = $1', [s.w.agentId])).rows[0].v)
  await waitFor(() => ((s.agent.grantsVersion ?? 0) >= version ? true : undefined), 15_000, 'grant set applied')
}

test('a group by plan: the membership opens the door; ending it revokes at the agent within 5 s, a future end only at its date', async () => {
  const s = await site()
  const p = await plan(s.w)
  const other = await plan(s.w)
  await s.w.ok(s.w.call('POST', '/access/groups', { name: 'Plan P', doorIds: [s.doorId], members: [{ kind: 'plan', id: p.id }] }))
  const group = (await s.w.ok(s.w.call('GET', '/access/groups'))).items[0]
  assert.deepEqual(group.members, [{ kind: 'plan', id: p.id }])

  const m = await s.w.member('Mia Member')
  const code = pin()
  await s.w.ok(s.w.call('POST', '/access/credentials', { personId: m.personId, type: 'pin', value: code }))
  // a membership of another plan does not open the plan-P door
  const wrong = await s.w.ok(s.w.call('POST', '/billing/memberships', { payerType: 'person', payerId: m.personId, planId: other.id, startsOn: day(-10) }))
  await waitFor(async () => ((await t.adminQuery('SELECT 1 FROM access.memberships WHERE tenant_id = $1 AND membership_id = $2 AND plan_id IS NOT NULL', [s.w.tenantId, wrong.id])).rowCount ? true : undefined), 5000, 'membership heard')
  await pushed(s)
  assert.equal((await s.check(code)).granted, false, 'another plan gives no access')
  assert.equal((await s.w.call('GET', '/access/me/doors', undefined, m.cookie)).json().items?.length ?? 0, 0)

  const membership = await s.w.ok(s.w.call('POST', '/billing/memberships', { payerType: 'person', payerId: m.personId, planId: p.id, startsOn: day(-10) }))
  await s.until(code, true)
  const mine = (await s.w.ok(s.w.call('GET', '/access/me/doors', undefined, m.cookie)))
  assert.deepEqual((mine.items as any[]).map((d) => d.id), [s.doorId], 'remote unlock rights follow the plan too')

  // an end date in the future: still open today and tomorrow, closed from the day after (the grant's validUntil)
  const tomorrow = day(1)
  await s.w.ok(s.w.call('POST', `/billing/memberships/${membership.id}/end`, { endsOn: tomorrow }))
  await endApplied(s, membership.id, tomorrow)
  assert.equal((await s.check(code)).granted, true, 'not revoked before the end date')
  const endOfTomorrow = Date.parse(`${tomorrow}T23:59:00Z`) - Date.now()
  const afterTheEnd = Date.parse(`${tomorrow}T00:00:00Z`) + DAY + 60_000 - Date.now()
  assert.equal((await s.check(code, endOfTomorrow)).granted, true, 'the last day is included')
  assert.equal((await s.check(code, afterTheEnd)).granted, false, 'the agent stops at the end by itself (validUntil)')

  // ending it now (the last day was yesterday): refused within 5 s
  const started = Date.now()
  await s.w.ok(s.w.call('POST', `/billing/memberships/${membership.id}/end`, { endsOn: day(-1) }))
  await s.until(code, false)
  const took = Date.now() - started
  assert.ok(took < 5000, `revoked after ${took} ms`)
  assert.equal((await s.check(code)).reason, 'unknown-credential')
  assert.equal((await s.w.call('GET', '/access/me/doors', undefined, m.cookie)).json().items.length, 0)
  const unlock = await s.w.unlock(s.doorId, m.cookie)
  assert.equal(unlock.statusCode, 403, 'no remote unlock either')
})

test('suspension through dunning revokes within 5 s; reactivation restores; an organisation\'s membership counts', async () => {
  const s = await site()
  const p = await plan(s.w)
  await s.w.ok(s.w.call('POST', '/access/groups', { name: 'Plan P', doorIds: [s.doorId], members: [{ kind: 'plan', id: p.id }] }))
  const m = await s.w.member('Dan Dunning')
  const code = pin()
  await s.w.ok(s.w.call('POST', '/access/credentials', { personId: m.personId, type: 'pin', value: code }))
  const membership = await s.w.ok(s.w.call('POST', '/billing/memberships', { payerType: 'person', payerId: m.personId, planId: p.id, startsOn: day(0) }))
  await s.until(code, true)

  // billing's dunning path: an issued invoice, a saved card that declines, an off-session charge; no retries configured
  const run = await s.w.ok(s.w.call('POST', '/billing/invoice-runs', { period: day(0).slice(0, 7) }))
  const invoiceId = run.invoices[0]
  assert.ok(invoiceId, JSON.stringify(run))
  await s.w.ok(s.w.call('POST', `/billing/payers/person/${m.personId}/payment-method`, { paymentMethodId: 'pm_card_chargeDeclined' }))
  const started = Date.now()
  const charge = await s.w.call('POST', `/billing/invoices/${invoiceId}/charge`, {}, undefined, { 'idempotency-key': `charge-${invoiceId}` })
  assert.equal(charge.json().outcome, 'declined', charge.body)
  assert.equal((await s.w.ok(s.w.call('GET', `/billing/memberships/${membership.id}`))).status, 'suspended')
  await s.until(code, false)
  const took = Date.now() - started
  assert.ok(took < 5000, `revoked after ${took} ms`)

  await s.w.ok(s.w.call('POST', `/billing/memberships/${membership.id}/reactivate`, {}))
  await s.until(code, true)

  // a person of an organisation holding plan P gets the door too
  const org = await s.w.ok(s.w.call('POST', '/members/organisations', { name: 'Acme' }))
  const olga = await s.w.ok(s.w.call('POST', '/members/people', { name: 'Olga Org', organisationId: org.id }))
  const orgCode = pin()
  await s.w.ok(s.w.call('POST', '/access/credentials', { personId: olga.id, type: 'pin', value: orgCode }))
  const orgMembership = await s.w.ok(s.w.call('POST', '/billing/memberships', { payerType: 'organisation', payerId: org.id, planId: p.id, startsOn: day(-3) }))
  await s.until(orgCode, true)
  await s.w.ok(s.w.call('POST', `/billing/memberships/${orgMembership.id}/end`, { endsOn: day(-1) }))
  await s.until(orgCode, false)
  assert.equal((await s.check(code)).granted, true, 'the other member keeps access')
})

test('requireActiveMembership: no membership, no grants — once billing data exists; without billing nothing changes', async () => {
  const s = await site({ requireActiveMembership: true })
  await s.w.ok(s.w.call('POST', '/access/groups', { name: 'Everyone', doorIds: [s.doorId] }))
  const group = (await s.w.ok(s.w.call('GET', '/access/groups'))).items[0]
  const a = await s.w.member('Ann Active')
  const b = await s.w.member('Ben Nomembership')
  const codeA = pin()
  const codeB = pin()
  for (const [who, code] of [[a, codeA], [b, codeB]] as const) {
    await s.w.ok(s.w.call('POST', `/access/groups/${group.id}/members`, { kind: 'person', id: who.personId }))
    await s.w.ok(s.w.call('POST', '/access/credentials', { personId: who.personId, type: 'pin', value: code }))
  }
  // no billing data yet: the flag has no effect
  await s.until(codeA, true)
  await s.until(codeB, true)

  const p = await plan(s.w)
  const membership = await s.w.ok(s.w.call('POST', '/billing/memberships', { payerType: 'person', payerId: a.personId, planId: p.id, startsOn: day(-2) }))
  await s.until(codeB, false)
  assert.equal((await s.check(codeA)).granted, true, 'the member with a membership keeps access')
  assert.equal((await s.w.unlock(s.doorId, b.cookie)).statusCode, 403)
  assert.equal((await s.w.unlock(s.doorId, a.cookie)).statusCode, 200)

  await s.w.ok(s.w.call('POST', `/billing/memberships/${membership.id}/end`, { endsOn: day(-1) }))
  await s.until(codeA, false)

  // a tenant without billing: the flag changes nothing, and access runs without billing enabled
  const plain = await site({ requireActiveMembership: true }, false)
  const c = await plain.w.member('Cleo Nobilling')
  const codeC = pin()
  await plain.w.ok(plain.w.call('POST', '/access/groups', { name: 'Everyone', doorIds: [plain.doorId], members: [{ kind: 'person', id: c.personId }] }))
  await plain.w.ok(plain.w.call('POST', '/access/credentials', { personId: c.personId, type: 'pin', value: codeC }))
  await plain.until(codeC, true)
})
