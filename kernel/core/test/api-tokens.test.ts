/**
 * API token lifecycle (issue 9, item 2): tokens expire (default from config), are listed with their last-used time
 * (written at most once a minute), are revoked through the API and the CLI, and stop working as soon as their
 * creator loses the role that minted them or leaves the tenant.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { createTestKernel, createTestDatabase, dropTestDatabase } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'
import { ApiTokenService } from '../src/auth/api-token-service.ts'
import { changeMemberRole } from '../src/auth/tenant-members.ts'
import notes from './fixtures/notes-plugin.ts'

let t: TestKernel
let tenant: { id: string }

before(async () => {
  t = await createTestKernel({ plugins: [notes], workers: false, config: { auth: { apiTokenTtlDays: 7 } } as never })
  tenant = await t.createTenant()
  await t.enable(tenant.id, 'notes', { title: 'x' })
})
after(() => t.close())

async function waitFor<T>(fn: () => Promise<T | undefined>, ms = 5000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 50))
  }
}

const useToken = (token: string) => t.request({ method: 'GET', url: '/api/v1/notes/notes', headers: { authorization: `Bearer ${token}` } })
const issue = (session: string, payload: object) => t.request({ method: 'POST', url: '/api/v1/auth/tokens', session, payload })

test('a token expires after the configured default, shows when it was last used, and stops working once revoked', async () => {
  const owner = (await t.signIn({ tenantId: tenant.id, role: 'owner' })).cookie
  const res = await issue(owner, { name: 'ci', role: 'manager' })
  assert.equal(res.statusCode, 201, res.body)
  const { id, token, expiresAt } = res.json()
  const days = (Date.parse(expiresAt) - Date.now()) / 86_400_000
  assert.ok(days > 6.9 && days <= 7, `default lifetime from auth.apiTokenTtlDays (got ${days} days)`)
  assert.equal((await useToken(token)).statusCode, 200)
  const listed = await waitFor(async () => {
    const items = (await t.request({ method: 'GET', url: '/api/v1/auth/tokens', session: owner })).json().items
    const mine = items.find((x: { id: string }) => x.id === id)
    return mine?.lastUsedAt ? mine : undefined
  })
  assert.equal(listed.state, 'active')
  assert.equal(listed.role, 'manager')
  assert.ok(!JSON.stringify(listed).includes(token), 'the secret is never listed')
  const firstUse = (await t.adminQuery('SELECT last_used_at FROM tessera.api_tokens WHERE id = $1', [id])).rows[0].last_used_at
  for (let i = 0; i < 5; i++) assert.equal((await useToken(token)).statusCode, 200)
  const later = (await t.adminQuery('SELECT last_used_at FROM tessera.api_tokens WHERE id = $1', [id])).rows[0].last_used_at
  assert.equal(later.getTime(), firstUse.getTime(), 'last_used_at is written at most once a minute')

  assert.equal((await t.request({ method: 'DELETE', url: `/api/v1/auth/tokens/${id}`, session: owner })).statusCode, 204)
  assert.equal((await useToken(token)).statusCode, 401, 'revoked at once on this instance')
  const after = (await t.request({ method: 'GET', url: '/api/v1/auth/tokens', session: owner })).json().items.find((x: { id: string }) => x.id === id)
  assert.equal(after.state, 'revoked')
  const audit = await t.adminQuery(`SELECT action FROM tessera.audit_log WHERE tenant_id = $1 AND target = $2 ORDER BY id`, [tenant.id, `token:${id}`])
  assert.deepEqual(audit.rows.map((r) => r.action), ['token.create', 'token.revoke'])

  const expiring = (await issue(owner, { name: 'short', role: 'member', expiresInDays: 1 })).json()
  await t.adminQuery(`UPDATE tessera.api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [expiring.id])
  assert.equal((await useToken(expiring.token)).statusCode, 401, 'an expired token is refused')
  assert.equal((await issue(owner, { name: 'forever', role: 'member', expiresInDays: 100000 })).statusCode, 400, 'lifetime is bounded')
})

test('a revocation or a role change drops what this instance cached as it commits, not when its NOTIFY comes back', async () => {
  const { sessions, pool, users } = t.kernel.services
  const admin = await t.signIn({ tenantId: tenant.id, role: 'admin' })
  const revoked = (await issue(admin.cookie, { name: 'cached', role: 'member' })).json()
  const demoted = (await issue(admin.cookie, { name: 'held', role: 'admin' })).json()
  for (const { token } of [revoked, demoted]) {
    assert.equal((await useToken(token)).statusCode, 200)
    assert.ok(sessions.cached(token), 'the lookup is cached')
  }
  // each check runs in the same turn as the commit's reply, before this instance can have read its own NOTIFY
  await new ApiTokenService(pool, 7).revoke(tenant.id, revoked.id, { kind: 'operator' })
  assert.equal(sessions.cached(revoked.token), undefined, 'a revoked token is no longer cached')
  await users.grant(admin.userId, tenant.id, 'manager')
  assert.equal(sessions.cached(demoted.token), undefined, "a demoted creator's token is no longer cached")
  assert.equal((await useToken(revoked.token)).statusCode, 401)
  assert.equal((await useToken(demoted.token)).statusCode, 401)

  // inside a tenant transaction (the users screen's role change): dropped once it commits
  const member = await t.signIn({ tenantId: tenant.id, role: 'admin' })
  const held = (await issue(member.cookie, { name: 'in-tx', role: 'admin' })).json()
  assert.equal((await useToken(held.token)).statusCode, 200)
  assert.ok(sessions.cached(held.token), 'the lookup is cached')
  const owner = { type: 'user' as const, id: admin.userId, label: 'owner' }
  await t.kernel.services.tx.run({ tenantId: tenant.id, actor: owner, permissions: new Set(), tenantPlugins: new Map() },
    () => changeMemberRole(member.userId, 'manager', { type: 'user', role: 'owner' }))
  assert.equal(sessions.cached(held.token), undefined, 'a role changed in a tenant transaction is dropped at its commit')
  assert.equal((await useToken(held.token)).statusCode, 401)
})

test('a token stops working when its creator is demoted or removed from the tenant', async () => {
  const admin = await t.signIn({ tenantId: tenant.id, role: 'admin' })
  const { token } = (await issue(admin.cookie, { name: 'sync', role: 'admin' })).json()
  const other = (await issue(admin.cookie, { name: 'reader', role: 'member' })).json()
  assert.equal((await useToken(token)).statusCode, 200)
  await t.kernel.services.users.grant(admin.userId, tenant.id, 'manager')
  await waitFor(async () => ((await useToken(token)).statusCode === 401 ? true : undefined), 2000)
  assert.equal((await useToken(other.token)).statusCode, 401, 'a manager may not hold tokens at all')
  await t.kernel.services.users.grant(admin.userId, tenant.id, 'admin')
  await waitFor(async () => ((await useToken(other.token)).statusCode === 200 ? true : undefined), 2000)
  await t.adminQuery(`WITH d AS (DELETE FROM tessera.tenant_users WHERE tenant_id = $1 AND user_id = $2) SELECT pg_notify('tessera_auth', '*')`, [tenant.id, admin.userId])
  await waitFor(async () => ((await useToken(other.token)).statusCode === 401 ? true : undefined), 2000)
})

test('only owners and admins issue tokens, never above their own role, and nobody revokes a token above theirs', async () => {
  const owner = (await t.signIn({ tenantId: tenant.id, role: 'owner' })).cookie
  const admin = (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie
  const manager = (await t.signIn({ tenantId: tenant.id, role: 'manager' })).cookie
  assert.equal((await issue(manager, { name: 'm', role: 'member' })).statusCode, 403)
  assert.equal((await issue(admin, { name: 'a', role: 'owner' })).statusCode, 403)
  assert.equal((await t.request({ method: 'GET', url: '/api/v1/auth/tokens', session: manager })).statusCode, 403)
  const ownerToken = (await issue(owner, { name: 'o', role: 'owner' })).json()
  assert.equal((await t.request({ method: 'DELETE', url: `/api/v1/auth/tokens/${ownerToken.id}`, session: admin })).statusCode, 403)
  assert.equal((await useToken(ownerToken.token)).statusCode, 200)
  const other = await t.createTenant()
  const foreign = (await t.signIn({ tenantId: other.id, role: 'owner' })).cookie
  assert.equal((await t.request({ method: 'DELETE', url: `/api/v1/auth/tokens/${ownerToken.id}`, session: foreign })).statusCode, 404, 'another tenant cannot see it')
})

test('tessera tokens create, list and revoke', async () => {
  const url = await createTestDatabase()
  const bin = join(import.meta.dirname, '..', 'bin', 'tessera.ts')
  const tessera = (...args: string[]) => {
    const { DATABASE_URL: _d, ...env } = process.env
    const r = spawnSync(process.execPath, [bin, ...args], {
      encoding: 'utf8', env: { ...env, DATABASE_URL: url, TESSERA_ENV: 'test', TESSERA_PLUGINS: join(import.meta.dirname, 'fixtures', 'notes-plugin.ts') },
    })
    return { code: r.status ?? 1, out: `${r.stdout}${r.stderr}` }
  }
  try {
    assert.equal(tessera('tenants', 'create', '--slug', 'tok', '--name', 'Tokens').code, 0)
    const created = tessera('tokens', 'create', 'tok', '--name', 'door-sync', '--role', 'manager', '--days', '30')
    assert.equal(created.code, 0, created.out)
    const id = /created token ([0-9a-f-]{36})/.exec(created.out)?.[1]
    assert.ok(id, created.out)
    assert.match(created.out, /^tsk_/m, 'the secret is printed once')
    assert.match(tessera('tokens', 'list', 'tok').out, /door-sync.*manager.*active/)
    assert.equal(tessera('tokens', 'create', 'tok', '--name', 'x', '--role', 'manager', '--days', '0').code, 1)
    const revoked = tessera('tokens', 'revoke', 'tok', id)
    assert.equal(revoked.code, 0, revoked.out)
    assert.match(tessera('tokens', 'list', 'tok').out, /door-sync.*revoked/)
  } finally {
    await dropTestDatabase(url)
  }
})
