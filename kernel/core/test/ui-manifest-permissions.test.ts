/**
 * The UI manifest carries the caller's permissions in the current tenant, so screens ask `can(permission)` of the
 * ui-kit instead of keeping role lists that mirror the server's permission map.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createTestKernel } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'
import notes from './fixtures/notes-plugin.ts'

let t: TestKernel

before(async () => {
  t = await createTestKernel({ plugins: [notes], workers: false })
})
after(() => t.close())

test('the UI manifest lists exactly the permissions the caller holds in the tenant', async () => {
  const tenant = await t.createTenant()
  await t.enable(tenant.id, 'notes', { title: 'N' })
  const manifestOf = async (role: 'owner' | 'member') => {
    const { cookie } = await t.signIn({ tenantId: tenant.id, role })
    const res = await t.request({ method: 'GET', url: '/api/v1/ui/manifest', session: cookie })
    assert.equal(res.statusCode, 200, res.body)
    return res.json() as { tenantId: string; permissions: string[] }
  }
  const owner = await manifestOf('owner')
  const member = await manifestOf('member')
  assert.equal(owner.tenantId, tenant.id)
  assert.ok(owner.permissions.includes('notes.write'), 'the owner may write notes')
  assert.ok(!member.permissions.includes('notes.write'), 'a member may not')
  assert.ok(member.permissions.includes('notes.read'))
  assert.deepEqual([...owner.permissions].sort(), owner.permissions, 'sorted, stable for caching')
})
