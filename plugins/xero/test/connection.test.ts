/**
 * The connection: OAuth through the fake's consent page (state + PKCE), tokens sealed, choosing the organisation when
 * the consent covers two, refresh before expiry, `reconnect` when Xero refuses the refresh, disconnect revokes.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startXeroFake } from '@tessera/plugin-xero/testing'
import type { XeroFake } from '@tessera/plugin-xero/testing'
import { boot, connect, waitFor, world } from './helpers.ts'
import type { TestKernel } from './helpers.ts'

let fake: XeroFake
let t: TestKernel

before(async () => {
  fake = await startXeroFake()
  t = await boot(fake)
})
after(async () => {
  await t?.close()
  await fake?.close()
})

test('connecting through the consent page with one organisation connects it; tokens are stored sealed, never in clear', async () => {
  const org = fake.addOrganisation(`Solo Ltd ${Date.now()}`)
  const w = await world(t)
  // the consent page lists every organisation of the fake: allow only this one
  const { authorizeUrl } = await w.ok('POST', '/xero/connection/start', { redirectUri: 'http://tessera.test/api/v1/xero/oauth/callback' })
  const url = new URL(authorizeUrl)
  assert.equal(url.searchParams.get('code_challenge_method'), 'S256')
  assert.ok(url.searchParams.get('state')!.length >= 32)
  const form = new URLSearchParams({ client_id: url.searchParams.get('client_id')!, redirect_uri: url.searchParams.get('redirect_uri')!, state: url.searchParams.get('state')!, code_challenge: url.searchParams.get('code_challenge')!, tenant: org.tenantId })
  const consent = await fetch(`${fake.url}/identity/consent`, { method: 'POST', body: form, redirect: 'manual' })
  const back = new URL(consent.headers.get('location')!)
  const res = await w.call('GET', `/xero/oauth/callback${back.search}`)
  assert.equal(res.statusCode, 302)
  const c = await w.ok('GET', '/xero/connection')
  assert.equal(c.state, 'connected')
  assert.equal(c.organisationName, org.name)
  // replaying the callback (same state) is refused
  const again = await w.call('GET', `/xero/oauth/callback${back.search}`)
  assert.equal(again.statusCode, 400)
  const box = (await t.adminQuery('SELECT token_box FROM xero.connections WHERE tenant_id = $1', [w.tenantId])).rows[0].token_box as string
  const token = fake.state.tokens.at(-1)!
  assert.ok(box.startsWith('v1:'), 'sealed with the kernel secret')
  assert.ok(!box.includes(token.accessToken) && !box.includes(token.refreshToken))
})

test('a consent covering two organisations asks which one, then connects the chosen one', async () => {
  fake.addOrganisation(`Second Org ${Date.now()}`)
  const w = await world(t)
  await connect(w, fake)
  const c = await w.ok('GET', '/xero/connection')
  assert.equal(c.state, 'choose_organisation')
  assert.ok(c.organisations.length >= 2)
  const chosen = c.organisations[1]
  const after = await w.ok('POST', '/xero/connection/organisation', { tenantId: chosen.tenantId })
  assert.equal(after.state, 'connected')
  assert.equal(after.organisationName, chosen.name)
  const bad = await w.call('POST', '/xero/connection/organisation', { tenantId: 'not-an-org' })
  assert.equal(bad.statusCode, 422)
})

test('disconnect revokes the refresh token at Xero and forgets the tokens', async () => {
  const w = await world(t)
  await connect(w, fake)
  const c = await w.ok('GET', '/xero/connection')
  if (c.state === 'choose_organisation') await w.ok('POST', '/xero/connection/organisation', { tenantId: c.organisations[0].tenantId })
  const token = fake.state.tokens.at(-1)!
  const after = await w.ok('POST', '/xero/connection/disconnect', {})
  assert.equal(after.state, 'disconnected')
  assert.equal(token.revoked, true)
  const row = (await t.adminQuery('SELECT token_box FROM xero.connections WHERE tenant_id = $1', [w.tenantId])).rows[0]
  assert.equal(row.token_box, null)
})

test('staff without xero.manage cannot start a connection', async () => {
  const w = await world(t)
  const support = (await t.signIn({ tenantId: w.tenantId, role: 'support' })).cookie
  const res = await w.call('POST', '/xero/connection/start', { redirectUri: 'http://tessera.test/api/v1/xero/oauth/callback' }, support)
  assert.equal(res.statusCode, 403)
})

test('the refresh job renews the access token before it expires; a refused refresh leaves the connection in "reconnect"', async () => {
  const org = fake.addOrganisation(`Refresh Ltd ${Date.now()}`)
  const w = await world(t)
  await connect(w, fake)
  const c = await w.ok('GET', '/xero/connection')
  if (c.state === 'choose_organisation') await w.ok('POST', '/xero/connection/organisation', { tenantId: org.tenantId })
  const before = fake.state.tokens.length
  await t.adminQuery('UPDATE xero.connections SET access_expires_at = now() + interval \'1 minute\' WHERE tenant_id = $1', [w.tenantId])
  await t.sendJob('xero.refresh-tokens', { tenantId: w.tenantId })
  await waitFor(async () => fake.state.tokens.length === before + 1, 15_000, 'refreshed')
  const renewed = await w.ok('GET', '/xero/connection')
  assert.equal(renewed.state, 'connected')
  assert.ok(Date.parse(renewed.accessExpiresAt) > Date.now() + 20 * 60_000, 'a fresh 30-minute token')
  // Xero refuses the refresh (refresh token revoked or older than 60 days): reconnect, with Xero's reason
  for (const tk of fake.state.tokens) if (tk.tenantIds.includes(org.tenantId)) tk.revoked = true
  await t.adminQuery('UPDATE xero.connections SET access_expires_at = now() WHERE tenant_id = $1', [w.tenantId])
  await t.sendJob('xero.refresh-tokens', { tenantId: w.tenantId })
  await waitFor(async () => (await w.ok('GET', '/xero/connection')).state === 'reconnect', 15_000, 'reconnect state')
  assert.match((await w.ok('GET', '/xero/connection')).lastError, /invalid_grant/)
})
