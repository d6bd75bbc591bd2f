/**
 * The tenant's settings screens (API tokens, users, audit log) and the operator's health and audit screens have their
 * own shell routes, ahead of plugin routes.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { resolveRoute } from '../resolve-route.ts'

test('/settings/tokens opens the API-token screen', () => {
  assert.deepEqual(resolveRoute('/settings/tokens', { tenantId: 't', permissions: [], plugins: [] }), { kind: 'tenant-tokens' })
  assert.equal(resolveRoute('/settings/tokens/x', { tenantId: 't', permissions: [], plugins: [] }).kind, 'not-found')
})

test('the users, audit and operator health screens have their own shell routes', () => {
  const empty = { tenantId: 't', permissions: [], plugins: [] }
  assert.deepEqual(resolveRoute('/settings/users', empty), { kind: 'tenant-users' })
  assert.deepEqual(resolveRoute('/settings/audit', empty), { kind: 'tenant-audit' })
  assert.deepEqual(resolveRoute('/operator/health', empty), { kind: 'operator-health' })
  assert.deepEqual(resolveRoute('/operator/audit', empty), { kind: 'operator-audit' })
  assert.equal(resolveRoute('/operator/health/x', empty).kind, 'not-found')
})
