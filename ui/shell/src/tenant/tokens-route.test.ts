/**
 * The tenant's API-token screen has its own shell route, ahead of plugin routes.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { resolveRoute } from '../resolve-route.ts'

test('/settings/tokens opens the API-token screen', () => {
  assert.deepEqual(resolveRoute('/settings/tokens', { tenantId: 't', permissions: [], plugins: [] }), { kind: 'tenant-tokens' })
  assert.equal(resolveRoute('/settings/tokens/x', { tenantId: 't', permissions: [], plugins: [] }).kind, 'not-found')
})
