/**
 * Revocation reaches the agent within seconds: a member's PIN opens the door at the site; when staff suspend the
 * member (members plugin), the access plugin's subscriber pushes a new grant set without the grant and the agent
 * refuses the PIN within 5 s. Organisation-based access and revoked credentials behave the same.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { boot, world, startAgent, agentUrl, waitFor } from './helpers.ts'
import type { World } from './helpers.ts'

let t: Awaited<ReturnType<typeof boot>>
let w: World
let site: Awaited<ReturnType<typeof startAgent>>
let doorId: string

before(async () => {
  t = await boot()
  w = await world(t)
  doorId = await w.door('front', { unlockDurationMs: 200 })
  site = await startAgent(w, agentUrl(t.port, w), [{ deviceId: 'front', driver: 'simulator', config: {}, unlockDurationMs: 200 }])
  await site.agent.waitUntilConnected(10_000)
})
after(async () => {
  await site?.close()
  await t?.close()
})

const check = (pin: string) => site.agent.checkCredential({ deviceId: 'front', type: 'pin', value: pin })

/** Polls the agent until `pin` gets the wanted decision; returns how long it took. */
async function until(pin: string, granted: boolean, ms: number): Promise<number> {
  const start = Date.now()
  await waitFor(async () => ((await check(pin)).granted === granted ? true : undefined), ms, `PIN ${pin} ${granted ? 'granted' : 'refused'}`)
  return Date.now() - start
}

test('suspending a member revokes their PIN at the agent within 5 s', async () => {
  const m = await w.member('Sam Suspended')
  await w.ok(w.call('POST', '/access/groups', { name: 'Members', doorIds: [doorId], members: [{ kind: 'person', id: m.personId }] }))
  const cred = await w.ok(w.call('POST', '/access/credentials', { personId: m.personId, type: 'pin', value: '481516' }))
  assert.equal(cred.agents, 1)
  assert.equal(JSON.stringify(cred).includes('481516'), false, 'the PIN is never returned')
  await until('481516', true, 15_000)
  const stored = await t.adminQuery('SELECT * FROM access.credentials c JOIN access.credential_hashes h ON h.credential_id = c.id WHERE c.tenant_id = $1', [w.tenantId])
  assert.equal(JSON.stringify(stored.rows).includes('481516'), false, 'the PIN is not stored in clear')

  const started = Date.now()
  assert.equal((await w.call('POST', `/members/people/${m.personId}/status`, { status: 'suspended' })).statusCode, 200)
  await until('481516', false, 5000)
  assert.ok(Date.now() - started < 5000, `revoked after ${Date.now() - started} ms`)
  const decision = await check('481516')
  assert.equal(decision.reason, 'unknown-credential')

  // reactivation gives access back
  assert.equal((await w.call('POST', `/members/people/${m.personId}/status`, { status: 'active' })).statusCode, 200)
  await until('481516', true, 15_000)
})

test('access through the organisation; revoking a credential or leaving the organisation takes it away', async () => {
  const org = await w.ok(w.call('POST', '/members/organisations', { name: 'Acme' }))
  const person = await w.ok(w.call('POST', '/members/people', { name: 'Olga Org', organisationId: org.id }))
  await w.ok(w.call('POST', '/access/groups', { name: 'Acme staff', doorIds: [doorId], members: [{ kind: 'organisation', id: org.id }] }))
  const pin = await w.ok(w.call('POST', '/access/credentials', { personId: person.id, type: 'pin', value: '7070' }))
  await w.ok(w.call('POST', '/access/credentials', { personId: person.id, type: 'card', value: '04:a2:3b:1c' }))
  await until('7070', true, 15_000)
  // the card was issued in a second request: its grant may come with the next push
  await waitFor(async () => ((await site.agent.checkCredential({ deviceId: 'front', type: 'card', value: '04A23B1C' })).granted ? true : undefined), 15_000, 'card granted')

  assert.equal((await w.call('POST', '/access/credentials', { personId: person.id, type: 'pin', value: '7070' })).statusCode, 409, 'a PIN in use is refused')

  await w.ok(w.call('POST', `/access/credentials/${pin.id}/revoke`, {}))
  await until('7070', false, 5000)
  assert.equal((await check('7070')).reason, 'unknown-credential')
  assert.equal((await site.agent.checkCredential({ deviceId: 'front', type: 'card', value: '04A23B1C' })).granted, true, 'the card still works')

  await w.ok(w.call('PATCH', `/members/people/${person.id}`, { organisationId: null }))
  const refused = await waitFor(async () => {
    const d = await site.agent.checkCredential({ deviceId: 'front', type: 'card', value: '04A23B1C' })
    return d.granted ? undefined : d
  }, 5000, 'card refused')
  assert.equal(refused.reason, 'unknown-credential')
})

test('a member gets a generated PIN of their own; a new one replaces it', async () => {
  const m = await w.member('Pia Pin')
  await w.ok(w.call('POST', '/access/groups', { name: 'Pia', doorIds: [doorId], members: [{ kind: 'person', id: m.personId }] }))
  const first = await w.call('POST', '/access/me/pin', {}, m.cookie)
  assert.equal(first.statusCode, 201, first.body)
  assert.match(first.json().pin, /^[0-9]{6}$/)
  await until(first.json().pin, true, 15_000)
  const second = (await w.ok(w.call('POST', '/access/me/pin', {}, m.cookie))).pin as string
  await until(second, true, 15_000)
  if (second !== first.json().pin) assert.equal((await check(first.json().pin)).granted, false, 'the old PIN is gone')
  const listed = await w.ok(w.call('GET', `/access/credentials?personId=${m.personId}`))
  assert.equal(listed.items.length, 1)
  assert.equal(JSON.stringify(listed).includes(second), false, 'a PIN is shown only once')
  assert.equal((await w.call('POST', '/access/credentials', { personId: m.personId, type: 'pin', value: '12' })).statusCode, 400)
})
