/**
 * The role rule (INV-10) as a table: nobody grants, lowers or removes a role at or above their own; system actors and
 * operators are exempt; API tokens are held by owners and admins up to their own role.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { TENANT_ROLES } from '@tessera/sdk'
import type { TenantRole } from '@tessera/sdk'
import { mayChangeRole, mayHoldToken, roleRank } from '../src/auth/role-rules.ts'

test('nobody grants, lowers or removes a role at or above their own', () => {
  const targets: (TenantRole | null)[] = [...TENANT_ROLES, null]
  for (const own of TENANT_ROLES) {
    for (const from of targets) {
      for (const to of targets) {
        const allowed = mayChangeRole({ type: 'user', role: own }, from, to)
        assert.equal(allowed, roleRank(from) < roleRank(own) && roleRank(to) < roleRank(own), `${own}: ${from} → ${to}`)
      }
    }
  }
  assert.equal(mayChangeRole({ type: 'user', role: 'manager' }, 'admin', 'member'), false, 'a manager cannot demote an admin')
  assert.equal(mayChangeRole({ type: 'user', role: 'manager' }, 'owner', null), false, 'nor remove an owner')
  assert.equal(mayChangeRole({ type: 'user', role: 'admin' }, 'admin', null), false, 'nor an admin a peer')
  assert.equal(mayChangeRole({ type: 'user', role: 'admin' }, null, 'manager'), true)
  assert.equal(mayChangeRole({ type: 'system' }, 'owner', null), true, 'system actors (CLI, seeds) are exempt')
  assert.equal(mayChangeRole({ type: 'agent', role: 'owner' }, null, 'member'), false, 'devices never assign roles')
})

test('API tokens are held by owners and admins, up to their own role', () => {
  assert.equal(mayHoldToken('owner', 'owner'), true)
  assert.equal(mayHoldToken('admin', 'admin'), true)
  assert.equal(mayHoldToken('admin', 'owner'), false)
  assert.equal(mayHoldToken('manager', 'member'), false)
  assert.equal(mayHoldToken(null, 'member'), false)
})
