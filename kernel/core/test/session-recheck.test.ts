/**
 * The session cache's background re-check (`auth/session-store.ts`): a credential still in use late in its cached
 * life is looked up again off the request path, many in one statement; what the re-check finds gone or changed behind
 * the kernel's back is forgotten (its watchers told), what it finds unchanged lives on, and an answer that comes back
 * after the entry was forgotten never brings it back. The store runs on its own clock here, moved by the test.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createTestKernel, countRoundTrips, waitFor } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'
import { SessionStore } from '../src/auth/session-store.ts'
import type { RolePermissions } from '../src/auth/role-permissions.ts'
import { ApiTokenService } from '../src/auth/api-token-service.ts'
import { hashSecret } from '../src/auth/token-hash.ts'

let t: TestKernel
let tenant: { id: string }
let clock = Date.now()

before(async () => {
  t = await createTestKernel({ plugins: [], workers: false })
  tenant = await t.createTenant()
})
after(async () => {
  await t.close()
})

/** The permissions every role has in the store's eyes: changed by the test, as installing a plugin changes them. */
let granted = ['notes.read']

/** A store of its own on the kernel's pool, on the test's clock and the test's role permissions. */
function store(): SessionStore {
  const roles = () => ({ of: () => new Set(granted) }) as unknown as RolePermissions
  return new SessionStore(t.kernel.services.pool, roles, 12, () => clock)
}

/** `n` members' session secrets. */
async function sessions(n: number): Promise<{ userId: string; secret: string }[]> {
  const users = await Promise.all(Array.from({ length: n }, () => t.signIn({ tenantId: tenant.id, role: 'member' })))
  return users.map((u) => ({ userId: u.userId, secret: u.cookie.slice(u.cookie.indexOf('=') + 1) }))
}

test('credentials in use late in their cached life are re-checked in the background, all in one statement per kind', async () => {
  const s = store()
  const members = await sessions(20)
  const token = await new ApiTokenService(t.kernel.services.pool, 7).create(tenant.id, { name: 'recheck', role: 'member' }, { kind: 'operator' })
  const secrets = [...members.map((m) => m.secret), token.token]
  clock = Date.now()
  for (const secret of secrets) assert.ok(await s.resolve(secret), 'resolves')
  // the token's use is recorded on its own (once a minute): let that land before counting
  await waitFor(async () => (await t.adminQuery('SELECT last_used_at FROM tessera.api_tokens WHERE id = $1', [token.id])).rows[0].last_used_at)

  const trips = countRoundTrips()
  try {
    clock += 10_000
    for (const secret of secrets) assert.ok(s.cached(secret), 'early in its life a hit is only a hit')
    await s.settle()
    assert.equal(trips.count(), 0, 'nothing was re-checked early')

    clock += 6_000 // 16 s after the lookups
    for (const secret of secrets) assert.ok(s.cached(secret), 'a hit late in its life is still answered at once')
    assert.equal(trips.count(), 0, 'no request waits for the re-check')
    for (const secret of secrets) s.cached(secret) // queued once, however often it is used meanwhile
    granted = ['notes.read', 'notes.write'] // a plugin installed meanwhile gave the role more
    await s.settle()
    assert.equal(trips.count(), 2, 'one statement for the 20 sessions, one for the token')
    for (const secret of secrets) assert.ok(s.cached(secret)?.permissions.has('notes.write'), 'the re-checked caller has the role\'s permissions as they are now')

    clock += 20_000 // 36 s after the first lookups, 20 s after the re-check: still within the re-checked life
    for (const secret of secrets) assert.ok(s.cached(secret), 'the re-check extended the cached life')
    await s.settle() // used late in that life too: re-checked again
    assert.equal(trips.count(), 4)
    const before = trips.count()
    clock += 31_000
    for (const secret of secrets) assert.equal(s.cached(secret), undefined, 'unused for its whole life, an entry expires')
    await s.settle()
    assert.equal(trips.count(), before, 'an expired entry is looked up by the next request, not in the background')
  } finally {
    trips.stop()
    await s.stop()
  }
})

test('a re-check forgets what changed behind the kernel\'s back, tells the watchers, and keeps the rest', async () => {
  const s = store()
  const { pool } = t.kernel.services
  const [ended, demoted, disabled, kept] = await sessions(4)
  const token = await new ApiTokenService(pool, 7).create(tenant.id, { name: 'revoked by hand', role: 'member' }, { kind: 'operator' })
  clock = Date.now()
  for (const { secret } of [ended, demoted, disabled, kept]) assert.ok(await s.resolve(secret))
  assert.ok(await s.resolve(token.token))
  const told: (string | undefined)[] = []
  s.onForget((hash) => told.push(hash))

  // SQL without the kernel's NOTIFY: what only the re-check can find
  await t.adminQuery('DELETE FROM tessera.sessions WHERE token_hash = $1', [hashSecret(ended.secret)])
  await t.adminQuery(`UPDATE tessera.tenant_users SET role = 'manager' WHERE tenant_id = $1 AND user_id = $2`, [tenant.id, demoted.userId])
  await t.adminQuery('UPDATE tessera.users SET disabled_at = now() WHERE id = $1', [disabled.userId])
  await t.adminQuery('UPDATE tessera.api_tokens SET revoked_at = now() WHERE id = $1', [token.id])

  clock += 16_000
  for (const { secret } of [ended, demoted, disabled, kept]) assert.ok(s.cached(secret), 'within the trusted life the cached answer stands')
  assert.ok(s.cached(token.token))
  await s.settle()

  assert.equal(s.cached(ended.secret), undefined, 'a session deleted by hand is forgotten')
  assert.equal(s.cached(disabled.secret), undefined, 'a disabled user is forgotten')
  assert.equal(s.cached(token.token), undefined, 'a token revoked by hand is forgotten')
  assert.equal(s.cached(demoted.secret), undefined, 'a role changed by hand is forgotten')
  assert.equal((await s.resolve(demoted.secret))?.role, 'manager', 'and looked up again with the new role')
  assert.equal(await s.resolve(ended.secret), null)
  assert.equal(await s.resolve(token.token), null)
  assert.ok(s.cached(kept.secret), 'an unchanged session lives on')
  assert.deepEqual(new Set(told), new Set([ended, demoted, disabled].map((x) => hashSecret(x.secret)).concat(hashSecret(token.token))), 'the watchers were told of each')
  await s.stop()
})

test('a re-check that answers after its entry was forgotten does not bring it back', async () => {
  const s = store()
  const [member] = await sessions(1)
  clock = Date.now()
  assert.ok(await s.resolve(member.secret))
  clock += 16_000
  assert.ok(s.cached(member.secret))
  const sent = s.settle() // the statement is on its way
  s.forget(hashSecret(member.secret)) // a change announced before its answer arrives
  await sent
  assert.equal(s.cached(member.secret), undefined, 'still forgotten: the re-check may have read the state before the change')
  await s.stop()
})
