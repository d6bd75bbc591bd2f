/**
 * The shell's question for staff menus (issue 14 item 9): `GET /me/linked` answers whether the signed-in user is a
 * person of this space — false for a manager nobody added as a person, true once a person with their e-mail is invited
 * (linked to their login) — without a 404; and the UI manifest names the route as members' `self`.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createTestKernel } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import members from '../src/index.ts'

let t: TestKernel
before(async () => { t = await createTestKernel({ plugins: [members], workers: false }) })
after(() => t.close())

test('staff are linked only once a person of this space is theirs; the manifest names the route', async () => {
  const tenant = await t.createTenant()
  await t.enable(tenant.id, 'members')
  const manager = await t.signIn({ tenantId: tenant.id, role: 'manager' })
  const linked = async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/members/me/linked', session: manager.cookie })
    assert.equal(res.statusCode, 200, res.body)
    return res.json().linked as boolean
  }
  assert.equal(await linked(), false, 'not a person here')
  const person = (await t.request({ method: 'POST', url: '/api/v1/members/people', session: manager.cookie, payload: { name: 'Max Manager', email: manager.email } })).json()
  const invited = await t.request({ method: 'POST', url: `/api/v1/members/people/${person.id}/invite`, session: manager.cookie, payload: {} })
  assert.equal(invited.statusCode, 200, invited.body)
  assert.equal(await linked(), true, 'also a member now')
  const manifest = (await t.request({ method: 'GET', url: '/api/v1/ui/manifest', session: manager.cookie })).json()
  assert.equal(manifest.plugins.find((p: { id: string }) => p.id === 'members')?.self, '/api/v1/members/me/linked')
})
